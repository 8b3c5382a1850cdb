import ArgumentParser
import Dispatch
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

#if canImport(Glibc)
    import Glibc
#endif

/// Shared start-up and failure handling: every command body runs through `runReportingErrors`,
/// so bad data always ends as one line per problem on stderr and exit status 1.
enum Run {
    static func reportingErrors(_ body: () throws -> Void) throws {
        // A closed pipe or a file-size limit must end in an error message, not a signal.
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        // If an interrupt handler is cleaning up, wait here: it ends the process itself.
        defer { interruptGate.withLock { _ in } }
        do {
            try LibraryVersions.check()
            try body()
        } catch {
            interruptGate.withLock { _ in }
            try report(error)
        }
    }

    /// `reportingErrors` for a command that runs asynchronously (`serve`).
    static func reportingErrors(_ body: () async throws -> Void) async throws {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        do {
            try LibraryVersions.check()
            try await body()
        } catch {
            try report(error)
        }
    }

    /// Prints a failure (one line per problem for bad data) and ends with its exit status
    /// (`FrontlineError`); usage errors and exit codes pass through to swift-argument-parser.
    static func report(_ error: any Error) throws {
        // A database named by --data that could not be read is the cause of what followed.
        let error = (error is ExitCode || error is ValidationError || error is CleanExit) ? error : DatabaseSource.failure.withLock { $0 } ?? error
        switch error {
        case let error as AtomicFile.WriteError where error.closedPipe:
            // As for standard output (`emit`): a closed pipe ends the command quietly.
            throw ExitCode(128 + SIGPIPE)
        case let error as any FrontlineError:
            for line in error.lines { printError(line) }
            throw ExitCode(error.exitStatus)
        case is ExitCode, is ValidationError, is CleanExit:
            throw error
        default:
            // GEOS, PROJ or SQLite on input no layer could attribute: still the input's.
            printError("frontline: \(error)")
            throw ExitCode(1)
        }
    }

    /// On SIGINT or SIGTERM, removes the staging folders this process made for `target` and
    /// exits 130 / 143: an interrupted export leaves the previous one as it was and no debris.
    static func cleanUpStagingOnInterrupt(for target: String) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                // Holds the gate until the process ends, so the work cannot report the failed
                // writes that the cleanup causes, nor exit first. `_exit`, not `exit`: the work
                // is still running on the main thread, and `exit` would run static destructors
                // and atexit handlers (GEOS, PROJ, GDAL, a sanitizer's leak check) under it (the
                // likely cause of a status other than 130 in one AddressSanitizer run in CI).
                interruptGate.withLock { _ in
                    AtomicFolder.removeStaging(for: target)
                    _exit(128 + signalNumber)
                }
            }
            source.resume()
            interruptSources.withLock { $0.append(source) }
        }
    }

    static let interruptSources = Locked<[any DispatchSourceSignal]>([])
    static let interruptGate = Locked<Void>(())

    /// One line on stderr: control characters in it (from an id, a file name) are escaped.
    static func printError(_ line: String) {
        TerminalProgress.current.withLock { $0 }?.clear()
        writeAll(Array((InputCopies.display(DatabaseSource.display(line)).oneLine + "\n").utf8), to: STDERR_FILENO)
    }

    /// Writes to standard output in one go. A failed write (a full disk, `> /dev/full`) is an
    /// error, exit 73, so that a cut-off output is never taken for a whole one; a reader that
    /// closed the pipe (`| head`) ends the command quietly with 141, as SIGPIPE would.
    static func emit(_ text: String) throws {
        try emit(Array(InputCopies.display(DatabaseSource.display(text)).utf8))
    }

    static func emit(_ bytes: [UInt8]) throws {
        if let failure = writeAll(bytes, to: STDOUT_FILENO) {
            if failure == EPIPE { throw ExitCode(128 + SIGPIPE) }
            throw AtomicFile.WriteError(path: "standard output", reason: String(cString: strerror(failure)))
        }
    }

    /// Writes every byte, retrying interrupted writes; the errno of a failed write, else nil.
    @discardableResult
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written < 0 { return errno }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }

    static func render(_ report: Report, as format: TableFormat) -> String {
        switch format {
        case .table: return report.table()
        case .json: return report.json()
        case .csv: return report.csv()
        }
    }

    /// Writes a new data folder (`claims/` and `files`) at `directory`: built in a staging
    /// folder and swapped in whole, the staging removed on failure or interrupt.
    static func writeDataFolder(_ files: [(name: String, bytes: [UInt8])], to directory: String) throws {
        let staging = try AtomicFolder.makeStaging(for: directory)
        cleanUpStagingOnInterrupt(for: directory)
        do {
            try DataFolder.create(staging + "/" + Dataset.claimsFolder)
            for file in files { try AtomicFile.write(file.bytes, to: staging + "/" + file.name) }
            try AtomicFolder.commit(staging, to: directory)
        } catch {
            AtomicFolder.removeTree(staging)
            throw error
        }
    }
}
