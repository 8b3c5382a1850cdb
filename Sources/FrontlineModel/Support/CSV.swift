import GeoJSON
import Geometry

/// RFC 4180 CSV: quoting on output, parsing with quoted fields on input.
public enum CSV {
    /// A field quoted when it holds a comma, a quote or a line break; one a spreadsheet would
    /// run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return, and not a
    /// plain number) is prefixed with `'`, as OWASP recommends against CSV injection.
    public static func escape(_ field: String) -> String {
        let field = neutralized(field)
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }

    static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        if let number = Double(field), number.isFinite, field.allSatisfy({ "+-0123456789.eE".contains($0) }) { return field }
        return "'" + field
    }

    /// Rows of fields. Accepts LF or CRLF line ends and quoted fields spanning lines; a final
    /// line break is optional. Invalid UTF-8 is an error naming the line.
    public static func parse(_ bytes: [UInt8], file: String) throws(DataError) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        var line = 1
        func finishField() throws(DataError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw DataError(file: file, message: "line \(line): invalid UTF-8")
            }
            row.append(text)
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): quoted = true
                case UInt8(ascii: ","): try finishField()
                case 0x0D: break
                case 0x0A:
                    try finishField()
                    rows.append(row)
                    row = []
                    line += 1
                default: field.append(byte)
                }
            }
            index += 1
        }
        if quoted { throw DataError(file: file, message: "line \(line): unterminated quoted field") }
        if !field.isEmpty || !row.isEmpty {
            try finishField()
            rows.append(row)
        }
        return rows
    }
}
