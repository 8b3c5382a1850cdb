import FrontlineModel
import GeoJSON
import Geometry

/// Reads dBASE III tables, the attribute part of a Shapefile (`.dbf`).
///
/// Field types: C (text), N and F (numbers; blank is null), L (logical), D (date, written
/// YYYY-MM-DD), others as text. Text is UTF-8 when valid (or declared by a `.cpg` file), else
/// read as Latin-1 so that no byte is lost. Deleted records are reported as nil.
enum DBF {
    struct Field {
        var name: String
        var type: UInt8
        var length: Int
    }

    static func read(_ bytes: [UInt8], file: String) throws(DataError) -> (fields: [Field], records: [JSONObject?]) {
        let reader = ByteReader(bytes, file: file)
        let recordCount = Int(try reader.uint32LE(4, "record count"))
        let headerLength = try reader.uint16LE(8, "header length")
        let recordLength = try reader.uint16LE(10, "record length")
        var fields: [Field] = []
        var offset = 32
        while offset < headerLength - 1 {
            let marker = try reader.uint8(offset, "field descriptor")
            if marker == 0x0D { break }
            let nameBytes = try reader.slice(offset, 11, "field name").prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self).trimmingSpaces
            let type = try reader.uint8(offset + 11, "field type")
            let length = Int(try reader.uint8(offset + 16, "field length"))
            fields.append(Field(name: name, type: type, length: length))
            offset += 32
        }
        guard fields.reduce(1, { $0 + $1.length }) <= recordLength else {
            throw DataError(file: file, message: "corrupt table: fields are longer than the record length \(recordLength)")
        }
        // The header's count is checked against the bytes present before anything is reserved.
        guard recordLength > 0 || recordCount == 0, headerLength <= reader.count,
            recordCount <= (reader.count - headerLength) / max(recordLength, 1)
        else {
            throw DataError(file: file, message: "truncated or corrupt table: the header claims \(recordCount) records of \(recordLength) bytes after \(headerLength) header bytes, the file has \(reader.count) bytes")
        }
        var records: [JSONObject?] = []
        records.reserveCapacity(recordCount)
        for index in 0..<recordCount {
            let start = headerLength + index * recordLength
            let record = try reader.slice(start, recordLength, "record \(index)")
            if record.first == UInt8(ascii: "*") {
                records.append(nil)
                continue
            }
            var object = JSONObject()
            var position = record.startIndex + 1
            for field in fields {
                let raw = record[position..<(position + field.length)]
                position += field.length
                object[field.name] = value(raw, type: field.type)
            }
            records.append(object)
        }
        return (fields, records)
    }

    static func value(_ raw: ArraySlice<UInt8>, type: UInt8) -> JSONValue {
        let text = decodeText(raw).trimmingSpaces
        switch type {
        case UInt8(ascii: "N"), UInt8(ascii: "F"):
            if text.isEmpty || text.allSatisfy({ $0 == "*" }) { return .null }
            if let number = Double(text), number.isFinite { return .number(number) }
            return .string(text)
        case UInt8(ascii: "L"):
            switch text.uppercased() {
            case "T", "Y": return .bool(true)
            case "F", "N": return .bool(false)
            default: return .null
            }
        case UInt8(ascii: "D"):
            guard text.count == 8, text.allSatisfy(\.isNumber) else { return text.isEmpty ? .null : .string(text) }
            let characters = Array(text)
            return .string("\(String(characters[0..<4]))-\(String(characters[4..<6]))-\(String(characters[6..<8]))")
        default:
            return text.isEmpty ? .null : .string(text)
        }
    }

    static func decodeText(_ raw: ArraySlice<UInt8>) -> String {
        let trimmed = raw.prefix { $0 != 0 }
        if let text = String(validating: trimmed, as: UTF8.self) { return text }
        return String(trimmed.map { Character(Unicode.Scalar($0)) })
    }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
