import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A failure never touches an existing output: every write is a temporary file renamed into
/// place, and an export is built in a hidden folder and swapped in whole.
@Suite(.serialized) struct NothingLostTests {
    static func contents(_ url: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            result[name] = try Data(contentsOf: url.appendingPathComponent(name))
        }
        return result
    }

    static func hidden(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    }

    /// Root can mount a small tmpfs (CI machines and this one can); elsewhere those tests skip.
    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-mount-probe-\(getpid())")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard (try? shell("mount -t tmpfs -o size=64k tmpfs '\(probe.path)'")) == 0 else { return false }
        _ = try? shell("umount '\(probe.path)'")
        return true
    }()

    @discardableResult
    static func shell(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func export(_ out: URL, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path] + extra)
    }

    @Test(.enabled(if: canMount))
    func aFullDiskLeavesThePreviousExport() throws {
        let mount = try CLI.temporaryDirectory()
        try #require(try Self.shell("mount -t tmpfs -o size=1200k tmpfs '\(mount.path)'") == 0)
        defer { _ = try? Self.shell("umount '\(mount.path)'") }
        let out = mount.appendingPathComponent("out")
        let small = try export(out, ["--to", "2020-09-27"])
        #expect(small.status == 0, "\(small.stderr)")
        let before = try Self.contents(out)
        let full = try export(out)
        #expect(full.status == CLI.cannotWrite)
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")
        #expect(try Self.contents(out) == before)
        #expect(try Self.hidden(mount).isEmpty)
    }

    @Test(.enabled(if: canMount))
    func aReadOnlyFolderLeavesThePreviousExportAndSnapshot() throws {
        let mount = try CLI.temporaryDirectory()
        try #require(try Self.shell("mount -t tmpfs -o size=8m tmpfs '\(mount.path)'") == 0)
        defer { _ = try? Self.shell("umount '\(mount.path)'") }
        let out = mount.appendingPathComponent("out")
        #expect(try export(out, ["--to", "2020-09-27"]).status == 0)
        let snapshot = mount.appendingPathComponent("s.geojson")
        #expect(try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-09-27", "--out", snapshot.path]).status == 0)
        let before = try Self.contents(mount.appendingPathComponent("out"))
        let snapshotBefore = try Data(contentsOf: snapshot)
        try #require(try Self.shell("mount -o remount,ro '\(mount.path)'") == 0)
        let failed = try export(out)
        #expect(failed.status == CLI.cannotWrite)
        #expect(failed.stderr.contains("Read-only file system"), "\(failed.stderr)")
        let failedSnapshot = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-12-01", "--out", snapshot.path])
        #expect(failedSnapshot.status == CLI.cannotWrite && failedSnapshot.stderr.contains("s.geojson: cannot write: Read-only file system"))
        #expect(try Self.contents(out) == before)
        #expect(try Data(contentsOf: snapshot) == snapshotBefore)
    }

    /// Sanitizer runtimes map files of their own and die under a file-size limit.
    @Test(.enabled(if: CLI.sanitizer == nil))
    func aFileSizeLimitEndsInAnErrorNotASignal() throws {
        let folder = try CLI.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        #expect(try export(out, ["--to", "2020-09-27"]).status == 0)
        let before = try Self.contents(out)
        // bash's ulimit -f counts 1024-byte blocks: no file over 100 kB may be written.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "ulimit -f 100; exec \"$0\" export --data \"$1\" --out \"$2\"", CLI.executable.path, CLI.geoData.path, out.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == CLI.cannotWrite)
        #expect(message.contains("cannot write: File too large"), "\(message)")
        #expect(try Self.contents(out) == before)
        #expect(try Self.hidden(folder).isEmpty)
    }

    /// Starts a long export over an existing one and signals it once its staging folder has files.
    func interruptedExport(signal signalNumber: Int32) throws -> (folder: URL, out: URL, before: [String: Data], status: Int32, reason: Process.TerminationReason) {
        let folder = try CLI.temporaryDirectory()
        let out = folder.appendingPathComponent("out")
        #expect(try export(out, ["--to", "2020-09-27"]).status == 0)
        let before = try Self.contents(out)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["export", "--data", CLI.geoData.path, "--out", out.path, "--from", "2020-09-26", "--to", "2021-06-30", "--every", "1d"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let staging = try Self.hidden(folder).first
            if let staging, let files = try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(staging).path), files.count >= 3 { break }
            usleep(2_000)
        }
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        return (folder, out, before, process.terminationStatus, process.terminationReason)
    }

    /// ThreadSanitizer defers signal delivery, which changes how the process ends.
    @Test(.enabled(if: CLI.sanitizer != "thread"))
    func sigintMidExportKeepsThePreviousExportAndCleansUp() throws {
        let run = try interruptedExport(signal: SIGINT)
        #expect(run.reason == .exit && run.status == 130, "ended by \(run.reason == .exit ? "exit" : "signal") \(run.status)")
        #expect(try Self.contents(run.out) == run.before)
        #expect(try Self.hidden(run.folder).isEmpty)
    }

    @Test func sigkillMidExportKeepsThePreviousExportAndTheNextRunClearsTheDebris() throws {
        let run = try interruptedExport(signal: SIGKILL)
        #expect(run.reason == .uncaughtSignal)
        #expect(try Self.contents(run.out) == run.before)
        #expect(try !Self.hidden(run.folder).isEmpty)  // the killed run's staging folder
        #expect(try export(run.out, ["--to", "2020-10-03"]).status == 0)
        #expect(try Self.hidden(run.folder).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.out.path).contains("2020-10-03.geojson"))
    }
}
