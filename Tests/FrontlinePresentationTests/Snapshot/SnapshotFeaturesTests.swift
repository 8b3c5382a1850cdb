import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
@testable import FrontlinePresentation
import TestSupport

/// The styled features of a typed snapshot: what every format writes.
@Suite struct SnapshotFeaturesTests {
    let snapshot: Snapshot

    init() throws {
        let tracker = try Tracker(directory: try GridFixture.write().path)
        snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: CalendarDate("2000-03-01")!, options: .init(lineage: true))
    }

    @Test func styledFeaturesAndTheBand() throws {
        let features = snapshot.features()
        let control = try #require(features.first { $0.id == "control:AZ" })
        #expect(control.kind == .control)
        #expect(control.properties["fill"] == "#1f6fb4")
        #expect(control.properties["fill-opacity"] == 0.55)
        #expect(control.properties["title"]?.stringValue?.hasPrefix("A: ") == true)
        for band in features where band.kind == .band { #expect(band.properties["fill"] == "#ffffff") }
        let frontline = try #require(features.first { $0.id == "frontline" })
        #expect(frontline.properties["stroke"] == "#111111" && frontline.properties["stroke-width"] == 3)
    }

    @Test func featuresFollowTheTypedSnapshot() throws {
        let features = snapshot.features()
        #expect(features.filter { $0.kind == .control }.count == snapshot.controls.count)
        #expect(features.filter { $0.kind == .band }.count == snapshot.bands.count)
        #expect(features.filter { $0.kind == .unlocated }.count == snapshot.unlocated.count)
        #expect(features.filter { $0.kind == .piece }.count == snapshot.pieces.count)
        #expect(!snapshot.pieces.isEmpty)
        // The kind property says the same as the typed kind, for GeoJSON readers that filter on it.
        for feature in features { #expect(feature.properties["kind"]?.stringValue == feature.kind.rawValue) }
        let control = try #require(snapshot.controls.first { $0.controller == "AZ" })
        #expect(features.first { $0.id == "control:AZ" }?.properties["area_km2"]?.numberValue == control.areaKm2)
        #expect(features.first { $0.id == "frontline" }?.properties["length_km"]?.numberValue == snapshot.frontline.lengthKm)
    }

    @Test func collectionMembers() {
        let collection = snapshot.featureCollection
        #expect(collection.foreignMembers["date"] == "2000-03-01")
        #expect(collection.foreignMembers["layer"] == "claimed")
        #expect(collection.foreignMembers["known_on"] == nil)
        #expect(collection.features.count == snapshot.features().count)
    }
}
