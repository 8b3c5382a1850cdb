import Foundation

/// Runs the built `frontline` binary as a user would, capturing everything.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// True when the process ended by a signal (a crash): never acceptable.
        var signaled: Bool
        var stdoutLines: [String] { stdout.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) } }
        var stderrLines: [String] { stderr.components(separatedBy: "\n").filter { !$0.isEmpty } }
    }

    /// The `frontline` executable built next to this test bundle.
    static let executable: URL = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the tests run from .build/<triple>/debug/<Package>PackageTests.xctest.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("frontline").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("frontline")
    }()

    /// The package root (for GeoData and fixtures).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Exit statuses of docs/CLI.md: bad data, an output that cannot be written, a missing tool.
    static let badData: Int32 = 1
    static let cannotWrite: Int32 = 73
    static let toolMissing: Int32 = 69
    static let fixtures: URL = packageRoot.appendingPathComponent("Tests/Fixtures")
    static let geoData: URL = packageRoot.appendingPathComponent("GeoData")

    /// How many claims the shipped ledger holds (its features, counted here from the files).
    static let shippedClaims: Int = {
        let folder = geoData.appendingPathComponent("claims")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.reduce(0) { count, name in
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return count + text.components(separatedBy: "\"type\":\"Feature\"").count - 1
        }
    }()

    @discardableResult
    /// Runs frontline (or `executable`, e.g. a shell around it) and collects what it printed.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], executable: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? Self.executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["FRONTLINE_DATA"] = nil
        env["FRONTLINE_CACHE"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a large output cannot deadlock the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal)
    }

    /// The sanitizer the suite runs under (`make test-sanitize` sets FRONTLINE_SANITIZER), if any.
    static let sanitizer = ProcessInfo.processInfo.environment["FRONTLINE_SANITIZER"]

    /// A fresh empty folder for one test's outputs.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
