extension String {
    /// The text with line breaks and other control characters written as escapes (`\n`,
    /// `\u{1B}`), so that a message quoting an id or a file name is always one line: a newline in
    /// an id cannot forge a second diagnostic, nor an escape sequence recolour a terminal.
    public var oneLine: String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var text = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where Self.needsEscape(scalar): text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
