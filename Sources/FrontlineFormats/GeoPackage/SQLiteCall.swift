import FrontlineModel
import GeoJSON
import SQLite

/// SQLite failures as bad data of the file read.
enum SQLiteCall {
    static func run<T>(_ body: () throws -> T) throws(DataError) -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw DataError(file: error.path, message: error.message)
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError(file: "sqlite", message: "\(error)")
        }
    }
}

extension SQLiteDatabase.Value {
    /// The value as JSON (nil for a blob; NaN and infinities as null).
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
