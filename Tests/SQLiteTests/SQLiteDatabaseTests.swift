import Foundation
import Testing

@testable import SQLite
import TestSupport

@Suite struct SQLiteDatabaseTests {
    @Test func writesAndReadsBackEveryValueKind() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("t.sqlite").path
        let database = try SQLiteDatabase(path: path, mode: .create)
        try database.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        try database.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)", rows: [[.integer(-7), .real(0.5), .text("ə \"x\""), .blob([0, 255]), .null]])
        let rows = try SQLiteDatabase(path: path, mode: .readOnly).query("SELECT * FROM t WHERE i = ?", [.integer(-7)])
        #expect(rows.count == 1)
        #expect(rows[0].map(\.0) == ["i", "r", "s", "b", "n"])
        #expect(rows[0].map(\.1) == [.integer(-7), .real(0.5), .text("ə \"x\""), .blob([0, 255]), .null])
    }

    @Test func failuresNameTheFile() throws {
        let folder = try Paths.temporaryDirectory()
        let missing = folder.appendingPathComponent("none.sqlite").path
        #expect { try SQLiteDatabase(path: missing, mode: .readOnly) } throws: { error in
            (error as? SQLiteError)?.path == missing && (error as? SQLiteError)?.message.hasPrefix("cannot open as SQLite/GeoPackage") == true
        }
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("t.sqlite").path, mode: .create)
        #expect { try database.execute("SELECT * FROM nowhere") } throws: { error in
            (error as? SQLiteError)?.message.contains("no such table: nowhere") == true
        }
    }

    @Test func identifiersAreQuoted() {
        #expect(SQLiteDatabase.quote("control") == "\"control\"")
        #expect(SQLiteDatabase.quote("a\"b") == "\"a\"\"b\"")
    }
}
