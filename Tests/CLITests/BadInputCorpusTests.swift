import Foundation
import Testing

/// Every command that reads files, over every file of `Tests/Fixtures/bad`: exit status 1, the
/// expected message on stderr after the file's path, no signal, and no output file.
@Suite struct BadInputCorpusTests {
    static let corpus = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/bad")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [])
            .filter { $0.hasSuffix(".geojson") }.sorted()
    }

    @Test func theCorpusHasAtLeastSixtyDefects() {
        #expect(Self.cases.count >= 60)
        for name in Self.cases {
            let expected = Self.corpus.appendingPathComponent(String(name.dropLast(8)) + ".expected")
            #expect(FileManager.default.fileExists(atPath: expected.path), "\(name) has no .expected file")
        }
    }

    @Test(arguments: cases)
    func everyCommandRefusesIt(name: String) throws {
        let file = Self.corpus.appendingPathComponent(name).path
        let lines = try String(contentsOf: Self.corpus.appendingPathComponent(String(name.dropLast(8)) + ".expected"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let scope = lines[0], message = lines[1]
        let folder = try CLI.temporaryDirectory()
        let out = folder.appendingPathComponent("out.geojson").path
        let outDirectory = folder.appendingPathComponent("export").path
        let data = ["--data", CLI.geoData.path]
        var commands: [[String]] = [
            ["validate"] + data + [file],
            ["snapshot"] + data + ["--claims", file, "--date", "2020-12-01", "--out", out],
            ["export"] + data + ["--claims", file, "--out", outDirectory],
            ["diff"] + data + ["--claims", file, "--from", "2020-09-26", "--to", "2020-12-01"],
            ["timeline"] + data + ["--claims", file],
        ]
        // Under a sanitizer (ten times slower), the two ways a file is read: as a file to
        // validate and as a ledger. Export, diff and timeline read the ledger as snapshot does;
        // `make test` runs them all.
        if CLI.sanitizer != nil { commands = Array(commands.prefix(2)) }
        if scope == "all" {
            commands += [["area", file], ["import", file, "--out", out]]
        }
        for command in commands {
            let result = try CLI.run(command)
            #expect(result.status == 1, "\(command[0]) \(name): status \(result.status)\n\(result.stderr)")
            #expect(!result.signaled, "\(command[0]) \(name) crashed")
            #expect(result.stderr.contains("\(file): \(message)"), "\(command[0]) \(name):\n\(result.stderr.prefix(600))")
            #expect(result.stdout.isEmpty, "\(command[0]) \(name) wrote to stdout")
        }
        // No output file, no export folder, no temporary debris.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
