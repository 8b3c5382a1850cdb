import Foundation
import GeoJSON
import Testing

/// What mapping tools get: styled GeoJSON, KML, GeoPackage (checked with GDAL's ogrinfo), maps
/// (SVG, PNG through rsvg-convert) and the HTML timeline viewer (driven in headless Chromium).
@Suite struct MapToolsTests {
    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func snapshotsInEveryFormat() throws {
        let folder = try CLI.temporaryDirectory()
        for format in ["geojson", "geojsonseq", "kml", "csv", "gpkg"] {
            let out = folder.appendingPathComponent("s.\(format)").path
            let result = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", format, "--out", out])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: out))
        }
        let kml = try String(contentsOfFile: folder.appendingPathComponent("s.kml").path, encoding: .utf8)
        #expect(kml.contains("<Folder><name>control</name>") && kml.contains("<Folder><name>frontline</name>"))
        let stdout = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "gpkg"])
        #expect(stdout.status == 64 && stdout.stderr.contains("--format gpkg writes a file"))
    }

    @Test(.enabled(if: tool("ogrinfo") != nil))
    func geoPackageExportPassesOgrinfo() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("gpkg")
        let result = try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--format", "gpkg", "--from", "2020-10-01", "--to", "2020-11-10"])
        #expect(result.status == 0, "\(result.stderr)")
        let combined = out.appendingPathComponent("timeline.gpkg").path
        let info = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-so", "-al", combined])
        #expect(info.status == 0)
        #expect(info.output.contains("Layer name: control"))
        #expect(info.output.contains("Geometry: Multi Polygon"))
        #expect(info.output.contains("valid_from: String") && info.output.contains("valid_to: String"))
        #expect(info.output.contains("Layer SRS WKT") && info.output.contains("WGS 84"))
        let dated = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-q", out.appendingPathComponent("2020-11-10.gpkg").path])
        #expect(dated.status == 0)
        #expect(dated.output.contains("control") && dated.output.contains("frontline"))
    }

    @Test func kmlExportAnimatesWithTimeSpans() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("kml")
        #expect(try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--format", "kml", "--from", "2020-10-01", "--to", "2020-10-20"]).status == 0)
        let kml = try String(contentsOfFile: out.appendingPathComponent("timeline.kml").path, encoding: .utf8)
        #expect(kml.contains("<TimeSpan><begin>2020-10-03</begin><end>2020-10-03</end></TimeSpan>"))
        #expect(kml.contains("<TimeSpan><begin>2020-10-20</begin><end>2020-10-20</end></TimeSpan>"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2020-10-17.kml").path))
    }

    /// Decodes an 8-bit RGB(A) PNG well enough to count its distinct colours (python3's zlib).
    static func distinctColors(_ png: String) throws -> Int {
        let script = """
            import struct, sys, zlib
            data = open(sys.argv[1], 'rb').read(); pos = 8; idat = b''; width = height = 0
            while pos < len(data):
                length, kind = struct.unpack('>I4s', data[pos:pos + 8]); chunk = data[pos + 8:pos + 8 + length]
                if kind == b'IHDR': width, height, depth, ctype = struct.unpack('>IIBB', chunk[:10])
                if kind == b'IDAT': idat += chunk
                pos += 12 + length
            raw = zlib.decompress(idat); bpp = 4 if ctype == 6 else 3; stride = width * bpp
            rows = []; prev = bytearray(stride); i = 0
            for y in range(height):
                f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
                for x in range(stride):
                    a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
                    if f == 1: line[x] = (line[x] + a) & 255
                    elif f == 2: line[x] = (line[x] + b) & 255
                    elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                rows.append(bytes(line)); prev = line
            colors = set()
            for line in rows[::7]:
                for x in range(0, stride, bpp * 7): colors.add(line[x:x + 3])
            print(len(colors))
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, png])
        return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test(.enabled(if: tool("rsvg-convert") != nil))
    func mapsOfTheShippedDatesAreNotBlank() throws {
        let folder = try CLI.temporaryDirectory()
        for date in ["2020-09-26", "2020-10-26", "2020-12-01", "2023-09-21"] {
            let png = folder.appendingPathComponent("\(date).png").path
            let result = try CLI.run(["render", "--data", CLI.geoData.path, "--date", date, "--out", png, "--width", "800"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.distinctColors(png) > 20, "\(date) looks blank")
        }
        let svg = folder.appendingPathComponent("map.svg").path
        #expect(try CLI.run(["render", "--data", CLI.geoData.path, "--date", "2020-11-10", "--out", svg]).status == 0)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("Armenian forces") && text.contains("frontline") && text.contains("km</text>"))
        #expect(try CLI.run(["render", "--data", CLI.geoData.path, "--date", "2020-11-10", "--out", folder.appendingPathComponent("map.pdf").path]).status == 64)
    }

    /// Opens the viewer at two slider positions in headless Chromium (the page sets the slider
    /// from the URL and fires the slider's own input event) and reads what it shows.
    @Test(.enabled(if: tool("chromium") != nil))
    func timelineViewerMovesWithTheSlider() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("viewer")
        let result = try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--html"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = out.appendingPathComponent("index.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("http://") || !html.contains("<script src="))
        #expect(!html.contains("<link ") && !html.contains("src=\"http"))
        func shown(_ fragment: String) throws -> (date: String, areas: String, claims: String) {
            let dom = try Self.run(Self.tool("chromium")!, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", page.absoluteString + fragment]).output
            func inner(_ pattern: String) -> String {
                guard let range = dom.range(of: pattern, options: .regularExpression) else { return "" }
                return String(dom[range]).replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            }
            return (inner("<output id=\"date\">[^<]*</output>"), inner("<tbody>.*?</tbody>"), inner("<ul id=\"claims\">.*?</ul>"))
        }
        let first = try shown("#step=0")
        let later = try shown("#date=2020-11-20")
        #expect(first.date.contains("1994-05-12"))
        #expect(later.date.contains("2020-11-20"))
        #expect(first.areas != later.areas)
        #expect(later.areas.contains("Armenian forces"))
        #expect(later.claims.contains("Aghdam"))
        // A screenshot for people (kept as a CI artefact in .build/artifacts).
        let artefacts = CLI.packageRoot.appendingPathComponent(".build/artifacts")
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        let shot = artefacts.appendingPathComponent("timeline-viewer.png").path
        _ = try Self.run(Self.tool("chromium")!, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000", "--window-size=1400,1000", "--screenshot=\(shot)", page.absoluteString + "#date=2020-11-20"])
        #expect(FileManager.default.fileExists(atPath: shot))
    }
}
