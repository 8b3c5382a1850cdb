/// Deterministic JSON output: object members sorted by UTF-8 bytes, numbers in their shortest
/// round-trip form (integral values without a fraction), no insignificant whitespace.
/// The same value always gives the same bytes, so users can diff outputs.
public struct JSONWriter {
    public init() {}

    /// Serializes `value` compactly.
    public static func serialize(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let bool): output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .number(let number): writeNumber(number, into: &output)
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .numbers(let numeric):
            var cursor = NumericArray.Cursor(numeric)
            writeNumeric(&cursor, into: &output)
        case .object(let object):
            writeObject(object, into: &output)
        }
    }

    public static func writeObject(_ object: JSONObject, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (index, key) in object.sortedKeys.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeString(key, into: &output)
            output.append(UInt8(ascii: ":"))
            write(object[key]!, into: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    private static func writeNumeric(_ cursor: inout NumericArray.Cursor, into output: inout [UInt8]) {
        switch cursor.next() {
        case .number(let number): writeNumber(number, into: &output)
        case .array(let count):
            output.append(UInt8(ascii: "["))
            for index in 0..<count {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeNumeric(&cursor, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .end: break
        }
    }

    /// Writes a finite number in its shortest round-trip form; with `decimals`, rounded to that
    /// many decimal places first (only when a user asks for a precision).
    public static func writeNumber(_ number: Double, decimals: Int? = nil, into output: inout [UInt8]) {
        var value = number
        if let decimals, value.isFinite {
            let scale = decimalScale(decimals)
            let rounded = (value * scale).rounded() / scale
            if rounded.isFinite { value = rounded }
        }
        precondition(value.isFinite, "JSON cannot hold a non-finite number")
        if value == value.rounded(), abs(value) < 1e15 {
            let integer = Int64(value)
            output.append(contentsOf: String(integer).utf8)
        } else {
            output.append(contentsOf: value.description.utf8)
        }
    }

    public static func formatNumber(_ number: Double, decimals: Int? = nil) -> String {
        var output: [UInt8] = []
        writeNumber(number, decimals: decimals, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func decimalScale(_ decimals: Int) -> Double {
        powerOfTen(max(0, min(decimals, 17)))
    }

    public static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    public static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        writeString(string, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
