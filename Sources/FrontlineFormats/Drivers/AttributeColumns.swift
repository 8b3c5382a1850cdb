import FrontlineModel
import GeoJSON

/// The typed attribute columns of a set of features, for every format that declares its
/// columns (KML's Schema, FlatGeobuf and other GDAL formats, the published PostGIS tables):
/// every property that occurs, in byte order of the names, typed by its values. Dates (`date`,
/// `claim_date`, `valid_from`, `valid_to`, `reported` holding YYYY-MM-DD) are dates; measures
/// (`…_km`, `…_km2`) are real even where they are 0; numbers that are all whole are integers;
/// lists and objects are JSON; a column whose values disagree is text (JSON if any is JSON).
public struct AttributeColumns: Sendable {
    public enum Kind: Sendable, Equatable { case date, integer, real, boolean, text, json }
    public var columns: [(name: String, kind: Kind)]

    public static let dateColumns: Set<String> = ["date", "claim_date", "valid_from", "valid_to", "reported"]

    /// Whether an attribute is a measure in km or km² (its name ends in `_km` or `_km2`).
    public static func isMeasure(_ key: String) -> Bool { key.hasSuffix("_km") || key.hasSuffix("_km2") }

    public init(_ properties: [JSONObject], excluding excluded: Set<String> = []) {
        var kinds: [String: Kind] = [:]
        for object in properties {
            for (key, value) in object.members where !excluded.contains(key) {
                let kind: Kind
                switch value {
                case .null: continue
                case .bool: kind = .boolean
                case .number(let number): kind = number == number.rounded() && abs(number) < 9e15 && !Self.isMeasure(key) ? .integer : .real
                case .string(let text): kind = Self.dateColumns.contains(key) && CalendarDate(text)?.description == text ? .date : .text
                default: kind = .json
                }
                guard let known = kinds[key], known != kind else {
                    kinds[key] = kind
                    continue
                }
                if Set([known, kind]) == [.integer, .real] { kinds[key] = .real } else { kinds[key] = (known == .json || kind == .json) ? .json : .text }
            }
        }
        columns = kinds.keys.sorted(by: JSONObject.keyOrder).map { ($0, kinds[$0]!) }
    }

    /// `value` as text in a column of `kind`: numbers shortest round-trip, JSON serialised.
    public static func text(_ value: JSONValue, kind: Kind) -> String {
        switch (value, kind) {
        case (.string(let text), _): return text
        case (.number(let number), _): return JSONWriter.formatNumber(number)
        case (.bool(let flag), .boolean): return flag ? "1" : "0"
        default: return Report.plainText(value, decimals: nil)
        }
    }
}
