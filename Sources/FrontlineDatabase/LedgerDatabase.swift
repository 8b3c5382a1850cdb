import FrontlineModel
import GeoJSON
import Geometry
import PostgreSQL

/// A Frontline ledger in PostgreSQL with PostGIS: the `frontline` schema (`db init`), a data
/// folder written into it (`db push`) and read back from it (`db pull`, `--data URL`).
/// Every statement is fixed SQL with bound parameters or COPY data: nothing from a file or a
/// row is spliced into SQL. A push is one transaction: it lands whole or not at all.
public enum LedgerDatabase {
    /// The schema version `db init` creates and every other command expects.
    public static let schemaVersion = 1

    /// Connects, naming the server (password masked) in any failure.
    public static func connect(_ url: String) throws(ToolError) -> PostgresConnection {
        do { return try PostgresConnection(url: url) } catch { throw ToolError(tool: "PostgreSQL", message: error.description) }
    }

    /// Creates the PostGIS extension (when missing) and the `frontline` schema, version 1, in
    /// one transaction. A database that already has the schema is left as it is.
    public static func initialize(_ url: String) throws -> String {
        let connection = try connect(url)
        return try run(connection) {
            try connection.execute("BEGIN")
            if try installedVersion(connection) != nil {
                try connection.execute("ROLLBACK")
                return "\(connection.target): the frontline schema is already there (version \(schemaVersion)); nothing changed"
            }
            try connection.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            try connection.execute("CREATE SCHEMA frontline")
            try connection.execute("CREATE TABLE frontline.schema_version (version integer NOT NULL)")
            try connection.execute("INSERT INTO frontline.schema_version VALUES ($1)", [String(schemaVersion)])
            // A file's collection members (the baseline's date), or the bytes of a document
            // that is not a table (SOURCES.md).
            try connection.execute("CREATE TABLE frontline.files (name text PRIMARY KEY, members jsonb, content bytea)")
            for table in LedgerTable.all {
                try connection.execute(table.createSQL)
                if table.hasGeometry { try connection.execute("CREATE INDEX ON frontline.\(table.name) USING gist (geom)") }
            }
            try connection.execute("CREATE INDEX ON frontline.claims (date)")
            try connection.execute("CREATE INDEX ON frontline.claims (reported)")
            try connection.execute("COMMIT")
            return "\(connection.target): created the frontline schema (version \(schemaVersion)): \(LedgerTable.all.map(\.name).joined(separator: ", ")), files"
        }
    }

    /// The schema version installed, nil when there is none.
    static func installedVersion(_ connection: PostgresConnection) throws(PostgresError) -> Int? {
        let exists = try connection.execute("SELECT to_regclass('frontline.schema_version') IS NOT NULL")
        guard exists.values.first?.first == "t" else { return nil }
        return try connection.execute("SELECT max(version) FROM frontline.schema_version").values.first?.first?.flatMap { Int($0) }
    }

    /// Refuses a database without the schema, or with another version.
    static func requireSchema(_ connection: PostgresConnection) throws {
        switch try installedVersion(connection) {
        case nil: throw DataError(file: connection.target, message: "no frontline schema here (run frontline db init --db URL first)")
        case schemaVersion?: return
        case let other?: throw DataError(file: connection.target, message: "frontline schema version \(other), but this frontline reads version \(schemaVersion)")
        }
    }

    /// Runs `body`, turning PostgreSQL's failures into `ToolError`s (exit 69) that name the
    /// server; a failed transaction is rolled back by the server when the connection closes,
    /// which `rolledBack` says to the user (what is as it was).
    static func run<T>(_ connection: PostgresConnection, rolledBack: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            let retry = error.sqlState == "40001" || error.sqlState == "40P01" ? " (a concurrent change: run it again)" : ""
            throw ToolError(tool: "PostgreSQL", message: error.description + retry + (rolledBack.map { " (\($0))" } ?? ""))
        }
    }
}
