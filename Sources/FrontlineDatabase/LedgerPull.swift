import FrontlineModel
import GeoJSON
import Geometry
import PostgreSQL

extension LedgerDatabase {
    /// The data folder the database holds, file by file (relative name → bytes), read in one
    /// REPEATABLE READ transaction so that a push under way is seen whole or not at all. GeoJSON
    /// files are written by Frontline's deterministic encoder, so a folder in that form (the
    /// shipped GeoData, anything Frontline wrote) comes back byte for byte.
    public static func pull(_ url: String) throws -> (target: String, files: [(name: String, bytes: [UInt8])]) {
        let connection = try connect(url)
        return try run(connection) {
            try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try requireSchema(connection)
            var files: [(name: String, bytes: [UInt8])] = []
            var members: [String: JSONObject] = [:]
            for row in try connection.execute("SELECT name, members::text, encode(content, 'hex') FROM frontline.files ORDER BY name").values {
                guard let name = row[0] else { continue }
                let what = "\(connection.target): frontline.files row \"\(name.oneLine)\""
                if let hex = row[2] {
                    try checkName(name, document: true, what: what)
                    guard let bytes = LedgerTable.bytes(hex: hex) else { throw DataError(file: what, message: "content: not hexadecimal") }
                    files.append((name, bytes))
                } else if let text = row[1] {
                    do { members[name] = try JSONParser().parse(text).objectValue ?? JSONObject() } catch {
                        throw DataError(file: what, message: "members: not JSON: \(error)")
                    }
                }
            }
            let encoder = GeoJSONEncoder()
            for table in LedgerTable.all {
                var order: [String] = []
                var features: [String: [Feature]] = [:]
                for row in try connection.execute(table.selectSQL).values {
                    let file = table.file ?? row[0] ?? ""
                    let what = "\(connection.target): frontline.\(table.name) row \(row[2].map { "\"\($0.oneLine)\"" } ?? "with no id")"
                    if table.file == nil { try checkName(file, document: false, what: what) }
                    if features[file] == nil { order.append(file) }
                    features[file, default: []].append(try table.feature(row, what: what))
                }
                if let file = table.file, features[file] == nil, members[file] != nil { order.append(file) }
                for file in order {
                    let items = features[file] ?? []
                    if table.hasGeometry {
                        files.append((file, encoder.encode(FeatureCollection(features: items, foreignMembers: members[file] ?? JSONObject()))))
                    } else {
                        files.append((file, Actor.fileBytes(items.map(actorObject))))
                    }
                }
            }
            try connection.execute("COMMIT")
            return (connection.target, files.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
        }
    }

    static func actorObject(_ feature: Feature) -> JSONValue {
        var members = feature.properties?.members ?? [:]
        if case .string(let id)? = feature.id { members["id"] = .string(id) }
        return .object(JSONObject(members))
    }

    /// A file name from the database stays inside the folder: a claims file is
    /// `claims/NAME.geojson` (or `.json`), a document a plain name; neither hidden.
    static func checkName(_ name: String, document: Bool, what: String) throws(DataError) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let leaf = parts.last.map(String.init) ?? ""
        let shapeOK = document ? parts.count == 1 : (parts.count == 2 && parts[0] == "claims")
        let lowered = leaf.lowercased()
        guard shapeOK, !leaf.isEmpty, !leaf.hasPrefix("."), !leaf.contains("\0"),
              document || lowered.hasSuffix(".geojson") || lowered.hasSuffix(".json") else {
            throw DataError(file: what, message: "file \"\(name.oneLine)\" is not a name inside a data folder (claims go in claims/NAME.geojson)")
        }
    }
}
