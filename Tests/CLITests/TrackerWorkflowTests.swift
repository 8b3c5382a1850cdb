import Foundation
import GeoJSON
import Geometry
import Testing

import FrontlineModel

import TestSupport

/// What an analyst types to follow a tracker: init, ingest, then timeline, diff and export, on
/// tracker-shaped files whose answers are whole 1° cells (R1 lon 46–47, lat 39–40; R3 above it).
@Suite struct TrackerWorkflowTests {
    let folder: URL
    let data: String

    init() throws {
        folder = try Paths.temporaryDirectory()
        data = folder.appendingPathComponent("data").path
        let regions = [("R1", 46.0, 39.0), ("R2", 47.0, 39.0), ("R3", 46.0, 40.0), ("R4", 47.0, 40.0)].map { id, x, y in
            Feature(id: .string(id), geometry: GridFixture.cell(x, y), properties: JSONObject(["name": .string(id), "country": "XX", "level": "admin1"]))
        }
        try Data(GeoJSONEncoder().encode(FeatureCollection(features: regions))).write(to: folder.appendingPathComponent("regions.geojson"))
        // Day 1: R1 occupied, R3 grey; day 2: R1 and R3 occupied; day 3: R3 only (R1 lost).
        let days: [(seconds: Int, occupied: [GeoJSONGeometry], grey: [GeoJSONGeometry])] = [
            (1_704_153_600, [GridFixture.cell(46, 39)], [GridFixture.cell(46, 40)]),  // 2024-01-02
            (1_704_240_000, [GridFixture.cell(46, 39), GridFixture.cell(46, 40)], []),  // 2024-01-03
            (1_704_326_400, [GridFixture.cell(46, 40)], []),  // 2024-01-04
        ]
        for day in days {
            var features: [Feature] = []
            for (index, shape) in day.occupied.enumerated() {
                // Odd spacing and a newline in the category; the second one in 3-D.
                let geometry = index == 1 ? shape.mappingPositionLists { list in
                    PositionList((0..<list.count).map { Position(longitude: list[$0].longitude, latitude: list[$0].latitude, altitude: 120) })
                } : shape
                features.append(Feature(geometry: geometry, properties: JSONObject(["name": "  Occupied\n area "])))
            }
            for shape in day.grey {
                features.append(Feature(geometry: .geometryCollection([shape, .lineString(PositionList([(46, 40), (47, 41)]))]), properties: JSONObject(["name": "Grey zone"])))
            }
            features.append(Feature(geometry: GridFixture.cell(47.2, 39.2, 0.1, 0.1), properties: JSONObject(["name": "Liberated"])))
            features.append(Feature(geometry: GridFixture.cell(47.5, 40.5, 0.1, 0.1), properties: JSONObject(["name": "Unknown layer"])))
            try Data(GeoJSONEncoder().encode(FeatureCollection(features: features))).write(to: folder.appendingPathComponent("map_\(day.seconds).geojson"))
        }
    }

    var trackerFiles: [String] {
        ["map_1704153600", "map_1704240000", "map_1704326400"].map { folder.appendingPathComponent($0 + ".geojson").path }
    }

    func ingest(_ extra: [String], out: String? = nil) throws -> CLI.Result {
        try CLI.run(["ingest"] + trackerFiles + ["--out", out ?? data + "/claims/tracker.geojson", "--data", data, "--ceded-to", "AM",
                                                 "--source-title", "Test tracker", "--date-from-name", #"map_(\d+)\."#] + extra)
    }

    @Test func initIngestTimelineDiffExport() throws {
        let initialized = try CLI.run(["init", data, "--regions", folder.appendingPathComponent("regions.geojson").path, "--date", "2024-01-01",
                                       "--controller", "AM", "--actor", "AM=Defender:#0057b7", "--actor", "XR=Occupier:#d52b1e",
                                       "--title", "Test war", "--attribution", "Boundaries: the grid fixture"])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        #expect(try String(contentsOfFile: data + "/dataset.json", encoding: .utf8) == "{\n  \"attribution\": \"Boundaries: the grid fixture\",\n  \"title\": \"Test war\"\n}\n")
        #expect(!FileManager.default.fileExists(atPath: data + "/settlements.geojson"))
        let ingested = try ingest(["--map", "(?i)occupied=XR", "--map", "Grey=XR:claimed", "--map", "Liberated=-"])
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.stderr.contains(#"3 features left out, their category matching no --map pattern: "Unknown layer" 3"#))
        #expect(ingested.stderr.contains(#"3 features dropped by a --map PATTERN=- rule: "Liberated" 3"#))
        #expect(ingested.stderr.contains("1 point or line part of GeometryCollections left out"))
        #expect(ingested.stderr.contains("1 feature had 3-D positions; heights were dropped"))
        let claims = try GeoJSONDecoder().decode(Array(try Data(contentsOf: URL(fileURLWithPath: data + "/claims/tracker.geojson"))))
        guard case .featureCollection(let collection) = claims else { Issue.record("not a collection"); return }
        #expect(collection.features.map { $0.id!.description } == [
            "ingest-2024-01-02-XR-2-assessed", "ingest-2024-01-02-XR-3-claimed", "ingest-2024-01-03-XR-2-assessed", "ingest-2024-01-04-XR-2-assessed",
        ])
        let files = collection.features[0].properties!["source"]!.objectValue!["files"]!.arrayElements!
        // The digest is the file's, as sha256sum gives it.
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: trackerFiles[0])))
        #expect(files[0].objectValue!["name"] == "map_1704153600.geojson" && files[0].objectValue!["sha256"]!.stringValue! == SHA256.hex(bytes))

        let r1 = GridFixture.checkCellKm2
        let timeline = try CLI.run(["timeline", "--data", data, "--format", "csv", "--snap", "0"])
        #expect(timeline.status == 0, "\(timeline.stderr)")
        let rows = timeline.stdoutLines.filter { $0.hasPrefix("2024-01-0") && !$0.hasPrefix("2024-01-01") && $0.contains(",XR,") }.map { $0.split(separator: ",").map(String.init) }
        #expect(rows.map { $0[0] } == ["2024-01-02", "2024-01-03", "2024-01-04"])
        // Assessed: R1, then R1 + R3, then R3; claimed on day 1: R1 + the grey R3.
        let r3 = Double(rows[2][2])!
        #expect(abs(Double(rows[0][2])! - r1) < 0.1 && abs(Double(rows[0][3])! - (r1 + r3)) < 0.1)
        #expect(abs(Double(rows[1][2])! - (r1 + r3)) < 0.1)
        // The occupier loses ground: the diff sees R1 lost.
        let diff = try CLI.run(["diff", "--data", data, "--from", "2024-01-03", "--to", "2024-01-04", "--layer", "assessed", "--format", "csv", "--snap", "0"])
        #expect(diff.status == 0, "\(diff.stderr)")
        let lost = diff.stdoutLines.first { $0.hasPrefix("all,XR,") }?.split(separator: ",").map(String.init)
        #expect(lost.map { abs(Double($0[5])! - r1) < 0.1 } == true, "\(diff.stdout)")
        let export = try CLI.run(["export", "--data", data, "--out", folder.appendingPathComponent("out").path, "--html"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/2024-01-04.geojson").path))
        // The viewer is titled from dataset.json, with the years of its dates, and credits its sources.
        let page = try String(contentsOfFile: folder.appendingPathComponent("out/index.html").path, encoding: .utf8)
        #expect(page.contains("<h1 id=\"title\">Test war, 2024</h1>") && page.contains("Boundaries: the grid fixture. Made with Frontline."))
    }

    /// An analyst's day: a new tracker file, ingested, and the timeline again. With `--cache`
    /// (or `FRONTLINE_CACHE`) only the new day is resolved; the output is the uncached one.
    @Test func aCacheKeepsResolvedDaysBetweenRuns() throws {
        let made = try CLI.run(["init", data, "--regions", folder.appendingPathComponent("regions.geojson").path, "--date", "2024-01-01",
                                "--controller", "AM", "--actor", "AM=Defender", "--actor", "XR=Occupier"])
        #expect(made.status == 0, "\(made.stderr)")
        let cache = folder.appendingPathComponent("cache").path
        func entries() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []).filter { $0.hasSuffix(".frontline-cache") }.sorted() }
        let claims = data + "/claims/tracker.geojson"
        func ingest(_ files: [String]) throws -> CLI.Result {
            try CLI.run(["ingest"] + files + ["--out", claims, "--data", data, "--controller", "XR", "--ceded-to", "AM", "--source-title", "Test tracker", "--date-from-name", #"map_(\d+)\."#])
        }
        let early = try ingest(Array(trackerFiles.prefix(2)))
        #expect(early.status == 0, "\(early.stderr)")
        let first = try CLI.run(["timeline", "--data", data, "--format", "csv", "--cache", cache])
        #expect(first.status == 0, "\(first.stderr)")
        let twoDays = entries()
        // The prepared theatre and the days' claims (two days drawn alike share one entry).
        #expect(twoDays.count >= 2)
        #expect(try ingest(trackerFiles).status == 0)
        let cached = try CLI.run(["timeline", "--data", data, "--format", "csv"], environment: ["FRONTLINE_CACHE": cache])
        let plain = try CLI.run(["timeline", "--data", data, "--format", "csv"])
        #expect(cached.status == 0 && plain.status == 0, "\(cached.stderr)\(plain.stderr)")
        #expect(cached.stdout == plain.stdout && cached.stdout.contains("2024-01-04,XR,"))
        // The third day (R3 alone) is the one new entry.
        let threeDays = entries()
        #expect(threeDays.count == twoDays.count + 1 && Set(twoDays).isSubset(of: Set(threeDays)))
        // Snapshots, diffs and exports read it too, with the same answers.
        let snapshot = ["snapshot", "--data", data, "--date", "2024-01-04", "--format", "geojson"]
        #expect(try CLI.run(snapshot + ["--cache", cache]).stdout == CLI.run(snapshot).stdout)
        #expect(entries() == threeDays)
        // A cache that is a file is refused; an export into the cache is refused; neither
        // touches it.
        let file = folder.appendingPathComponent("not-a-folder").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let refused = try CLI.run(["timeline", "--data", data, "--cache", file])
        #expect(refused.status != 0 && refused.stderr.contains(file) && refused.stderr.contains("is not a folder"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
        let into = try CLI.run(["export", "--data", data, "--out", cache, "--cache", cache])
        #expect(into.status != 0 && into.stderr.contains("is an input of this command") && entries() == threeDays, "\(into.stderr)")
    }

    @Test func initGivesHeldAreasToTheirActorAndRefusesAFolderInUse() throws {
        let held = folder.appendingPathComponent("held.geojson")
        // The east column (R2 and R4, with the cells' corners: edges are geodesics), and a square
        // outside the regions, of which nothing is held.
        let column = [PositionList([(47, 39), (48, 39), (48, 40), (48, 41), (47, 41), (47, 40), (47, 39)])]
        try Data(GeoJSONEncoder().encode(FeatureCollection(features: [Feature(geometry: .multiPolygon([column, [PositionList([(50, 39), (51, 39), (51, 40), (50, 40), (50, 39)])]]), properties: JSONObject())])))
            .write(to: held)
        let made = try CLI.run(["init", data, "--regions", folder.appendingPathComponent("regions.geojson").path, "--date", "2024-01-01",
                                "--controller", "AM", "--actor", "AM=Defender", "--actor", "XR=Occupier:#d52b1e", "--held", held.path + "=XR"])
        #expect(made.status == 0, "\(made.stderr)")
        let snapshot = try CLI.run(["snapshot", "--data", data, "--date", "2024-01-01", "--format", "csv"])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let rows = snapshot.stdoutLines.filter { $0.hasPrefix("control:") }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let r1 = GridFixture.checkCellKm2
        let r3 = Geodesic.measure(GridFixture.cell(46, 40)).areaKm2
        let header = snapshot.stdoutLines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let area = header.firstIndex(of: "area_km2")!, controller = header.firstIndex(of: "controller")!
        let byController = Dictionary(uniqueKeysWithValues: rows.map { ($0[controller], Double($0[area]) ?? -1) })
        #expect(abs((byController["XR"] ?? 0) - (r1 + r3)) < 0.01 && abs((byController["AM"] ?? 0) - (r1 + r3)) < 0.01, "\(byController)")
        let validate = try CLI.run(["validate", "--data", data])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        // Without a title, the viewer names the actors; a bad dataset.json is named by validate.
        let export = try CLI.run(["export", "--data", data, "--out", folder.appendingPathComponent("untitled").path, "--html"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try String(contentsOfFile: folder.appendingPathComponent("untitled/index.html").path, encoding: .utf8).contains("<h1 id=\"title\">Defender and Occupier, 2024</h1>"))
        try Data(#"{"title": ""}"#.utf8).write(to: URL(fileURLWithPath: data + "/dataset.json"))
        let invalid = try CLI.run(["validate", "--data", data])
        #expect(invalid.status == CLI.badData && (invalid.stdout + invalid.stderr).contains("dataset.json: title: must not be empty"), "\(invalid.stdout)\(invalid.stderr)")
        let untitled = try CLI.run(["init", folder.appendingPathComponent("other").path, "--regions", folder.appendingPathComponent("regions.geojson").path, "--date", "2024-01-01",
                                    "--controller", "AM", "--description", "no title"])
        #expect(untitled.status == 64 && untitled.stderr.contains("give one"), "\(untitled.stderr)")
        // A folder that holds files is never written into.
        let again = try CLI.run(["init", data, "--regions", folder.appendingPathComponent("regions.geojson").path, "--date", "2024-01-01", "--controller", "AM"])
        #expect(again.status == CLI.badData && again.stderr.contains("already exists and is not an empty folder"))
        #expect(FileManager.default.fileExists(atPath: data + "/baseline.geojson"))
    }

    @Test func badIngestOptionsNameTheProblemAndWriteNothing() throws {
        _ = try CLI.run(["init", data, "--regions", folder.appendingPathComponent("regions.geojson").path, "--date", "2024-01-01", "--controller", "AM",
                         "--actor", "XR=Occupier"])
        let out = folder.appendingPathComponent("claims.geojson").path
        let unknown = try ingest(["--map", "Occupied=ZZ"], out: out)
        #expect(unknown.status == CLI.badData && unknown.stderr.contains("--map: unknown actor \"ZZ\""))
        let regex = try ingest(["--map", "Occ(upied=XR"], out: out)
        #expect(regex.status == CLI.badData && regex.stderr.contains("the pattern \"Occ(upied\" is not a regular expression"))
        let noDate = try CLI.run(["ingest", trackerFiles[0], "--out", out, "--data", data, "--controller", "XR", "--ceded-to", "AM",
                                  "--source-title", "t", "--date-from-name", #"state_(\d{8})"#])
        #expect(noDate.status == CLI.badData && noDate.stderr.contains("map_1704153600.geojson: no date: the name does not match --date-from-name"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // An exact claim without ceded_to, written by hand: the usual FILE: feature N (id): path.
        var claim = GridFixture.claim("hand", "2024-01-05", "XR", region: "R1")
        claim.properties!["mode"] = "exact"
        try Data(GeoJSONEncoder().encode(FeatureCollection(features: [claim]))).write(to: URL(fileURLWithPath: data + "/claims/hand.geojson"))
        let snapshot = try CLI.run(["snapshot", "--data", data, "--date", "2024-01-05"])
        #expect(snapshot.status == CLI.badData, "\(snapshot.stderr)")
        #expect(snapshot.stderr.contains("hand.geojson: feature 0 (hand): features[0].properties: missing property \"ceded_to\""))
    }
}
