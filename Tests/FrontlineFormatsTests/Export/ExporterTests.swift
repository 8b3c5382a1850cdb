import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineFormats
@testable import FrontlineModel
import TestSupport

@Suite struct ExporterTests {
    @Test func aSnapshotPerDateAnIndexAndTheTimeline() throws {
        let tracker = try Tracker(directory: try GridFixture.write().path)
        let dates = tracker.dates(from: nil, to: nil, every: nil)
        let folder = try Paths.temporaryDirectory().appendingPathComponent("export").path
        let summary = try Exporter(tracker: tracker, dates: dates).write(to: folder)
        let names = try FileIO.listDirectory(folder).sorted()
        #expect(names == (dates.map { "\($0).geojson" } + ["index.json", "timeline.csv", "timeline.geojson"]).sorted())
        #expect(summary.files == names.count)
        // index.json lists every other file with its SHA-256.
        guard case .object(let index) = try JSONParser().parse(try FileIO.read(folder + "/index.json")),
              case .array(let files)? = index["files"] else {
            Issue.record("index.json is not an object with files")
            return
        }
        #expect(files.count == names.count - 1)
        for case .object(let entry) in files {
            let name = try #require(entry["name"]?.stringValue)
            #expect(entry["sha256"]?.stringValue == SHA256.hex(try FileIO.read(folder + "/" + name)))
        }
        // Each dated file is that date's snapshot, as `snapshot` gives it.
        let last = try #require(dates.last)
        let snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: last, options: .init())
        let expected = try #require(try GeoJSONDriver().encode(FeatureTable(snapshot), precision: nil))
        #expect(try FileIO.read(folder + "/\(last).geojson") == expected)
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let tracker = try Tracker(directory: try GridFixture.write().path)
        let dates = tracker.dates(from: nil, to: nil, every: nil)
        var indexes: [[UInt8]] = []
        for format in [FeatureFormat.gpkg, .gpkg] {
            var exporter = Exporter(tracker: tracker, dates: dates)
            exporter.format = format
            let folder = try Paths.temporaryDirectory().appendingPathComponent("export").path
            _ = try exporter.write(to: folder)
            indexes.append(try FileIO.read(folder + "/index.json"))
        }
        #expect(indexes[0] == indexes[1])
    }
}
