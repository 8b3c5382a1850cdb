import Foundation
import FrontlineModel

/// A throwaway PostgreSQL 15 cluster with PostGIS for the tests: `initdb` in a temporary folder,
/// a free loopback port, no fsync; one per test process, started on first use and stopped (and
/// its folder removed) when the process exits, whether the tests passed or not. Each test takes
/// a database of its own, so tests run in parallel without seeing each other's ledgers.
/// As root (CI), the server runs as the `postgres` user, since PostgreSQL refuses root.
final class PostgresCluster: Sendable {
    let folder: URL
    let port: Int
    let binaries: String

    static let shared: Result<PostgresCluster, Error> = Result { try PostgresCluster() }
    static let databaseCounter = Locked(0)

    static func start() throws -> PostgresCluster { try shared.get() }

    private init() throws {
        binaries = try Self.binaryFolder()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if getuid() == 0 { _ = try Self.execute("/bin/chown", ["postgres", folder.path]) }
        port = try Self.freePort()
        let data = folder.appendingPathComponent("data").path
        try Self.check(try Self.execute(binaries + "/initdb", ["-D", data, "-A", "trust", "-U", "frontline", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"], asServer: true), "initdb")
        let options = "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        try Self.check(try Self.execute(binaries + "/pg_ctl", ["-D", data, "-o", options, "-l", folder.appendingPathComponent("log").path, "-w", "start"], asServer: true, capture: false), "pg_ctl start")
        let stopCommand = [binaries + "/pg_ctl", "-D", data, "-m", "immediate", "stop"]
        let folderPath = folder.path
        Self.atExit.withLock { $0.append { _ = try? Self.execute(stopCommand[0], Array(stopCommand.dropFirst()), asServer: true); try? FileManager.default.removeItem(atPath: folderPath) } }
        atexit { for action in PostgresCluster.atExit.withLock({ $0 }) { action() } }
    }

    static let atExit = Locked<[@Sendable () -> Void]>([])

    /// A new, empty database's URL (`frontline` is the cluster's superuser, trusted on loopback).
    func newDatabase() throws -> String {
        let number = Self.databaseCounter.withLock { value -> Int in value += 1; return value }
        let name = "test_\(getpid())_\(number)"
        _ = try sql(url("postgres"), "CREATE DATABASE \(name)")
        return url(name)
    }

    func url(_ database: String, password: String? = nil) -> String {
        "postgresql://frontline\(password.map { ":" + $0 } ?? "")@127.0.0.1:\(port)/\(database)"
    }

    /// Runs SQL with psql and returns its unaligned, tuples-only output.
    @discardableResult
    func sql(_ url: String, _ statement: String) throws -> String {
        let result = try Self.execute(binaries + "/psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", statement])
        try Self.check(result, "psql")
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Outcome { var status: Int32; var output: String }

    static func check(_ outcome: Outcome, _ what: String) throws {
        if outcome.status != 0 { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(what) failed: \(outcome.output)"]) }
    }

    /// Runs a program to its end (posix_spawn, waitpid), its output read from a file: a pipe
    /// would be held open by the server `pg_ctl start` leaves running, and the read would
    /// never end.
    static func execute(_ path: String, _ arguments: [String], asServer: Bool = false, capture: Bool = true) throws -> Outcome {
        let argv = (asServer && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", path] : [path]) + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-pg-out-\(UUID().uuidString)").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard status == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot run \(argv[0]): \(String(cString: strerror(status)))"]) }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        let text = readText(output)
        let exited = waitStatus & 0x7f == 0
        return Outcome(status: exited ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f), output: text)
    }

    /// A file's text, read with POSIX calls: Foundation's `String(contentsOfFile:)` leaks its
    /// buffer on short files (LeakSanitizer reports it under `make test-sanitize`).
    static func readText(_ path: String) -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return "" }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The server's programs: `pg_config --bindir`, else Debian's PostgreSQL 15 folder.
    static func binaryFolder() throws -> String {
        if let outcome = try? execute("/usr/bin/pg_config", ["--bindir"]), outcome.status == 0 {
            let folder = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if FileManager.default.fileExists(atPath: folder + "/initdb") { return folder }
        }
        return "/usr/lib/postgresql/15/bin"
    }

    /// A loopback port no one listens on: bound to port 0, read back, released.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw CocoaError(.fileWriteUnknown) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
