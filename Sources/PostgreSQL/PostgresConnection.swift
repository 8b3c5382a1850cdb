import CLibPQ
import Foundation

/// A connection to PostgreSQL through libpq's C API (`PQconnectdb`, `PQexecParams`,
/// `PQputCopyData`): the text protocol, parameters always bound apart from the SQL, never
/// spliced into it. One connection is used by one thread at a time.
public final class PostgresConnection {
    let handle: OpaquePointer
    /// The URL as it may be shown (password masked).
    public let target: String
    let password: String?

    /// The libpq this process runs with, e.g. "15.18" (`PQlibVersion`).
    public static var libraryVersion: String {
        let number = Int(PQlibVersion())
        return "\(number / 10000).\(number % 10000)"
    }

    /// Connects with `PQconnectdb`; the URL is a libpq connection URI.
    public init(url: String) throws(PostgresError) {
        target = ConnectionURL.masked(url)
        password = ConnectionURL.password(url)
        guard let handle = PQconnectdb(url) else {
            throw PostgresError(target: target, message: "cannot allocate a connection", connectionFailed: true)
        }
        // Checked before `self.handle` is set: a failed init must not run deinit's PQfinish too.
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.scrub(String(cString: PQerrorMessage(handle)), password)
            PQfinish(handle)
            throw PostgresError(target: target, message: "cannot connect: " + message, connectionFailed: true)
        }
        self.handle = handle
        // Dates as YYYY-MM-DD, numbers and jsonb in their canonical text, whatever the server's defaults.
        _ = try execute("SET DateStyle = ISO, YMD; SET client_encoding = 'UTF8'; SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Rows of a statement's result, each value its text form (nil for SQL NULL).
    public struct Rows: Sendable {
        public var columns: [String]
        public var values: [[String?]]
        /// The number of rows a command touched (`PQcmdTuples`), 0 when it does not say.
        public var affected: Int
    }

    /// Runs `sql` with `parameters` bound as `$1`, `$2`, ... (`PQexecParams`), or, without
    /// parameters, one or more statements (`PQexec`).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> Rows {
        let result: OpaquePointer?
        if parameters.isEmpty {
            result = PQexec(handle, sql)
        } else {
            let copies = parameters.map { $0.map { strdup($0) } ?? nil }
            defer { for copy in copies { free(copy) } }
            result = copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
                PQexecParams(handle, sql, Int32(parameters.count), nil, values.baseAddress, nil, nil, 0)
            }
        }
        return try rows(of: result)
    }

    /// Streams `rows` into `COPY ... FROM STDIN` (text format: tab-separated, `\N` for NULL):
    /// the fast way to load many rows, with no SQL made from the data.
    public func copyIn(_ sql: String, rows: [[String?]]) throws(PostgresError) {
        let start = PQexec(handle, sql)
        guard PQresultStatus(start) == PGRES_COPY_IN else { _ = try self.rows(of: start); throw failure("COPY did not start") }
        PQclear(start)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func flush() throws(PostgresError) {
            let status = buffer.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { PQputCopyData(handle, $0, Int32(bytes.count)) }
            }
            buffer.removeAll(keepingCapacity: true)
            guard status == 1 else { throw failure("COPY failed") }
        }
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { buffer.append(9) }
                if let field { Self.appendCopyEscaped(field, to: &buffer) } else { buffer += [92, 78] }
            }
            buffer.append(10)
            if buffer.count >= 1 << 20 { try flush() }
        }
        if !buffer.isEmpty { try flush() }
        guard PQputCopyEnd(handle, nil) == 1 else { throw failure("COPY could not end") }
        var firstError: PostgresError?
        while let result = PQgetResult(handle) {
            do throws(PostgresError) { _ = try self.rows(of: result) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    /// COPY's text format: backslash, tab, newline and carriage return escaped.
    static func appendCopyEscaped(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 92: buffer += [92, 92]
            case 9: buffer += [92, 116]
            case 10: buffer += [92, 110]
            case 13: buffer += [92, 114]
            default: buffer.append(byte)
            }
        }
    }

    func rows(of result: OpaquePointer?) throws(PostgresError) -> Rows {
        guard let result else { throw failure("no result") }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN else {
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = String(cString: PQresultErrorMessage(result))
            throw PostgresError(target: target, message: Self.scrub(message, password), sqlState: state,
                                connectionFailed: PQstatus(handle) != CONNECTION_OK)
        }
        let columnCount = Int(PQnfields(result)), rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var values: [[String?]] = []
        values.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            values.append((0..<columnCount).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            })
        }
        return Rows(columns: columns, values: values, affected: Int(String(cString: PQcmdTuples(result))) ?? 0)
    }

    func failure(_ what: String) -> PostgresError {
        let message = Self.scrub(String(cString: PQerrorMessage(handle)), password)
        return PostgresError(target: target, message: message.isEmpty ? what : "\(what): \(message)",
                             connectionFailed: PQstatus(handle) != CONNECTION_OK)
    }

    /// Messages are one line, and never carry the password.
    static func scrub(_ message: String, _ password: String?) -> String {
        var text = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
        if let password { text = text.replacingOccurrences(of: password, with: "***") }
        return text
    }
}

extension PostgresConnection {
    /// An identifier quoted for SQL (`"name"`, inner quotes doubled): for the column names a
    /// publish takes from property names.
    public static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
