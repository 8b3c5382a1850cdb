import ArgumentParser
import FrontlineKit
import Geometry

#if canImport(Glibc)
    import Glibc
#endif

/// Shared start-up and failure handling: every command body runs through `runReportingErrors`,
/// so bad data always ends as one line per problem on stderr and exit status 1.
enum Run {
    static func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try LibraryVersions.check()
            try body()
        } catch let error as DataError {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        } catch let error as AtomicFile.WriteError {
            printError(error.description)
            throw ExitCode(1)
        } catch let error as GeometryError {
            printError("frontline: \(error)")
            throw ExitCode(1)
        }
    }

    static func printError(_ line: String) {
        writeAll(Array((line + "\n").utf8), to: STDERR_FILENO)
    }

    /// Writes to standard output in one go.
    static func emit(_ text: String) {
        writeAll(Array(text.utf8), to: STDOUT_FILENO)
    }

    static func emit(_ bytes: [UInt8]) {
        writeAll(bytes, to: STDOUT_FILENO)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            // A closed pipe (e.g. `| head`) ends output quietly.
            if written <= 0 { return }
            offset += written
        }
    }

    static func render(_ report: Report, as format: TableFormat) -> String {
        switch format {
        case .table: return report.table()
        case .json: return report.json()
        case .csv: return report.csv()
        }
    }
}
