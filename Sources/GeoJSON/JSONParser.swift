#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A syntax error in a JSON text: where it is (byte offset, line, column, JSON path) and what is wrong.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
    public var line: Int
    public var column: Int
    public var path: JSONPath
}

/// A strict RFC 8259 parser over bytes.
///
/// It rejects what lenient parsers let through and would otherwise corrupt data silently: a byte
/// order mark, trailing commas, comments, `NaN`/`Infinity`, numbers that overflow a double (`1e999`),
/// invalid UTF-8, lone surrogates, control characters in strings, duplicate member names and
/// trailing content. Nesting is limited (`maximumDepth`) so hostile input cannot exhaust the stack.
public struct JSONParser {
    /// Deepest nesting accepted; GeoJSON needs at most 6 levels plus whatever properties hold.
    public var maximumDepth: Int

    public init(maximumDepth: Int = 512) { self.maximumDepth = maximumDepth }

    public func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> JSONValue in
            var scanner = Scanner(bytes: buffer, maximumDepth: maximumDepth)
            return try scanner.parseDocument()
        }
    }

    public func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}


private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var position = 0
    var depth = 0
    var path: [JSONPath.Component] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    // MARK: errors

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Columns count characters, not bytes, so they match what an editor shows.
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return JSONSyntaxError(message: message, offset: offset, line: line, column: column, path: JSONPath(path))
    }

    func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    // MARK: structure

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            throw error("the file starts with a UTF-8 byte order mark, which JSON (RFC 8259) does not allow; save it as UTF-8 without BOM", at: 0)
        }
        if bytes.count >= 4 && ((bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0) || (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF)) {
            throw error("the file is UTF-32; JSON must be UTF-8", at: 0)
        }
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw error("the file is UTF-16; JSON must be UTF-8", at: 0)
        }
        skipWhitespace()
        if position == bytes.count { throw error("the file is empty: expected a JSON value") }
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            throw error("unexpected \(describeByte(at: position)) after the end of the JSON value")
        }
        return value
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of file: the JSON text is truncated") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["):
            if let numeric = parseNumericArray() { return .numbers(numeric) }
            return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "N"): throw error("NaN is not a JSON number")
        case UInt8(ascii: "I"): throw error("Infinity is not a JSON number")
        case UInt8(ascii: "'"): throw error("strings must use double quotes")
        case UInt8(ascii: "/"): throw error("comments are not allowed in JSON")
        case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","):
            throw error("expected a value, found \(describeByte(at: position))")
        default:
            throw error("expected a value, found \(describeByte(at: position))")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard position + count <= bytes.count else { throw error("unexpected end of file: the JSON text is truncated") }
        for index in 0..<count where bytes[position + index] != start[index] {
            throw error("invalid literal: expected '\(literal)'")
        }
        position += count
    }

    mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > maximumDepth {
            throw error("nesting deeper than \(maximumDepth) levels; no GeoJSON needs that much")
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject(members))
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an object: the JSON text is truncated") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                if bytes[position] == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                throw error("expected a member name in double quotes, found \(describeByte(at: position))")
            }
            let keyStart = position
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after member name \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            path.append(.key(key))
            let value = try parseValue()
            path.removeLast()
            if members.updateValue(value, forKey: key) != nil {
                throw error("duplicate member name \"\(key)\"", at: keyStart)
            }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an object: the JSON text is truncated") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(JSONObject(members))
            default:
                throw error("expected ',' or '}' after an object member, found \(describeByte(at: position))")
            }
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
                throw error("trailing comma before ']'")
            }
            path.append(.index(elements.count))
            elements.append(try parseValue())
            path.removeLast()
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an array: the JSON text is truncated") }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(elements)
            default:
                throw error("expected ',' or ']' after an array element, found \(describeByte(at: position))")
            }
        }
    }

    /// Fast path for arrays holding only numbers and arrays (coordinates). Returns nil, with the
    /// position unchanged, when the array holds anything else or is malformed: the generic path
    /// then parses it again and reports any error with its exact path.
    mutating func parseNumericArray() -> NumericArray? {
        let start = position
        let startDepth = depth
        var values: [Double] = []
        var shape: [Int32] = []
        // Stack of indices into `shape` of the open arrays, whose counts are still growing.
        var open: [Int] = []
        func fail(_ scanner: inout Scanner) -> NumericArray? {
            scanner.position = start
            scanner.depth = startDepth
            return nil
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { return fail(&self) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "[") {
                if let parent = open.last { shape[parent] += 1 }
                depth += 1
                if depth > maximumDepth { return fail(&self) }
                open.append(shape.count)
                shape.append(0)
                position += 1
                skipWhitespace()
                if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    depth -= 1
                    open.removeLast()
                    if open.isEmpty { break }
                    guard closeOrContinue(&open) else { return fail(&self) }
                    if open.isEmpty { break }
                }
                continue
            }
            guard byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")),
                !open.isEmpty, let number = try? parseNumber()
            else { return fail(&self) }
            shape[open.last!] += 1
            shape.append(-1)
            values.append(number)
            guard closeOrContinue(&open) else { return fail(&self) }
            if open.isEmpty { break }
        }
        if values.isEmpty { return fail(&self) }
        return NumericArray(values: values, shape: shape)
    }

    /// After an element: consumes ',' (more elements follow) or one or more ']' closing arrays.
    /// Returns false on anything else, or on ',' directly followed by ']' (a trailing comma).
    mutating func closeOrContinue(_ open: inout [Int]) -> Bool {
        while true {
            skipWhitespace()
            guard position < bytes.count else { return false }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                return position < bytes.count && bytes[position] != UInt8(ascii: "]")
            }
            guard bytes[position] == UInt8(ascii: "]") else { return false }
            position += 1
            depth -= 1
            open.removeLast()
            if open.isEmpty { return true }
        }
    }

    // MARK: numbers

    mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        var index = position
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        func isDigit(_ offset: Int) -> Bool {
            offset < bytes.count && bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9")
        }
        guard isDigit(index) else {
            if index < bytes.count && bytes[index] == UInt8(ascii: "I") { throw error("-Infinity is not a JSON number", at: start) }
            throw error("invalid number: expected a digit", at: index)
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw error("invalid number: leading zeros are not allowed", at: start) }
        } else {
            while isDigit(index) {
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
                    if mantissa != 0 { significantDigits += 1 }
                } else {
                    exponent += 1
                }
                index += 1
            }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw error("invalid number: expected a digit after '.'", at: index) }
            while isDigit(index) {
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
                    if mantissa != 0 { significantDigits += 1 }
                    exponent -= 1
                }
                index += 1
            }
        }
        var explicitExponent = 0
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            var exponentNegative = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard isDigit(index) else { throw error("invalid number: expected a digit in the exponent", at: index) }
            while isDigit(index) {
                if explicitExponent < 100_000 {
                    explicitExponent = explicitExponent * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                index += 1
            }
            if exponentNegative { explicitExponent = -explicitExponent }
        }
        position = index
        let totalExponent = exponent + explicitExponent
        // Clinger's fast path: exact when the mantissa and the power of ten are both exact doubles.
        if significantDigits <= 15 && mantissa < (1 << 53) && totalExponent >= -22 && totalExponent <= 22 {
            var value = Double(mantissa)
            value = totalExponent < 0 ? value / powersOfTen[-totalExponent] : value * powersOfTen[totalExponent]
            return negative ? -value : value
        }
        let value = slowParse(from: start, to: index)
        guard value.isFinite else {
            throw error("number out of range: \(String(decoding: bytes[start..<index], as: UTF8.self)) does not fit in a double", at: start)
        }
        return value
    }

    /// Correctly rounded conversion by the C library. Frontline never calls `setlocale`, so the
    /// process stays in the "C" locale and '.' is the decimal point.
    func slowParse(from start: Int, to end: Int) -> Double {
        let length = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for offset in 0..<length { buffer[offset] = CChar(bitPattern: bytes[start + offset]) }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    // MARK: strings

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let quote = position
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                guard let string = String(validating: slice, as: UTF8.self) else {
                    throw error("invalid UTF-8 in a string", at: firstInvalidUTF8(from: start, to: position))
                }
                position += 1
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character (byte 0x\(String(byte, radix: 16, uppercase: true))) inside a string: escape it", at: position) }
            position += 1
        }
        guard position < bytes.count else { throw error("unterminated string", at: quote) }
        var buffer = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let string = String(validating: buffer, as: UTF8.self) else {
                    throw error("invalid UTF-8 in a string", at: firstInvalidUTF8(from: start, to: position - 1))
                }
                return string
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw error("unterminated string", at: quote) }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw error("lone UTF-16 surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string", at: position - 6) }
                        position += 2
                        let low = try parseHex4()
                        guard low >= 0xDC00 && low <= 0xDFFF else {
                            throw error("invalid UTF-16 surrogate pair in a string", at: position - 12)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        throw error("lone UTF-16 surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in a string", at: position - 6)
                    }
                    buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    throw error("invalid escape sequence '\\\(Character(Unicode.Scalar(escape)))' in a string", at: position - 2)
                }
            default:
                if byte < 0x20 { throw error("control character (byte 0x\(String(byte, radix: 16, uppercase: true))) inside a string: escape it", at: position) }
                buffer.append(byte)
                position += 1
            }
        }
        throw error("unterminated string", at: quote)
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    /// Offset of the first byte that breaks UTF-8 in `start..<end`, to point the error at it.
    func firstInvalidUTF8(from start: Int, to end: Int) -> Int {
        var index = start
        while index < end {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            if index + length > end { return index }
            if length > 1 {
                let slice = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)])
                if String(validating: slice, as: UTF8.self) == nil { return index }
            }
            index += length
        }
        return start
    }
}

private let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
]
