import Foundation
import GeoJSON
import Testing

import TestSupport

/// The second hostile pass (the reliability issue): each case a crafted input or a dangerous
/// command line, driven through the CLI, with what it must do now. The numbers in the names
/// are the issue's.
@Suite struct ReliabilityTests {
    /// A copy of the shipped data folder that a test may change.
    static func dataCopy() throws -> URL {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("data")
        try FileManager.default.copyItem(at: CLI.geoData, to: folder)
        return folder
    }

    /// A claims file of one feature (properties as JSON text), in `folder/claims/NAME`.
    @discardableResult
    static func writeClaim(_ data: URL, name: String = "extra.geojson", id: String, geometry: String = "null", properties: String) throws -> URL {
        let url = data.appendingPathComponent("claims").appendingPathComponent(name)
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"# + JSONWriter.serialize(.string(id))
            + #","geometry":"# + geometry + #","properties":{"# + properties + "}}]}"
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let claimBody = #""claimant":"AZ:president","controller":"AZ","date":"2020-10-03","status":"claimed","source":{"title":"test"}"#
    static let triangle = #"{"type":"Polygon","coordinates":[[[46.9,39.5],[47.1,39.5],[47.0,39.7],[46.9,39.5]]]}"#

    /// Every file under `folder` with its bytes, to show that a refused command changed nothing.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[url.path] = try Data(contentsOf: url)
        }
        return files
    }

    // MARK: crashes

    /// 1. A NaN or infinite coordinate in a Shapefile (and a GeoPackage made from it by GDAL).
    @Test func nonFiniteCoordinatesInBinaryFormatsAreRefused() throws {
        let folder = try CLI.temporaryDirectory()
        for value in [Double.nan, .infinity] {
            let stem = folder.appendingPathComponent(value.isNaN ? "nan" : "inf")
            let ring = PositionList([Position(46.9, 39.5), Position(value, 39.5), Position(47.0, 39.7), Position(46.9, 39.5)])
            try ShapefileWriter.write([Feature(id: nil, geometry: .polygon([ring]), properties: JSONObject(["name": .string("X")]))], fields: ["name"], to: stem)
            let result = try CLI.run(["import", stem.path + ".shp", "--out", folder.appendingPathComponent("out.geojson").path, "--name-field", "name", "--country", "AZ"])
            #expect(result.status == CLI.badData && !result.signaled, "\(result.stderr)")
            #expect(result.stderr.contains("\(stem.path).shp: feature 0: geometry: position "), "\(result.stderr)")
            #expect(result.stderr.contains("of a ring or line is not a finite number (NaN or infinity)"), "\(result.stderr)")
        }
        let ogr2ogr = ["/usr/bin/ogr2ogr", "/usr/local/bin/ogr2ogr"].first(where: FileManager.default.isExecutableFile)
        guard let ogr2ogr else { return }
        let gpkg = folder.appendingPathComponent("nan.gpkg")
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: ogr2ogr)
        convert.arguments = ["-f", "GPKG", gpkg.path, folder.appendingPathComponent("nan.shp").path]
        try convert.run()
        convert.waitUntilExit()
        let result = try CLI.run(["import", gpkg.path, "--out", folder.appendingPathComponent("out.geojson").path, "--name-field", "name", "--country", "AZ"])
        #expect(result.status == CLI.badData && !result.signaled, "\(result.stderr)")
        #expect(result.stderr.contains("not a finite number"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.geojson").path))
    }

    /// 2. A dBASE header claiming 0xFFFFFFFF records. GDAL's Shapefile driver (shapelib) checks
    /// the count against the bytes present and reads the records that are there: no abort, no
    /// 4 G-record allocation, the one district imported.
    @Test func aTableClaimingMoreRecordsThanItsBytesReadsWhatIsThere() throws {
        let folder = try CLI.temporaryDirectory()
        let stem = folder.appendingPathComponent("huge")
        try ShapefileWriter.write([Feature(id: nil, geometry: GridFixture.cell(47, 39), properties: JSONObject(["name": .string("X")]))], fields: ["name"], to: stem)
        let dbf = stem.path + ".dbf"
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dbf)))
        bytes.replaceSubrange(4..<8, with: [0xFF, 0xFF, 0xFF, 0xFF])
        try Data(bytes).write(to: URL(fileURLWithPath: dbf))
        let result = try CLI.run(["import", stem.path + ".shp", "--out", folder.appendingPathComponent("out.geojson").path, "--name-field", "name", "--country", "AZ"])
        #expect(result.status == 0 && !result.signaled, "\(result.stderr)")
        let imported = try String(contentsOf: folder.appendingPathComponent("out.geojson"), encoding: .utf8)
        #expect(imported.components(separatedBy: "\"type\":\"Feature\"").count == 2 && imported.contains("\"name\":\"X\""), "\(imported)")
    }

    /// 3. A range of millions of dates is refused before any work, with the way to raise the limit.
    @Test func aRangeOfMillionsOfDatesIsRefusedUpFront() throws {
        let out = try CLI.temporaryDirectory().appendingPathComponent("export")
        let export = try CLI.run(["export", "--data", CLI.geoData.path, "--from", "1994-05-12", "--to", "9999-12-31", "--every", "1d", "--out", out.path])
        #expect(export.status == 64 && export.stderr.contains("makes 2924000 dates, over the limit of 10000"), "\(export.stderr)")
        #expect(export.stderr.contains("--max-dates 2924000"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let timeline = try CLI.run(["timeline", "--data", CLI.geoData.path, "--to", "9999-12-31", "--every", "1d"])
        #expect(timeline.status == 64 && timeline.stderr.contains("over the limit of 100000"), "\(timeline.stderr)")
        // Raised on purpose, a long range works and is answered.
        let raised = try CLI.run(["timeline", "--data", CLI.geoData.path, "--from", "2020-09-26", "--to", "2020-12-31", "--every", "1d", "--max-dates", "200", "--format", "csv"])
        #expect(raised.status == 0 && raised.stdoutLines.count > 97 * 2, "\(raised.stderr)")
    }

    // MARK: data loss

    /// 4. `export --out` never deletes a folder that is not an export.
    @Test func exportRefusesFoldersThatAreNotExports() throws {
        let data = try Self.dataCopy()
        let parent = data.deletingLastPathComponent()
        let other = parent.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "mine".write(to: other.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let before = try Self.tree(parent)
        for target in [data, data.appendingPathComponent("claims"), parent, other] {
            let result = try CLI.run(["export", "--data", data.path, "--out", target.path])
            #expect(result.status == CLI.cannotWrite, "\(target.path): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("\(target.path): cannot write: "), "\(result.stderr)")
        }
        #expect(try Self.tree(parent) == before)
        // An earlier export is replaced, and a link to it is written through.
        let export = parent.appendingPathComponent("export")
        #expect(try CLI.run(["export", "--data", data.path, "--out", export.path]).status == 0)
        let link = parent.appendingPathComponent("latest")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: export)
        let again = try CLI.run(["export", "--data", data.path, "--out", link.path, "--from", "2020-11-10"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == export.path)
        #expect(FileManager.default.fileExists(atPath: export.appendingPathComponent("2020-11-10.geojson").path))
        #expect(!FileManager.default.fileExists(atPath: export.appendingPathComponent("1994-05-12.geojson").path))
        // A file the index does not list makes it not an export any more.
        try "mine".write(to: export.appendingPathComponent("mine.txt"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(["export", "--data", data.path, "--out", export.path])
        #expect(refused.status == CLI.cannotWrite && refused.stderr.contains("holds files its index.json does not list: mine.txt"), "\(refused.stderr)")
    }

    /// 5. `snapshot --out` writes through links, into devices as they are, and never over an input.
    @Test func snapshotOutWritesThroughLinksAndDevices() throws {
        let folder = try CLI.temporaryDirectory()
        let target = folder.appendingPathComponent("target.geojson")
        let link = folder.appendingPathComponent("link.geojson")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let base = ["snapshot", "--data", CLI.geoData.path, "--date", "2020-11-10"]
        #expect(try CLI.run(base + ["--out", link.path]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        let written = try Data(contentsOf: target)
        #expect(written.count > 1000)
        // A device: written into, never replaced (as root, a rename would replace /dev/full).
        let full = try CLI.run(base + ["--out", "/dev/full"])
        #expect(full.status == CLI.cannotWrite && full.stderr.contains("/dev/full: cannot write: No space left on device"), "\(full.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/full")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
        let stdout = try CLI.run(base + ["--out", "/dev/stdout"])
        #expect(stdout.status == 0 && Data(stdout.stdout.utf8) == written)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout").hasPrefix("/proc/"))
        // GeoPackage needs a file: made aside, then its bytes go to the device.
        let gpkg = try CLI.run(base + ["--format", "gpkg", "--out", "/dev/stdout"])
        #expect(gpkg.status == 0 && gpkg.stdout.hasPrefix("SQLite format 3"), "\(gpkg.stderr)")
        // The command's own input is never an output.
        let data = try Self.dataCopy()
        let baseline = data.appendingPathComponent("baseline.geojson")
        let original = try Data(contentsOf: baseline)
        let own = try CLI.run(["snapshot", "--data", data.path, "--date", "2020-11-10", "--out", baseline.path])
        #expect(own.status == CLI.cannotWrite && own.stderr.contains("is an input of this command"), "\(own.stderr)")
        #expect(try Data(contentsOf: baseline) == original)
    }

    // MARK: injection

    /// 6. A `javascript:` source URL is shown as text, never linked.
    @Test func theViewerLinksOnlyHttpHttpsAndMailto() throws {
        let data = try Self.dataCopy()
        try Self.writeClaim(data, id: "evil", properties: #""claimant":"AZ:president","controller":"AZ","date":"2020-10-03","status":"claimed","region":"AZ-FUZ","extent":"partial","source":{"url":"javascript:alert(document.domain)"}"#)
        let out = data.deletingLastPathComponent().appendingPathComponent("export")
        let result = try CLI.run(["export", "--data", data.path, "--out", out.path, "--html"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!page.contains(#""url":"javascript:"#))
        #expect(page.contains(#""title":"javascript:alert(document.domain)""#))
        #expect(page.contains(#""url":"https://"#))
    }

    /// 7. A claim id that is a spreadsheet formula is neutralised in CSV.
    @Test func csvCellsThatAreFormulasAreNeutralised() throws {
        let data = try Self.dataCopy()
        try Self.writeClaim(data, id: "=HYPERLINK(\"http://x\",\"y\")", geometry: Self.triangle, properties: Self.claimBody)
        let result = try CLI.run(["snapshot", "--data", data.path, "--date", "2020-12-01", "--format", "csv", "--lineage"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"'=HYPERLINK("#))
        #expect(!result.stdout.contains(#",=HYPERLINK"#) && !result.stdout.contains(#","=HYPERLINK"#))
        // Negative numbers stay numbers.
        let diff = try CLI.run(["diff", "--data", CLI.geoData.path, "--from", "2020-09-26", "--to", "2020-12-01", "--format", "csv"])
        #expect(diff.stdout.contains(",-") && !diff.stdout.contains(",'-"), "\(diff.stdout)")
    }

    // MARK: silent wrong answers

    /// 8. A failed write on standard output is an error, not exit 0 with a cut file.
    @Test func aFailedWriteOnStandardOutputFails() throws {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["snapshot", "--data", CLI.geoData.path, "--date", "2020-12-01"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == CLI.cannotWrite, "\(message)")
        #expect(message.contains("standard output: cannot write: No space left on device"))
    }

    /// 9. A settlement outside its own region is refused, naming where it lies.
    @Test func aSettlementOutsideItsRegionIsRefused() throws {
        let data = try Self.dataCopy()
        let url = data.appendingPathComponent("settlements.geojson")
        var text = try String(contentsOf: url, encoding: .utf8)
        // Agdas (AZ-AGS) moved to Fuzuli's centre.
        text = text.replacingOccurrences(of: "[47.4738,40.64699]", with: "[47.345499250833996,39.551810920037894]")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let result = try CLI.run(["validate", "--data", data.path])
        #expect(result.status == CLI.badData, "\(result.stderr)")
        let index = try #require(try GeoJSONDecoder().decode(Array(text.utf8)).features.firstIndex { $0.id == .string("agdas") })
        #expect(result.stderr.contains("settlements.geojson: feature \(index) (agdas): features[\(index)].geometry: the point [47.345499250833996, 39.551810920037894] is outside its region AZ-AGS: it lies in AZ-FUZ"), "\(result.stderr)")
    }

    /// 10. One 3-D claim leaves every output 2-D.
    @Test func aThreeDimensionalClaimLeavesOutputsTwoDimensional() throws {
        let data = try Self.dataCopy()
        let solid = #"{"type":"Polygon","coordinates":[[[46.9,39.5,850],[47.1,39.5,900],[47.0,39.7,1200],[46.9,39.5,850]]]}"#
        try Self.writeClaim(data, id: "three-d", geometry: solid, properties: Self.claimBody)
        let result = try CLI.run(["snapshot", "--data", data.path, "--date", "2020-12-01"])
        #expect(result.status == 0, "\(result.stderr)")
        guard case .featureCollection(let collection) = try GeoJSONDecoder().decode(Array(result.stdout.utf8)) else { return }
        let dimensions = Set(collection.features.compactMap(\.geometry).flatMap(\.allPositionLists).map(\.dimension))
        #expect(dimensions == [2])
        #expect(result.stdout.contains("three-d"))
    }

    /// 11. `.json` and upper-case claim files are read; other files are named in a warning.
    @Test func everyClaimFileExtensionIsReadOrWarnedAbout() throws {
        let data = try Self.dataCopy()
        try Self.writeClaim(data, name: "extra.JSON", id: "from-json", geometry: Self.triangle, properties: Self.claimBody)
        try "notes".write(to: data.appendingPathComponent("claims/notes.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["snapshot", "--data", data.path, "--date", "2020-12-01", "--lineage"])
        #expect(result.status == 0 && result.stdout.contains("from-json"), "\(result.stderr)")
        #expect(result.stderr.contains("warning: \(data.path)/claims/notes.txt: not read as claims (claim files end in .geojson or .json)"), "\(result.stderr)")
        let validate = try CLI.run(["validate", "--data", data.path])
        #expect(validate.status == 0 && validate.stderr.contains("notes.txt: not read as claims"), "\(validate.stderr)")
    }

    /// 12. Option ranges, dates before the baseline, and the end of the calendar.
    @Test func optionRangesAndDatesAreChecked() throws {
        let base = ["snapshot", "--data", CLI.geoData.path, "--date", "2020-12-01"]
        for precision in ["-1", "16", "100"] {
            let result = try CLI.run(base + ["--precision=\(precision)"])
            #expect(result.status == 64 && result.stderr.contains("--precision expects 0 to 15 decimals, got \(precision)"), "\(result.stderr)")
        }
        let early = try CLI.run(["snapshot", "--data", CLI.geoData.path, "--date", "1900-01-01"])
        #expect(early.status == 64 && early.stderr.contains("--date 1900-01-01 is before the baseline (1994-05-12)"), "\(early.stderr)")
        #expect(early.stdout.isEmpty)
        let diff = try CLI.run(["diff", "--data", CLI.geoData.path, "--from", "1990-01-01", "--to", "2020-12-01"])
        #expect(diff.status == 64 && diff.stderr.contains("--from 1990-01-01 is before the baseline"), "\(diff.stderr)")
        let out = try CLI.temporaryDirectory().appendingPathComponent("export")
        let last = try CLI.run(["export", "--data", CLI.geoData.path, "--from", "2023-10-15", "--to", "9999-12-31", "--out", out.path])
        #expect(last.status == 0, "\(last.stderr)")
        let timeline = try String(contentsOf: out.appendingPathComponent("timeline.geojson"), encoding: .utf8)
        #expect(timeline.contains(#""valid_from":"9999-12-31","valid_to":null"#))
        #expect(!timeline.contains("10000-01-01"))
    }

    // MARK: unclear or hanging

    /// 13. A newline in an id cannot forge a second diagnostic.
    @Test func aNewlineInAnIdStaysOnOneLine() throws {
        let data = try Self.dataCopy()
        let file = try Self.writeClaim(data, id: "x\nGeoData/claims/2020-war.geojson: feature 0: forged", properties: #""controller":"ZZ""#)
        let result = try CLI.run(["validate", "--data", data.path])
        #expect(result.status == CLI.badData)
        #expect(result.stderrLines.allSatisfy { $0.hasPrefix(file.path + ": ") }, "\(result.stderr)")
        #expect(result.stderr.contains(#"(x\nGeoData/claims/2020-war.geojson: feature 0: forged)"#))
    }

    /// 14. A FIFO among the claims is refused at once instead of hanging every command.
    @Test func aFIFOAmongTheClaimsIsRefused() throws {
        let data = try Self.dataCopy()
        let fifo = data.appendingPathComponent("claims/pipe.geojson").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let started = Date()
        let result = try CLI.run(["timeline", "--data", data.path])
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(result.status == CLI.badData && result.stderr.contains("\(fifo): is a FIFO (named pipe), not a regular file"), "\(result.stderr)")
    }

    /// 15. Messages that name the real cause, and one missing file that stays one problem.
    @Test func messagesNameTheRealCause() throws {
        let data = try Self.dataCopy()
        let year0 = try Self.writeClaim(data, id: "year-zero", geometry: Self.triangle, properties: #""claimant":"AZ:president","controller":"AZ","date":"0000-01-01","status":"claimed","source":{"title":"t"}"#)
        var result = try CLI.run(["validate", "--data", data.path])
        #expect(result.stderr.contains("\"0000-01-01\" is not a real date: there is no year 0"), "\(result.stderr)")
        try FileManager.default.removeItem(at: year0)

        let utf32 = data.appendingPathComponent("claims/utf32.geojson")
        var bytes: [UInt8] = [0xFF, 0xFE, 0, 0]
        for scalar in "{}".unicodeScalars { bytes += [UInt8(scalar.value), 0, 0, 0] }
        try Data(bytes).write(to: utf32)
        result = try CLI.run(["validate", "--data", data.path])
        #expect(result.stderr.contains("the file is UTF-32; JSON must be UTF-8"), "\(result.stderr)")
        try FileManager.default.removeItem(at: utf32)

        try Self.writeClaim(data, id: "elsewhere", properties: #""claimant":"AZ:president","controller":"AZ","date":"2020-10-03","status":"claimed","region":"AZ-FUZ","settlements":["sugovushan"],"source":{"title":"t"}"#)
        result = try CLI.run(["validate", "--data", data.path])
        #expect(result.stderr.contains("settlement \"sugovushan\" is in region AZ-TAR, not in the claim's region AZ-FUZ"), "\(result.stderr)")
        #expect(!result.stderr.contains("outside the theatre"))
        try FileManager.default.removeItem(at: data.appendingPathComponent("claims/extra.geojson"))

        try FileManager.default.removeItem(at: data.appendingPathComponent("regions.geojson"))
        result = try CLI.run(["validate", "--data", data.path])
        #expect(result.status == CLI.badData)
        #expect(result.stderrLines.count <= 3, "\(result.stderr)")
        #expect(result.stderrLines.first?.contains("regions.geojson: cannot open: No such file or directory") == true)
    }
}
