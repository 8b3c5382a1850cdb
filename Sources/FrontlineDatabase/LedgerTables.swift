import FrontlineModel
import GeoJSON
import Geometry

/// How a data folder's files map to the tables of the `frontline` schema: each feature (or
/// actor) is a row with its file, its position in the file, its id, a typed column for each
/// property that QGIS users edit and index (dates as DATE, `source` as jsonb), the other
/// properties in `properties` (jsonb), the rest of the feature (foreign members, bbox, a
/// numeric id) in `feature` (jsonb) and its geometry in `geom` (EPSG:4326). A value goes to
/// its typed column only when the column gives it back unchanged (a string for text, a real
/// `YYYY-MM-DD` for a date); anything else stays in `properties`, so every file comes back
/// from the database as it went in.
public struct LedgerTable: Sendable {
    public enum ColumnType: Sendable {
        case text, date, json
        var sql: String {
            switch self {
            case .text: "text"
            case .date: "date"
            case .json: "jsonb"
            }
        }
    }

    /// The table's name in the `frontline` schema.
    public var name: String
    /// The data file, or nil for claims (each row names its file, under `claims/`).
    public var file: String?
    public var columns: [(property: String, type: ColumnType)]
    /// False for actors (`actors.json` is an array of objects, not GeoJSON).
    public var hasGeometry = true

    public static let actors = LedgerTable(name: "actors", file: Dataset.actorsFile,
                                           columns: [("name", .text), ("color", .text), ("note", .text)], hasGeometry: false)
    public static let regions = LedgerTable(name: "regions", file: Dataset.regionsFile,
                                            columns: [("name", .text), ("country", .text), ("level", .text)])
    public static let settlements = LedgerTable(name: "settlements", file: Dataset.settlementsFile,
                                                columns: [("name", .text), ("region", .text)])
    public static let baseline = LedgerTable(name: "baseline", file: Dataset.baselineFile, columns: [("controller", .text)])
    public static let lines = LedgerTable(name: "lines", file: Dataset.linesFile, columns: [("name", .text), ("date", .date)])
    public static let claims = LedgerTable(name: "claims", file: nil, columns: [
        ("date", .date), ("reported", .date), ("controller", .text), ("claimant", .text), ("status", .text),
        ("region", .text), ("extent", .text), ("mode", .text), ("ceded_to", .text), ("settlements", .json),
        ("source", .json), ("note", .text),
    ])
    /// In the order a push writes them (claims last: they refer to the others).
    public static let all: [LedgerTable] = [.actors, .regions, .settlements, .baseline, .lines, .claims]

    /// The column names of a row, in order.
    var columnNames: [String] {
        ["file", "position", "id"] + columns.map(\.property) + ["properties", "feature"] + (hasGeometry ? ["geom"] : [])
    }

    /// The table's DDL.
    var createSQL: String {
        let key = file == nil ? "id text PRIMARY KEY" : (name == "baseline" || name == "lines" ? "id text" : "id text UNIQUE")
        var parts = [
            file == nil ? "file text NOT NULL DEFAULT 'claims/database.geojson'" : "file text NOT NULL DEFAULT '\(file!)'",
            file == nil ? "position integer" : "position integer NOT NULL", key,
        ]
        for column in columns {
            parts.append("\(column.property) \(column.type.sql)" + (file == nil && column.property == "date" ? " NOT NULL" : ""))
        }
        parts += ["properties jsonb", "feature jsonb"]
        if hasGeometry { parts.append("geom geometry(Geometry, 4326)") }
        if file != nil { parts.append("PRIMARY KEY (position)") }
        return "CREATE TABLE frontline.\(name) (\n  " + parts.joined(separator: ",\n  ") + "\n)"
    }

    /// A feature of `file` at `position` as the text of each column (COPY's input).
    func row(_ feature: Feature, file: String, position: Int) throws(DataError) -> [String?] {
        var properties = feature.properties?.members ?? [:]
        var typed: [String?] = []
        for column in columns {
            guard let value = properties[column.property] else { typed.append(nil); continue }
            switch (column.type, value) {
            case (.text, .string(let text)):
                typed.append(text)
            case (.date, .string(let text)) where CalendarDate(text)?.description == text:
                typed.append(text)
            case (.json, _):
                typed.append(JSONWriter.serialize(value))
            default:
                typed.append(nil)
                continue
            }
            properties[column.property] = nil
        }
        var rest = feature.foreignMembers.members
        var id: String?
        switch feature.id {
        case .string(let text)?: id = text
        case let other?: rest["id"] = other.jsonValue
        case nil: break
        }
        if let bbox = feature.bbox { rest["bbox"] = .array(bbox.map { .number($0) }) }
        if feature.properties == nil { rest["properties"] = .null }
        var geometry: String?
        if hasGeometry, let shape = feature.geometry {
            do {
                geometry = Hex.string(Self.extendedWKB(try Geometry(shape).wkb))
            } catch {
                throw DataError(file: file, message: "feature \(position) (\(id ?? "no id")): geometry: cannot be stored: \(error)")
            }
        }
        return [file, String(position), id] + typed
            + [properties.isEmpty ? nil : JSONWriter.serialize(.object(JSONObject(properties))), rest.isEmpty ? nil : JSONWriter.serialize(.object(JSONObject(rest)))]
            + (hasGeometry ? [geometry] : [])
    }

    /// The SELECT that gives rows back in the order of `row`: files, then positions (rows a
    /// user inserted with no position after the others, by id).
    var selectSQL: String {
        let columns = columnNames.map { name -> String in
            switch name {
            case "geom": "encode(ST_AsEWKB(geom, 'NDR'), 'hex')"
            case "properties", "feature", "settlements", "source": "\(name)::text"
            case "position": "position::text"
            default: self.columns.first { $0.property == name }?.type == .date ? "\(name)::text" : name
            }
        }
        // Sorted by the stored columns (not the text output ones) and byte order, whatever the
        // database's collation.
        return "SELECT \(columns.joined(separator: ", ")) FROM frontline.\(name) AS t ORDER BY t.file COLLATE \"C\", t.position NULLS LAST, t.id COLLATE \"C\""
    }

    /// A row of `selectSQL` as the feature it came from; `what` names the row in errors.
    func feature(_ values: [String?], what: String) throws(DataError) -> Feature {
        func json(_ text: String?, _ column: String) throws(DataError) -> JSONValue? {
            guard let text else { return nil }
            do { return try JSONParser().parse(text) } catch { throw DataError(file: what, message: "\(column): not JSON: \(error)") }
        }
        var properties: [String: JSONValue] = [:]
        for (index, column) in columns.enumerated() {
            guard let text = values[3 + index] else { continue }
            properties[column.property] = column.type == .json ? try json(text, column.property) : .string(text)
        }
        let base = 3 + columns.count
        if let rest = try json(values[base], "properties")?.objectValue {
            for (key, value) in rest.members where properties[key] == nil { properties[key] = value }
        }
        var members = try json(values[base + 1], "feature")?.objectValue?.members ?? [:]
        var feature = Feature(id: values[2].map { .string($0) }, geometry: nil, properties: JSONObject(properties))
        if let id = members.removeValue(forKey: "id") {
            switch id {
            case .number(let number): feature.id = .number(number)
            case .string(let text): feature.id = .string(text)
            default: break
            }
        }
        if let bbox = members.removeValue(forKey: "bbox")?.arrayElements { feature.bbox = bbox.compactMap(\.numberValue) }
        if members.removeValue(forKey: "properties") != nil, properties.isEmpty { feature.properties = nil }
        feature.foreignMembers = JSONObject(members)
        if hasGeometry, let hex = values[base + 2] {
            guard let bytes = Self.bytes(hex: hex) else { throw DataError(file: what, message: "geom: not hexadecimal") }
            do { feature.geometry = try Geometry(wkb: bytes).geoJSON } catch { throw DataError(file: what, message: "geom: \(error)") }
        }
        return feature
    }

    /// GEOS's little-endian WKB with PostGIS's SRID flag and 4326 after the type: the
    /// extended WKB that a `geometry(Geometry, 4326)` column takes as text.
    static func extendedWKB(_ wkb: [UInt8]) -> [UInt8] {
        guard wkb.count >= 5, wkb[0] == 1 else { return wkb }
        var bytes = wkb
        bytes[4] |= 0x20
        bytes.insert(contentsOf: [0xE6, 0x10, 0x00, 0x00], at: 5)  // 4326, little endian
        return bytes
    }

    static func bytes(hex: String) -> [UInt8]? {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
