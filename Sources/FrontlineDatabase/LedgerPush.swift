import FrontlineModel
import GeoJSON
import Geometry
import PostgreSQL

extension LedgerDatabase {
    /// What a push changed.
    public struct PushSummary: Sendable {
        public var target: String
        public var files = 0
        public var added = 0
        public var replaced = 0
        public var removed = 0
        public var claims = 0
        public var description: String {
            "\(target): pushed \(files) files; claims: \(added) added, \(replaced) replaced, \(removed) removed, \(claims) in the ledger"
        }
    }

    /// Writes the folder at `directory` (already loaded and checked by the caller) into the
    /// database in one transaction. The regions, actors, settlements, baseline, lines and
    /// documents become the folder's; claims are added or replaced by id, and with `replace`
    /// the ledger becomes exactly the folder's (claims not in it are removed). Pushes take one
    /// advisory lock, so concurrent pushes land one after the other, never mixed.
    public static func push(directory: String, to url: String, replace: Bool) throws -> PushSummary {
        let contents = try FolderContents.read(directory)
        let connection = try connect(url)
        var summary = PushSummary(target: connection.target)
        return try run(connection, rolledBack: "nothing was written: the database holds the ledger it held before") {
            try connection.execute("BEGIN")
            try requireSchema(connection)
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('frontline.push'))")
            try connection.execute("DELETE FROM frontline.files")
            try connection.copyIn("COPY frontline.files (name, members, content) FROM STDIN", rows: contents.fileRows)
            summary.files = contents.fileRows.count
            for table in LedgerTable.all where table.file != nil {
                try connection.execute("DELETE FROM frontline.\(table.name)")
                let rows = contents.rows[table.name] ?? []
                if !rows.isEmpty { try connection.copyIn("COPY frontline.\(table.name) (\(table.columnNames.joined(separator: ", "))) FROM STDIN", rows: rows) }
            }
            let claims = LedgerTable.claims
            try connection.execute("CREATE TEMPORARY TABLE pushed_claims (LIKE frontline.claims INCLUDING DEFAULTS) ON COMMIT DROP")
            try connection.copyIn("COPY pushed_claims (\(claims.columnNames.joined(separator: ", "))) FROM STDIN", rows: contents.rows["claims"] ?? [])
            if replace {
                summary.removed = try connection.execute("DELETE FROM frontline.claims c WHERE NOT EXISTS (SELECT 1 FROM pushed_claims p WHERE p.id = c.id)").affected
            }
            summary.replaced = try connection.execute("DELETE FROM frontline.claims c USING pushed_claims p WHERE c.id = p.id").affected
            summary.added = try connection.execute("INSERT INTO frontline.claims SELECT * FROM pushed_claims").affected - summary.replaced
            let count = try connection.execute("SELECT count(*) FROM frontline.claims").values.first?.first ?? nil
            summary.claims = count.flatMap { Int($0) } ?? 0
            try connection.execute("COMMIT")
            return summary
        }
    }
}

/// A data folder's files as table rows.
struct FolderContents {
    var rows: [String: [[String?]]] = [:]
    var fileRows: [[String?]] = []

    static func read(_ directory: String) throws -> FolderContents {
        var contents = FolderContents()
        let dataset = Dataset.empty(directory)
        var dataFiles = Set<String>()
        for table in LedgerTable.all {
            let files = try table.file.map { [$0] } ?? ClaimsLedger.files(in: dataset).map { String($0.dropFirst(directory.count + 1)) }
            for name in files {
                let path = dataset.path(name)
                dataFiles.insert(name)
                guard FileIO.exists(path) else { continue }
                var members = JSONObject()
                let features: [Feature]
                if table.hasGeometry {
                    let collection = try GeoJSONFile.loadCollection(path)
                    (features, members) = (collection.features, collection.foreignMembers)
                } else {
                    features = try actorFeatures(path)
                }
                for (index, feature) in features.enumerated() {
                    contents.rows[table.name, default: []].append(try table.row(feature, file: name, position: index))
                }
                contents.fileRows.append([name, JSONWriter.serialize(.object(members)), nil])
            }
        }
        // Other files of the folder (SOURCES.md, QUALITY.md) travel as bytes.
        for name in try FileIO.listDirectory(directory).sorted() where !dataFiles.contains(name) && !name.hasPrefix(".") && !FileIO.isDirectory(dataset.path(name)) {
            contents.fileRows.append([name, nil, "\\x" + Hex.string(try FileIO.read(dataset.path(name)))])
        }
        return contents
    }

    /// `actors.json`'s objects as features whose properties are the object less its id.
    static func actorFeatures(_ path: String) throws -> [Feature] {
        let value: JSONValue
        do { value = try JSONParser().parse(try FileIO.read(path)) } catch let error as JSONSyntaxError {
            throw DataError(file: path, message: "not JSON: \(error)")
        }
        guard let items = value.arrayElements else { throw DataError(file: path, message: "expected an array of actors") }
        return items.map { item in
            var members = item.objectValue?.members ?? [:]
            let id = members.removeValue(forKey: "id")?.stringValue
            return Feature(id: id.map { .string($0) }, geometry: nil, properties: JSONObject(members))
        }
    }
}
