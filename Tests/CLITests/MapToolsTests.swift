import Foundation
import GeoJSON
import Geometry
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
        for format in ["geojson", "geojsonseq", "kml", "csv", "gpkg", "flatgeobuf"] {
            let out = folder.appendingPathComponent("s.\(format)").path
            let result = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", format, "--out", out])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: out))
        }
        let kml = try String(contentsOfFile: folder.appendingPathComponent("s.kml").path, encoding: .utf8)
        #expect(kml.contains("<Folder><name>control</name>") && kml.contains("<Folder><name>frontline</name>"))
        let stdout = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "gpkg"])
        #expect(stdout.status == 64 && stdout.stderr.contains("--format gpkg writes a file"))
        let flat = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "fgb"])
        #expect(flat.status == 64 && flat.stderr.contains("--format flatgeobuf writes a file: give --out FILE.fgb (or --out - for standard output)"), "\(flat.stderr)")
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
        // Typed as GDAL reads them: dates as Date, measures as Real, lists as JSON.
        #expect(info.output.contains("valid_from: Date") && info.output.contains("valid_to: Date") && info.output.contains("date: Date"))
        #expect(info.output.contains("area_km2: Real") && info.output.contains("claims: String(JSON)"))
        // An R-tree on every layer's geometry.
        for layer in ["control", "frontline", "unlocated"] {
            let index = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-q", combined, "-sql", "SELECT HasSpatialIndex('\(layer)', 'geom')"])
            #expect(index.output.contains("HasSpatialIndex (Integer) = 1"), "\(layer): \(index.output)")
        }
        #expect(info.output.contains("Layer SRS WKT") && info.output.contains("WGS 84"))
        let dated = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-q", out.appendingPathComponent("2020-11-10.gpkg").path])
        #expect(dated.status == 0)
        #expect(dated.output.contains("control") && dated.output.contains("frontline"))
    }

    static let kmlSchema = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/kml22/ogckml22.xsd").path

    @Test(.enabled(if: tool("xmllint") != nil && tool("ogrinfo") != nil))
    func kmlValidatesAgainstTheOGCSchemaAndReadsTyped() throws {
        let folder = try CLI.temporaryDirectory()
        let out = folder.appendingPathComponent("kml")
        #expect(try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--format", "kml", "--from", "2020-10-01", "--to", "2020-10-20"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("2020-10-17.kml").path))
        let snapshot = folder.appendingPathComponent("pieces.kml").path
        #expect(try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--lineage", "--format", "kml", "--out", snapshot]).status == 0)
        for file in [out.appendingPathComponent("timeline.kml").path, out.appendingPathComponent("2020-10-17.kml").path, snapshot] {
            let verdict = try Self.run(Self.tool("xmllint")!, ["--noout", "--schema", Self.kmlSchema, file])
            #expect(verdict.status == 0, "\(file) fails the OGC KML 2.2 schema")
        }
        // GDAL reads areas as numbers and a one-day span as that whole day.
        let info = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-q", out.appendingPathComponent("timeline.kml").path, "control", "-where", "valid_from = '2020-10-03' AND controller = 'AZ'"])
        #expect(info.output.contains("area_km2 (Real) = "), "\(info.output.prefix(2000))")
        #expect(info.output.contains("begin (DateTime) = 2020/10/03 00:00:00+00") && info.output.contains("end (DateTime) = 2020/10/03 23:59:59+00"))
        #expect(info.output.contains("tessellate (Integer) = 1"))
    }

    /// Every ring of every polygon `ogrinfo` prints for `file`, exteriors first within each.
    static func rings(_ file: String, options: [String] = []) throws -> [(exterior: Bool, ring: PositionList)] {
        let info = try run(tool("ogrinfo")!, ["-ro", "-q", "-al"] + options + [file])
        var rings: [(Bool, PositionList)] = []
        for line in info.output.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("POLYGON") || text.hasPrefix("MULTIPOLYGON") else { continue }
            for polygon in try Geometry(wkt: text).geoJSON.polygons {
                for (index, ring) in polygon.enumerated() { rings.append((index == 0, ring)) }
            }
        }
        return rings
    }

    @Test(.enabled(if: tool("ogrinfo") != nil))
    func everyFormatWindsExteriorsCounterClockwise() throws {
        let folder = try CLI.temporaryDirectory()
        for format in ["kml", "gpkg", "csv", "geojson"] {
            let out = folder.appendingPathComponent("s.\(format)").path
            #expect(try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--lineage", "--format", format, "--out", out]).status == 0)
            let rings = try Self.rings(out, options: format == "csv" ? ["-oo", "GEOM_POSSIBLE_NAMES=wkt", "-oo", "KEEP_GEOM_COLUMNS=NO"] : [])
            #expect(rings.count > 40, "\(format): \(rings.count) rings")
            #expect(rings.contains { !$0.exterior }, "\(format): the shipped snapshot has holes")
            let wrong = rings.filter { !$0.ring.isWoundForRFC7946(exterior: $0.exterior) }
            #expect(wrong.isEmpty, "\(format): \(wrong.count) of \(rings.count) rings wound the wrong way")
        }
    }

    @Test func precisionNeverWritesInvalidGeometry() throws {
        for decimals in ["2", "3"] {
            let result = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--lineage", "--precision", decimals])
            #expect(result.status == 0, "\(result.stderr)")
            guard case .featureCollection(let collection) = try GeoJSONDecoder().decode(result.stdout) else {
                Issue.record("not a FeatureCollection")
                continue
            }
            let shapes = collection.features.compactMap(\.geometry).filter { !$0.polygons.isEmpty || !$0.lines.isEmpty }
            #expect(shapes.count > 10)
            for shape in shapes { #expect(try Geometry(shape).isValid, "--precision \(decimals): an invalid \(shape.typeName)") }
        }
        // At 1 decimal (11 km) a small piece is nothing: refused, nothing written.
        let out = try CLI.temporaryDirectory().appendingPathComponent("coarse.geojson").path
        let coarse = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--lineage", "--precision", "1", "--out", out])
        #expect(coarse.status == 64 && coarse.stderr.contains("--precision 1: piece:") && coarse.stderr.contains("on a grid of 0.1°; it needs --precision"), "\(coarse.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(.enabled(if: tool("ogrinfo") != nil))
    func noFrontlineIsANullGeometry() throws {
        let data = try CLI.temporaryDirectory().appendingPathComponent("one").path
        #expect(try CLI.run(["init", data, "--regions", CLI.geoData.appendingPathComponent("regions.geojson").path, "--controller", "AZ", "--date", "2019-01-01"]).status == 0)
        let geojson = try CLI.run(["snapshot", "--data", data, "--date", "2020-01-01"])
        #expect(geojson.stdout.contains("{\"geometry\":null,\"id\":\"frontline\""), "\(geojson.stdout)")
        let gpkg = URL(fileURLWithPath: data).deletingLastPathComponent().appendingPathComponent("one.gpkg").path
        #expect(try CLI.run(["snapshot", "--data", data, "--date", "2020-01-01", "--format", "gpkg", "--out", gpkg]).status == 0)
        let info = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-q", gpkg, "frontline"])
        #expect(info.status == 0 && info.output.contains("length_km (Real) = 0") && !info.output.contains("MULTILINESTRING"), "\(info.output)")
        let kml = try CLI.run(["snapshot", "--data", data, "--date", "2020-01-01", "--format", "kml"])
        #expect(!kml.stdout.contains("<MultiGeometry></MultiGeometry>"))
    }

    /// `frontline area --format json` of `file`, as id → area_km2.
    static func areas(_ file: String) throws -> [String: Double] {
        let result = try CLI.run(["area", file, "--format", "json"])
        try #require(result.status == 0, "\(result.stderr)")
        guard case .array(let rows) = try JSONParser().parse(result.stdout) else { return [:] }
        var areas: [String: Double] = [:]
        for row in rows { if let id = row.objectValue?["id"]?.stringValue, case .number(let area)? = row.objectValue?["area_km2"] { areas[id] = area } }
        return areas
    }

    @Test(.enabled(if: tool("ogrinfo") != nil))
    func flatGeobufIsTypedIndexedDeterministicAndReadsBack() throws {
        let folder = try CLI.temporaryDirectory()
        let (fgb, again, geojson) = (folder.appendingPathComponent("s.fgb").path, folder.appendingPathComponent("t.fgb").path, folder.appendingPathComponent("s.geojson").path)
        var placeless: [String] = []
        for (out, format) in [(geojson, "geojson"), (fgb, "flatgeobuf"), (again, "FlatGeobuf")] {
            let result = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--lineage", "--format", format, "--out", out])
            #expect(result.status == 0, "\(result.stderr)")
            if format == "geojson" {
                // The unlocated claims that name no region have no marker, so no geometry.
                let features = try GeoJSONDecoder().decode(Array(try Data(contentsOf: URL(fileURLWithPath: geojson)))).features
                placeless = features.filter { $0.geometry == nil }.compactMap { $0.id?.description }
                #expect(!placeless.isEmpty, "the shipped ledger has claims naming no region")
            } else {
                // The features without geometry cannot be in it, and are named.
                #expect(result.stderr.contains("warning: \(out): \(placeless.count) feature\(placeless.count == 1 ? "" : "s") without geometry left out (flatgeobuf as GDAL 3.") && placeless.allSatisfy(result.stderr.contains), "\(result.stderr)")
            }
        }
        #expect(FileManager.default.contents(atPath: fgb) == FileManager.default.contents(atPath: again))
        let info = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-so", "-al", fgb])
        #expect(info.output.contains("Geometry: Unknown (any)") && info.output.contains("area_km2: Real") && info.output.contains("date: DateTime"), "\(info.output)")
        // Every feature and its area come back through GDAL, by id (FlatGeobuf orders them on its R-tree).
        let expected = try Self.areas(geojson)
        let read = try Self.areas(fgb)
        #expect(expected.count > 20 && read.keys.sorted() == expected.keys.filter { !placeless.contains($0) }.sorted())
        for (id, area) in read { #expect(abs((expected[id] ?? -1) - area) <= 1e-9 * max(area, 1), "\(id)") }
        // ogr2ogr takes it with no options (mixed geometry kinds, typed columns).
        if let ogr2ogr = Self.tool("ogr2ogr") {
            #expect(try Self.run(ogr2ogr, ["-f", "GPKG", folder.appendingPathComponent("via.gpkg").path, fgb]).status == 0)
        }
    }

    /// `--format shapefile`: a zipped shapefile per kind that GDAL opens as it is, typed fields
    /// (dates as Date, measures as Real), UTF-8 text, byte-identical runs, every feature and
    /// area back through `area --layer`, text past dBASE's 254 bytes named; an export of them.
    @Test(.enabled(if: tool("ogrinfo") != nil && tool("ogr2ogr") != nil))
    func shapefilesAreZippedPerKindTypedAndDeterministic() throws {
        let folder = try CLI.temporaryDirectory()
        let (zip, again, geojson) = (folder.appendingPathComponent("s.shp.zip").path, folder.appendingPathComponent("t.shp.zip").path, folder.appendingPathComponent("s.geojson").path)
        for (out, format) in [(zip, "shapefile"), (again, "ESRI Shapefile"), (geojson, "geojson")] {
            let result = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--lineage", "--format", format, "--out", out])
            #expect(result.status == 0, "\(result.stderr)")
            if format != "geojson" {
                #expect(result.stderr.contains("warning: \(out): text longer than 254 bytes cut (shapefile holds no more): claims (1), source ("), "\(result.stderr)")
            }
        }
        #expect(FileManager.default.contents(atPath: zip) == FileManager.default.contents(atPath: again))
        let info = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-so", "-al", zip])
        for layer in ["control (Polygon)", "band (Polygon)", "frontline (Line String)", "unlocated (Point)", "piece (Polygon)"] {
            #expect(info.output.contains("Layer name: \(layer.split(separator: " ")[0])"), "\(layer)")
        }
        #expect(info.output.contains("date: Date") && info.output.contains("area_km2: Real") && !info.output.contains("area_km2: String"), "\(info.output)")
        // Every feature and its area come back, layer by layer, by id; names in UTF-8 too.
        let expected = try Self.areas(geojson)
        var read: [String: Double] = [:]
        for layer in ["control", "band", "frontline", "unlocated", "piece"] {
            let result = try CLI.run(["area", zip, "--layer", layer, "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            guard case .array(let rows) = try JSONParser().parse(result.stdout) else { continue }
            for row in rows { if let id = row.objectValue?["id"]?.stringValue, case .number(let area)? = row.objectValue?["area_km2"] { read[id] = area } }
        }
        #expect(read.keys.sorted() == expected.keys.sorted())
        for (id, area) in read { #expect(abs((expected[id] ?? -1) - area) <= 1e-9 * max(area, 1), "\(id)") }
        let place = try Self.run(Self.tool("ogrinfo")!, ["-ro", zip, "unlocated", "-where", "claim = '2020-10-03-az-article-fuzuli'"])
        #expect(place.output.contains("claim_date (Date) = 2020/10/03"), "\(place.output)")
        #expect(try Self.run(Self.tool("ogr2ogr")!, ["-f", "GPKG", folder.appendingPathComponent("via.gpkg").path, zip]).status == 0)
        // An export of zipped shapefiles, listed in its index.
        let export = try CLI.run(["export", "--data", CLI.geoData.path, "--out", folder.appendingPathComponent("e").path, "--format", "shp", "--from", "2020-11-09", "--to", "2020-11-10"])
        #expect(export.status == 0, "\(export.stderr)")
        let index = try String(contentsOfFile: folder.appendingPathComponent("e/index.json").path, encoding: .utf8)
        #expect(index.contains("\"name\":\"2020-11-10.shp.zip\"") && index.contains("\"name\":\"timeline.shp.zip\"") && index.contains("\"format\":\"shapefile\""), "\(index)")
    }

    /// `--format` takes any vector driver of GDAL's that writes one file, by its name; one that
    /// writes several (MapInfo's .tab with .dat, .map, .id) is refused, and nothing is left.
    @Test(.enabled(if: tool("ogrinfo") != nil))
    func anyGDALDriverThatWritesAFile() throws {
        let folder = try CLI.temporaryDirectory()
        let sqlite = folder.appendingPathComponent("s.sqlite").path
        let written = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "SQLite", "--out", sqlite])
        #expect(written.status == 0, "\(written.stderr)")
        let info = try Self.run(Self.tool("ogrinfo")!, ["-ro", "-so", sqlite, "frontline"])
        let features = try #require(try JSONParser().parse(try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10"]).stdout).objectValue?["features"]?.arrayElements).count
        #expect(info.output.contains("using driver `SQLite'") && info.output.contains("Feature Count: \(features)"), "\(info.output)")
        let tab = folder.appendingPathComponent("m.tab").path
        let refused = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "MapInfo File", "--out", tab])
        #expect(refused.status == CLI.cannotWrite && refused.stderr.contains("GDAL's MapInfo File driver writes several files (dat, id, map beside .tab)"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["s.sqlite"])
        let unknown = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "PostgreSQL", "--out", tab])
        #expect(unknown.status == 64, "a driver without files is no --format: \(unknown.stderr)")
    }

    @Test func readersTakeWhatGDALReads() throws {
        let folder = try CLI.temporaryDirectory()
        let kml = folder.appendingPathComponent("s.kml").path
        #expect(try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10", "--format", "kml", "--out", kml]).status == 0)
        let area = try CLI.run(["area", kml, "--format", "csv"])
        // Its first layer, the controls: the areas the snapshot gave them.
        let snapshot = try JSONParser().parse(try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10"]).stdout)
        let held = try #require(snapshot.objectValue?["features"]?.arrayElements?.first { $0.objectValue?["id"]?.stringValue == "control:AM" }?.objectValue?["properties"]?.objectValue?["area_km2"]?.numberValue)
        let first = area.stdout.split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ",", omittingEmptySubsequences: false)
        let measured = first.flatMap { $0.count > 3 ? Double($0[3]) : nil } ?? -1
        #expect(area.status == 0 && area.stdout.split(whereSeparator: \.isNewline).count == 3 && abs(measured - held) / held < 1e-9, "\(area.stdout) \(area.stderr) \(held)")
        let junk = folder.appendingPathComponent("notes.xyz").path
        #expect(FileManager.default.createFile(atPath: junk, contents: Data("not a map\n".utf8)))
        let refused = try CLI.run(["area", junk])
        #expect(refused.status == 1 && refused.stderr.contains("notes.xyz: not a vector format GDAL reads"), "\(refused.stderr)")
        // What GDAL would open itself is checked first, as every input is: a FIFO is refused at once.
        let fifo = folder.appendingPathComponent("pipe.fgb").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = try CLI.run(["area", fifo])
        #expect(pipe.status == 1 && pipe.stderr.contains("pipe.fgb: is a FIFO (named pipe), not a regular file"), "\(pipe.stderr)")
    }

    /// Claims kept in a GeoPackage or a Shapefile (a layer a team edits in QGIS) are a ledger as
    /// their GeoJSON is: the same timeline through `--claims`, `validate` of the file, and
    /// problems named with the file the user gave, not a copy.
    @Test(.enabled(if: tool("ogr2ogr") != nil))
    func claimsInAnyFormatGDALReads() throws {
        let folder = try CLI.temporaryDirectory()
        let war = CLI.geoData.appendingPathComponent("claims/2020-war.geojson").path
        let gpkg = folder.appendingPathComponent("war.gpkg").path, shp = folder.appendingPathComponent("war.shp").path
        #expect(try Self.run(Self.tool("ogr2ogr")!, ["-f", "GPKG", gpkg, war]).status == 0)
        // A Shapefile holds one geometry kind: the war's claims are all unlocated or points, so its
        // located ones go; the dBASE table keeps `source` as text.
        #expect(try Self.run(Self.tool("ogr2ogr")!, ["-f", "ESRI Shapefile", "-where", "OGR_GEOMETRY IS NULL", shp, war]).status == 0)
        let reference = try CLI.run(["timeline", "--data", CLI.geoData.path, "--claims", war, "--format", "csv"])
        let fromPackage = try CLI.run(["timeline", "--data", CLI.geoData.path, "--claims", gpkg, "--format", "csv"])
        #expect(reference.status == 0 && fromPackage.status == 0, "\(fromPackage.stderr)")
        #expect(fromPackage.stdout == reference.stdout)
        let validated = try CLI.run(["validate", "--data", CLI.geoData.path, gpkg])
        #expect(validated.status == 0 && validated.stderr.contains("no problems in \(gpkg)"), "\(validated.stderr)")
        // dBASE cuts text at 254 bytes: a long `source` no longer reads as JSON, and the
        // problem is named against the Shapefile given (never the private GeoJSON copy).
        let refused = try CLI.run(["validate", "--data", CLI.geoData.path, shp])
        #expect(refused.status == CLI.badData && !refused.stderr.contains("frontline-input-"), "\(refused.stderr)")
        let line = refused.stderr.split(separator: "\n").first { $0.contains("(2020-10-03-az-article-fuzuli)") } ?? ""
        #expect(line.hasPrefix("\(shp): feature ") && line.hasSuffix("].properties.source: expected an object with a url or a title, found a string"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("feature 0 "), "the short sources read back: \(refused.stderr)")
    }

    @Test func dateIsTheSnapshotsAndClaimDateTheClaims() throws {
        let snapshot = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10"])
        let unlocated = snapshot.stdout.split(separator: "\n").filter { $0.contains("\"kind\":\"unlocated\"") }
        #expect(!unlocated.isEmpty)
        #expect(unlocated.allSatisfy { $0.contains("\"claim_date\":\"2020-") && !$0.contains("\"date\":") })
        let out = try CLI.temporaryDirectory().appendingPathComponent("e")
        #expect(try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--from", "2020-11-09", "--to", "2020-11-10"]).status == 0)
        let timeline = try String(contentsOfFile: out.appendingPathComponent("timeline.geojson").path, encoding: .utf8)
        let dated = timeline.split(separator: "\n").filter { $0.contains("\"kind\":\"unlocated\"") && $0.contains("\"valid_from\":\"2020-11-10\"") }
        #expect(!dated.isEmpty && dated.allSatisfy { $0.contains("\"date\":\"2020-11-10\"") && $0.contains("\"claim_date\":") })
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

    /// A map to publish: framed on where control changed (Karabakh, not the whole theatre),
    /// place names that never overlap, every named place still marked.
    @Test func aRenderedMapFramesTheChangesAndItsNamesDoNotOverlap() throws {
        let folder = try CLI.temporaryDirectory()
        let framed = folder.appendingPathComponent("framed.svg").path, whole = folder.appendingPathComponent("whole.svg").path
        #expect(try CLI.run(["render", "--data", CLI.geoData.path, "--date", "2020-11-10", "--out", framed, "--width", "1000"]).status == 0)
        #expect(try CLI.run(["render", "--data", CLI.geoData.path, "--date", "2020-11-10", "--out", whole, "--width", "1000", "--frame", "theatre"]).status == 0)
        let text = try String(contentsOfFile: framed, encoding: .utf8), theatre = try String(contentsOfFile: whole, encoding: .utf8)
        // The scale bar's label gives its length in km for a fixed share of the width: the framed map shows less ground per pixel.
        func scaleKm(_ svg: String) -> Double? {
            guard let range = svg.range(of: ">[0-9]+ km</text>", options: .regularExpression) else { return nil }
            return Double(svg[range].dropFirst().dropLast(" km</text>".count))
        }
        let (near, far) = (try #require(scaleKm(text)), try #require(scaleKm(theatre)))
        #expect(near * 3 <= far, "scale bars \(near) and \(far) km")
        // Names are written at x + 5 of their circle, 12 px high, about 7.2 px a character.
        let names = text.components(separatedBy: "<text x=\"").dropFirst().compactMap { piece -> (Double, Double, Double)? in
            guard piece.contains("font-size=\"12\" fill=\"#111111\" stroke=\"#ffffff\""),
                  let x = Double(piece.prefix { $0 != "\"" }),
                  let yStart = piece.range(of: "y=\""), let y = Double(piece[yStart.upperBound...].prefix { $0 != "\"" }),
                  let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</text>") else { return nil }
            return (x, y, 7.2 * Double(piece[piece.index(after: open)..<close.lowerBound].count))
        }
        #expect(names.count > 30, "\(names.count) names")
        for (i, a) in names.enumerated() {
            for b in names[(i + 1)...] {
                let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + 11 <= b.1 || b.1 + 11 <= a.1
                #expect(apart, "\(a) overlaps \(b)")
            }
        }
        let circles = text.components(separatedBy: "r=\"3.2\"").count - 1
        #expect(circles > names.count, "every named place is marked, named or not")
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
