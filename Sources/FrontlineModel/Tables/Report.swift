import GeoJSON
import Geometry

/// A tabular result (rows of named values) that renders as an aligned text table, CSV or JSON.
/// Keeps every command's output consistent and deterministic.
public struct Report: Sendable {
    public struct Column: Sendable {
        public var key: String
        public var title: String
        /// Decimal places in the text table (full precision in JSON and CSV).
        public var decimals: Int?

        public init(_ key: String, title: String? = nil, decimals: Int? = nil) {
            self.key = key
            self.title = title ?? key
            self.decimals = decimals
        }
    }

    public var columns: [Column]
    public var rows: [JSONObject]

    public init(columns: [Column], rows: [JSONObject] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// `[{...}, ...]` with sorted keys, one row per line.
    public func json() -> String {
        var output: [UInt8] = [UInt8(ascii: "[")]
        for (index, row) in rows.enumerated() {
            output.append(contentsOf: index == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            JSONWriter.writeObject(row, into: &output)
        }
        if !rows.isEmpty { output.append(0x0A) }
        output.append(contentsOf: [UInt8(ascii: "]"), 0x0A])
        return String(decoding: output, as: UTF8.self)
    }

    /// RFC 4180 CSV with a header row; numbers in full precision.
    public func csv() -> String {
        var lines = [columns.map { CSV.escape($0.key) }.joined(separator: ",")]
        for row in rows {
            lines.append(columns.map { CSV.escape(Report.plainText(row[$0.key], decimals: nil)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A text table with aligned columns (numbers right-aligned), for people.
    public func table() -> String {
        let header = columns.map(\.title)
        let body = rows.map { row in columns.map { Report.plainText(row[$0.key], decimals: $0.decimals) } }
        let numeric = columns.map { column in rows.contains { if case .number = $0[column.key] { return true } else { return false } } }
        var widths = header.map(\.count)
        for cells in body {
            for (index, cell) in cells.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return numeric[index] ? padding + cell : cell + padding
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += body.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    public static func plainText(_ value: JSONValue?, decimals: Int?) -> String {
        switch value {
        case .none, .null: return ""
        case .string(let string): return string
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number):
            guard let decimals else { return JSONWriter.formatNumber(number) }
            return fixed(number, decimals: decimals)
        default: return JSONWriter.serialize(value!)
        }
    }

    /// `number` with exactly `decimals` decimal places ("12.300").
    public static func fixed(_ number: Double, decimals: Int) -> String {
        let scale = powerOfTen(decimals)
        let scaled = (abs(number) * scale).rounded()
        guard scaled < 9e15 else { return JSONWriter.formatNumber(number) }
        let integer = Int64(scaled)
        let divisor = Int64(scale)
        var text = String(integer / divisor)
        if decimals > 0 {
            let fraction = String(integer % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return (number < 0 && integer != 0 ? "-" : "") + text
    }
}

