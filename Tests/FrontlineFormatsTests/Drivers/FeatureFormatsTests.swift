import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineKit

@Suite struct FeatureFormatsTests {
    let snapshot: FeatureCollection
    let tracker: Tracker

    init() throws {
        tracker = try Tracker(directory: try GridFixture.write().path)
        snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: CalendarDate("2000-03-01")!, options: .init(lineage: true))
    }

    @Test func styledFeaturesAndTheBand() throws {
        let control = try #require(snapshot.features.first { $0.id == "control:AZ" })
        #expect(control.properties?["fill"] == "#1f6fb4")
        #expect(control.properties?["fill-opacity"] == 0.55)
        #expect(control.properties?["title"]?.stringValue?.hasPrefix("A: ") == true)
        // At 2000-03-01 the claimed layer has c1 (AZ takes R2 by s1), later reversed by c3 (assessed).
        let bands = snapshot.features.filter { $0.properties?["kind"] == "band" }
        for band in bands { #expect(band.properties?["fill"] == "#ffffff") }
        let frontline = try #require(snapshot.features.first { $0.id == "frontline" })
        #expect(frontline.properties?["stroke"] == "#111111" && frontline.properties?["stroke-width"] == 3)
    }

    @Test func geoJSONTextSequences() throws {
        let bytes = try FeatureFormat.geojsonseq.bytes(snapshot)
        let records = bytes.split(separator: 0x1E, omittingEmptySubsequences: true)
        #expect(records.count == snapshot.features.count)
        for record in records {
            #expect(record.last == 0x0A)
            guard case .feature(let feature) = try GeoJSONDecoder().decode(Array(record)) else {
                Issue.record("not a feature")
                continue
            }
            #expect(feature.properties?["date"] == "2000-03-01")
        }
    }

    @Test func kmlWithStylesAndTimes() throws {
        let kml = String(decoding: try FeatureFormat.kml.bytes(snapshot, actors: tracker.dataset.actors), as: UTF8.self)
        #expect(kml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">"))
        #expect(kml.components(separatedBy: "<Placemark>").count - 1 == snapshot.features.count)
        // #1f6fb4 at 0x8c opacity is aabbggrr 8cb46f1f.
        #expect(kml.contains("<PolyStyle><color>8cb46f1f</color></PolyStyle>"))
        #expect(kml.contains("<TimeStamp><when>2000-03-01</when></TimeStamp>"))
        #expect(kml.contains("<outerBoundaryIs><LinearRing><coordinates>"))
        // An exported feature with validity carries a TimeSpan ending the day before valid_to.
        var feature = snapshot.features[0]
        feature.properties?["valid_from"] = "2000-03-01"
        feature.properties?["valid_to"] = "2000-05-01"
        let span = KMLWriter.document(FeatureCollection(features: [feature]), actors: [], precision: nil)
        #expect(span.contains("<TimeSpan><begin>2000-03-01</begin><end>2000-04-30</end></TimeSpan>"))
    }

    @Test func csvWithWKTReadsBack() throws {
        let csv = try FeatureFormat.csv.bytes(snapshot)
        let rows = try CSV.parse(csv, file: "snapshot.csv")
        #expect(rows[0] == WKTTable.columns)
        let control = try #require(rows.first { $0[0] == "control:AZ" })
        let geometry = try Geometry(wkt: control[13])
        let original = try Geometry(snapshot.features.first { $0.id == "control:AZ" }!.geometry!)
        #expect(try geometry.topologicallyEquals(original))
    }

    @Test func geoPackageLayersPerKind() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("snapshot.gpkg").path
        try FeatureFormat.gpkg.write(snapshot, to: path)
        let layers = try GeoPackage.layerNames(path)
        #expect(layers == ["control", "frontline", "unlocated", "piece"] || layers == ["control", "band", "frontline", "unlocated", "piece"])
        let control = try GeoPackage.read(path, layer: "control")
        #expect(control.features.count == 2)
        #expect(control.features.allSatisfy { $0.properties?["date"] == "2000-03-01" })
        // The same file twice: byte-identical (no timestamp of the moment inside).
        let again = try Paths.temporaryDirectory().appendingPathComponent("snapshot.gpkg").path
        try FeatureFormat.gpkg.write(snapshot, to: again)
        #expect(try FileIO.read(path) == FileIO.read(again))
    }

    @Test func mapsAreDrawn() throws {
        let svg = try MapRenderer().svg(snapshot: snapshot, tracker: tracker)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("fill=\"#1f6fb4\""))
        #expect(svg.contains("Control on 2000-03-01 (claimed layer)"))
        #expect(svg.contains(" km</text>"))  // scale bar
        #expect(try MapRenderer().svg(snapshot: snapshot, tracker: tracker) == svg)
    }
}
