import CSQLite

/// A failure of SQLite on a database file: the file and SQLite's own message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// A minimal SQLite connection (the system `libsqlite3`, through its C API: `sqlite3_open_v2`,
/// `sqlite3_prepare_v2`, `sqlite3_step`), for reading and writing GeoPackages. Every failure is an
/// `SQLiteError` naming the file.
public final class SQLiteDatabase {
    /// The SQLite this process runs with, e.g. "3.40.1" (`sqlite3_libversion`).
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    public let handle: OpaquePointer
    public let path: String

    public enum Mode { case readOnly, create }

    public init(path: String, mode: Mode) throws(SQLiteError) {
        var handle: OpaquePointer?
        let flags = mode == .readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw SQLiteError(path: path, message: "cannot open as SQLite/GeoPackage: \(message)")
        }
        self.handle = handle
        self.path = path
    }

    deinit { sqlite3_close(handle) }

    public func error(_ context: String) -> SQLiteError {
        SQLiteError(path: path, message: "\(context): \(String(cString: sqlite3_errmsg(handle)))")
    }

    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "failed"
            sqlite3_free(message)
            throw SQLiteError(path: path, message: "SQL failed: \(text)")
        }
    }

    /// A value read from or bound to a statement.
    public enum Value: Equatable {
        case null, integer(Int64), real(Double), text(String), blob([UInt8])

    }

    /// Runs a query, returning rows of (column name, value).
    public func query(_ sql: String, _ parameters: [Value] = []) throws(SQLiteError) -> [[(String, Value)]] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        try bind(parameters, to: statement)
        var rows: [[(String, Value)]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw error("query failed") }
            var row: [(String, Value)] = []
            for column in 0..<sqlite3_column_count(statement) {
                let name = String(cString: sqlite3_column_name(statement, column))
                row.append((name, columnValue(statement, column)))
            }
            rows.append(row)
        }
        return rows
    }

    /// Runs a statement once per parameter row (inside the caller's transaction).
    public func run(_ sql: String, rows: [[Value]]) throws(SQLiteError) {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        for parameters in rows {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            try bind(parameters, to: statement)
            guard sqlite3_step(statement) == SQLITE_DONE else { throw error("insert failed") }
        }
    }

    private func prepare(_ sql: String) throws(SQLiteError) -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw error("cannot prepare \(sql.prefix(60))")
        }
        return statement
    }

    private func bind(_ parameters: [Value], to statement: OpaquePointer) throws(SQLiteError) {
        // SQLITE_TRANSIENT: SQLite copies the bytes before the call returns.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, parameter) in parameters.enumerated() {
            let position = Int32(index + 1)
            let status: Int32
            switch parameter {
            case .null: status = sqlite3_bind_null(statement, position)
            case .integer(let value): status = sqlite3_bind_int64(statement, position, value)
            case .real(let value): status = sqlite3_bind_double(statement, position, value)
            case .text(let value): status = sqlite3_bind_text(statement, position, value, -1, transient)
            case .blob(let value):
                status = value.withUnsafeBytes { sqlite3_bind_blob(statement, position, $0.baseAddress, Int32($0.count), transient) }
            }
            guard status == SQLITE_OK else { throw error("cannot bind parameter \(position)") }
        }
    }

    private func columnValue(_ statement: OpaquePointer, _ column: Int32) -> Value {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return .null }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let blob = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default: return .null
        }
    }

    /// `"name"` quoted as an SQL identifier.
    public static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }
}
