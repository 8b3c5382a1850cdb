import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry
import PostgreSQL

extension LedgerDatabase {
    /// The schema `db publish` fills: a table per feature kind, every date of the timeline in it.
    public static let publishedSchema = "frontline_published"

    /// What a publish wrote.
    public struct PublishSummary: Sendable {
        public var target: String
        public var dates: Int
        public var tables: [(name: String, rows: Int)]
        public var description: String {
            "\(target): published \(dates) dates into \(publishedSchema): " + tables.map { "\($0.name) (\($0.rows) rows)" }.joined(separator: ", ")
        }
    }

    /// Writes the snapshots of `dates` (with lineage: the pieces and the claims behind them) as
    /// the tables of `frontline_published`: `control`, `band`, `frontline`, `piece`,
    /// `unlocated`, each row with `date`, `valid_from` and `valid_to` (DATE; `valid_to`
    /// exclusive) for QGIS's Temporal Controller, geometries in EPSG:4326 at full precision.
    /// The tables are built in a schema of their own and renamed into place in one transaction:
    /// a reader sees the previous publish or this one, never half of one.
    public static func publish(_ tracker: Tracker, dates: [CalendarDate], layer: Layer, to url: String) throws -> PublishSummary {
        let snapshots = try SnapshotBuilder(tracker: tracker).snapshots(at: dates, options: .init(layer: layer, lineage: true))
        let table = FeatureTable(timeline: snapshots, layer: layer, dates: dates, actors: tracker.actors)
        var order: [SnapshotFeature.Kind] = []
        var grouped: [SnapshotFeature.Kind: [Feature]] = [:]
        for item in table.features {
            if grouped[item.kind] == nil { order.append(item.kind) }
            grouped[item.kind, default: []].append(item.feature)
        }
        let connection = try connect(url)
        var summary = PublishSummary(target: connection.target, dates: dates.count, tables: [])
        let staging = publishedSchema + "_next"
        return try run(connection, rolledBack: "nothing was written: the published tables are as they were") {
            try connection.execute("BEGIN")
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext('frontline.publish'))")
            try connection.execute("DROP SCHEMA IF EXISTS \(staging) CASCADE")
            try connection.execute("CREATE SCHEMA \(staging)")
            for kind in order {
                let features = grouped[kind] ?? []
                let columns = PublishedColumns(features)
                let name = kind.rawValue
                try connection.execute("CREATE TABLE \(staging).\(name) (fid serial PRIMARY KEY, id text NOT NULL, " + columns.sql + ", geom geometry(Geometry, 4326))")
                try connection.copyIn("COPY \(staging).\(name) (id, \(columns.names), geom) FROM STDIN", rows: try features.map(columns.row))
                try connection.execute("CREATE INDEX ON \(staging).\(name) USING gist (geom)")
                try connection.execute("CREATE INDEX ON \(staging).\(name) (date)")
                summary.tables.append((name, features.count))
            }
            try connection.execute("DROP SCHEMA IF EXISTS \(publishedSchema) CASCADE")
            try connection.execute("ALTER SCHEMA \(staging) RENAME TO \(publishedSchema)")
            try connection.execute("COMMIT")
            return summary
        }
    }
}

/// The attribute columns of a published table: every property that occurs, typed by its
/// values (dates as DATE, numbers as double precision, booleans, text; lists and objects as
/// jsonb), in byte order of their names.
struct PublishedColumns {
    enum Kind: String { case date, number = "double precision", boolean, text, json = "jsonb" }
    var columns: [(name: String, kind: Kind)]

    init(_ features: [Feature]) {
        var kinds: [String: Kind] = [:]
        for column in AttributeColumns(features.map { $0.properties ?? JSONObject() }).columns {
            kinds[column.name] = switch column.kind {
            case .date: .date
            case .integer, .real: .number
            case .boolean: .boolean
            case .text: .text
            case .json: .json
            }
        }
        let reserved: Set<String> = ["fid", "id", "geom"]
        columns = kinds.keys.filter { !reserved.contains($0.lowercased()) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, kinds[$0]!) }
    }

    var sql: String { columns.map { "\(PostgresConnection.quote($0.name)) \($0.kind.rawValue)" }.joined(separator: ", ") }
    var names: String { columns.map { PostgresConnection.quote($0.name) }.joined(separator: ", ") }

    func row(_ feature: Feature) throws -> [String?] {
        var row: [String?] = [feature.id?.description ?? ""]
        for column in columns {
            switch (column.kind, feature.properties?[column.name]) {
            case (_, nil), (_, .null?): row.append(nil)
            case (.number, .number(let number)?): row.append(JSONWriter.formatNumber(number))
            case (.boolean, .bool(let flag)?): row.append(flag ? "true" : "false")
            case (.json, let value?): row.append(JSONWriter.serialize(value))
            case (_, .string(let text)?): row.append(text)
            case (_, let value?): row.append(JSONWriter.serialize(value))
            }
        }
        row.append(try feature.geometry.map { Hex.string(LedgerTable.extendedWKB(try Geometry($0).wkb)) })
        return row
    }
}
