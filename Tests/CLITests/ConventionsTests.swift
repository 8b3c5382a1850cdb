import Foundation
import Testing

/// The command-line conventions a GIS user expects: `--version`, option names in any case
/// (GDAL's driver names too), `--out -` for standard output.
@Suite struct ConventionsTests {
    @Test func completionScriptsKnowEveryCommandAndFormat() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try CLI.run(["--generate-completion-script", shell])
            #expect(script.status == 0 && script.stdout.count > 1000, "\(shell): \(script.stderr)")
            for word in ["snapshot", "export", "places", "precision", "flatgeobuf"] {
                #expect(script.stdout.contains(word), "\(shell) completion lacks \(word)")
            }
        }
    }

    /// Progress is drawn on standard error when it is a terminal (here a pseudo-terminal from
    /// util-linux's `script`), at once with FRONTLINE_PROGRESS_AFTER=0, redrawn in place and
    /// cleared before the closing line; piped, nothing but that line.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressIsDrawnOnATerminalOnly() throws {
        let folder = try CLI.temporaryDirectory()
        let command = "'\(CLI.executable.path)' export --data '\(CLI.geoData.path)' --out '\(folder.path)/tty' --html"
        let terminal = try CLI.run(["-qec", command, "/dev/null"], environment: ["FRONTLINE_PROGRESS_AFTER": "0"], executable: "/usr/bin/script")
        #expect(terminal.status == 0, "\(terminal.stdout)\(terminal.stderr)")
        // script puts the terminal's output, standard error included, on its standard output.
        #expect(terminal.stdout.contains("\r\u{1B}[Kfrontline export: loading the ledger…"), "\(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains("\u{1B}[Kfrontline export: files "), "\(terminal.stdout.debugDescription)")
        // The closing line: a file per date, the combined file, timeline.csv, index.json (and the viewer).
        let dates = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("tty/index.json"))) as? [String: Any])["dates"] as? [Any]
        let count = dates?.count ?? -1
        #expect(terminal.stdout.contains("\r\u{1B}[Kfrontline export: \(count + 4) files for \(count) dates written to"), "\(terminal.stdout.debugDescription)")
        let piped = try CLI.run(["export", "--data", CLI.geoData.path, "--out", folder.path + "/piped"], environment: ["FRONTLINE_PROGRESS_AFTER": "0"])
        #expect(piped.status == 0 && piped.stderr == "frontline export: \(count + 3) files for \(count) dates written to \(folder.path)/piped\n", "\(piped.stderr.debugDescription)")
        let timeline = try CLI.run(["-qec", "'\(CLI.executable.path)' timeline --data '\(CLI.geoData.path)' --format csv", "/dev/null"], environment: ["FRONTLINE_PROGRESS_AFTER": "0"], executable: "/usr/bin/script")
        #expect(timeline.status == 0 && timeline.stdout.contains("frontline timeline: "), "\(timeline.stdout.debugDescription)")
    }

    @Test func versionNamesTheLibrariesLoaded() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .newlines)
        #expect(line.range(of: #"^frontline \d+\.\d+\.\d+ \(GEOS 3\.\d+\.\d+-CAPI-[\d.]+, PROJ 9\.\d+\.\d+, GDAL 3\.\d+\.\d+, libpq \d+\.\d+, SQLite 3\.\d+\.\d+\)$"#, options: .regularExpression) != nil, "\(line)")
    }

    @Test func formatsAndLayersInAnyCaseAndByGDALDriverName() throws {
        let lower = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "kml", "--layer", "assessed"])
        for (format, layer) in [("KML", "Assessed"), ("LIBKML", "ASSESSED")] {
            let other = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", format, "--layer", layer])
            #expect(other.status == 0 && other.stdout == lower.stdout, "\(format) \(layer): \(other.stderr)")
        }
        let json = try CLI.run(["timeline", "--data", CLI.geoData.path, "--format", "JSON"])
        #expect(json.status == 0 && json.stdout.hasPrefix("["))
        let unknown = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "ESRI Shapefiles"])
        #expect(unknown.status == 64 && unknown.stderr.contains("- flatgeobuf") && unknown.stderr.contains("- shapefile"), "\(unknown.stderr)")
        let shapefile = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "ESRI Shapefile"])
        #expect(shapefile.status == 64 && shapefile.stderr.contains("--format shapefile writes a file: give --out FILE.shp.zip"), "\(shapefile.stderr)")
    }

    @Test func outDashIsStandardOutputEvenForAGeoPackage() throws {
        let folder = try CLI.temporaryDirectory()
        let plain = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10"], in: folder)
        let dash = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--out", "-"], in: folder)
        #expect(dash.status == 0 && dash.stdout == plain.stdout)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path), "no file named -")
        // A GeoPackage on standard output, through the shell into a file: ogrinfo reads it.
        let gpkg = folder.appendingPathComponent("piped.gpkg").path
        let shell = try CLI.run(["-c", "\"$0\" snapshot --data \"$1\" --date 2020-11-10 --format gpkg --out - > \"$2\"", CLI.executable.path, CLI.geoData.path, gpkg],
                                executable: "/bin/sh")
        #expect(shell.status == 0, "\(shell.stderr)")
        let info = Process()
        info.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        info.arguments = ["-ro", "-so", "-q", gpkg]
        let pipe = Pipe()
        info.standardOutput = pipe
        try info.run()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        info.waitUntilExit()
        #expect(info.terminationStatus == 0 && listing.contains("control (Multi Polygon)"), "\(listing)")
    }

    /// `-` as an input: standard input read to its end, measured and checked as a file would be,
    /// and named "standard input" in messages.
    @Test func dashReadsStandardInput() throws {
        let regions = CLI.geoData.appendingPathComponent("regions.geojson").path
        let claims = CLI.geoData.appendingPathComponent("claims/2020-war.geojson").path
        func shell(_ script: String, _ arguments: [String]) throws -> CLI.Result {
            try CLI.run(["-c", script, CLI.executable.path] + arguments, executable: "/bin/sh")
        }
        let fromFile = try CLI.run(["area", regions, "--format", "csv"])
        let piped = try shell("cat \"$1\" | \"$0\" area - --format csv", [regions])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == fromFile.stdout.replacingOccurrences(of: regions, with: "standard input"))
        let valid = try shell("\"$0\" validate - --data \"$2\" < \"$1\"", [claims, CLI.geoData.path])
        #expect(valid.status == 0 && valid.stderr.contains("no problems in standard input"), "\(valid.stderr)")
        let bad = try shell("echo '{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"x\",\"geometry\":null,\"properties\":{}}]}' | \"$0\" validate - --data \"$1\"", [CLI.geoData.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("standard input: feature 0 (x): features[0].properties: missing property \"date\""), "\(bad.stderr)")
        #expect(!bad.stderr.contains("frontline-input-"), "the private copy is not named")
    }
}
