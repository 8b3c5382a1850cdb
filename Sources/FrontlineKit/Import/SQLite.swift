import CSQLite
import GeoJSON

/// A minimal SQLite connection (the system `libsqlite3`), for reading and writing GeoPackages.
final class SQLiteDatabase {
    let handle: OpaquePointer
    let path: String

    enum Mode { case readOnly, create }

    init(path: String, mode: Mode) throws(DataError) {
        var handle: OpaquePointer?
        let flags = mode == .readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw DataError(file: path, message: "cannot open as SQLite/GeoPackage: \(message)")
        }
        self.handle = handle
        self.path = path
    }

    deinit { sqlite3_close(handle) }

    func error(_ context: String) -> DataError {
        DataError(file: path, message: "\(context): \(String(cString: sqlite3_errmsg(handle)))")
    }

    func execute(_ sql: String) throws(DataError) {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "failed"
            sqlite3_free(message)
            throw DataError(file: path, message: "SQL failed: \(text)")
        }
    }

    /// A value read from or bound to a statement.
    enum Value: Equatable {
        case null, integer(Int64), real(Double), text(String), blob([UInt8])

        var json: JSONValue? {
            switch self {
            case .null: return .null
            case .integer(let value): return .number(Double(value))
            case .real(let value): return value.isFinite ? .number(value) : .null
            case .text(let value): return .string(value)
            case .blob: return nil
            }
        }
    }

    /// Runs a query, returning rows of (column name, value).
    func query(_ sql: String, _ parameters: [Value] = []) throws(DataError) -> [[(String, Value)]] {
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
    func run(_ sql: String, rows: [[Value]]) throws(DataError) {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        for parameters in rows {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            try bind(parameters, to: statement)
            guard sqlite3_step(statement) == SQLITE_DONE else { throw error("insert failed") }
        }
    }

    private func prepare(_ sql: String) throws(DataError) -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw error("cannot prepare \(sql.prefix(60))")
        }
        return statement
    }

    private func bind(_ parameters: [Value], to statement: OpaquePointer) throws(DataError) {
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
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacing("\"", with: "\"\"") + "\""
    }
}
