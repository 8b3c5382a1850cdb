import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport

@Suite struct TimelineEngineTests {
    let tracker: Tracker
    let r1: Double, r3: Double

    init() throws {
        tracker = try Tracker(directory: try GridFixture.write().path)
        r1 = GridFixture.checkCellKm2
        r3 = Geodesic.measure(GridFixture.cell(46, 40)).areaKm2
    }

    func areas(_ layer: Layer, _ date: String, knownOn: String? = nil) throws -> [String: Double] {
        try tracker.state(layer: layer, at: CalendarDate(date)!, knownOn: knownOn.flatMap(CalendarDate.init)).areas().mapValues { $0 / 1e6 }
    }

    /// Within 100 m² by default: the engine works on a grid of 2⁻²⁷° (under a millimetre), which
    /// moves the outline of a 1° cell by fractions of a millimetre.
    func near(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-4) -> Bool { abs((a ?? 0) - b) < tolerance }

    @Test func baselineAndItsFrontline() throws {
        let start = try areas(.claimed, "2000-01-15")
        #expect(near(start["AZ"], r1 + r3) && near(start["AM"], r1 + r3))
        #expect(abs(Geodesic.measure(GridFixture.cell(47, 39)).areaKm2 - r1) < 1e-6)  // R2 = R1
        let controls = try tracker.state(layer: .claimed, at: CalendarDate("2000-01-15")!).controlGeometries()
        let frontline = try FrontlineGeometry.compute(controls)
        // The shared edge: the meridian 47°E from 39° to 41°N (two cell edges, both geodesics).
        let meridian = Geodesic.distance(Position(47, 39), Position(47, 40)) + Geodesic.distance(Position(47, 40), Position(47, 41))
        #expect(abs(frontline.length - meridian) < 1e-6)
        #expect(abs(frontline.lengthByController["AZ"]! - meridian) < 1e-6)
    }

    @Test func orderingTiesSettlementCellsAndBothLayers() throws {
        // claimed: c1 (AZ takes s1's cell = R2) then c2 (AM takes R1).
        let claimed = try areas(.claimed, "2000-02-10")
        #expect(near(claimed["AZ"], r1 + r3))  // R3 + R2
        #expect(near(claimed["AM"], r1 + r3))  // R1 + R4
        // assessed: only c2 (confirmed).
        let assessed = try areas(.assessed, "2000-02-10")
        #expect(near(assessed["AZ"], r3))
        #expect(near(assessed["AM"], 2 * r1 + r3))
        // The pieces say who put each area there.
        let lineage = try tracker.state(layer: .claimed, at: CalendarDate("2000-02-10")!).lineage().map { "\($0.controller):\($0.claim)" }
        #expect(lineage == ["AM:baseline", "AM:c2-am-takes-r1", "AZ:baseline", "AZ:c1-az-takes-s1"])
    }

    @Test func knownOnLeavesOutLaterReports() throws {
        // c2 happened on 2000-02-01 but became public on 2000-02-05.
        let before = try areas(.claimed, "2000-02-10", knownOn: "2000-02-03")
        #expect(near(before["AZ"], 2 * r1 + r3))  // R1, R3 and R2 (c1)
        let after = try areas(.claimed, "2000-02-10", knownOn: "2000-02-05")
        #expect(near(after["AZ"], r1 + r3))
    }

    @Test func aClaimThatReversesAnEarlierOneAndRetractedClaims() throws {
        let state = try tracker.state(layer: .claimed, at: CalendarDate("2000-04-15")!)
        let areas = state.areas().mapValues { $0 / 1e6 }
        #expect(near(areas["AZ"], r3))  // c3 gave R2 back to AM; c5 (retracted) moved nothing
        #expect(try state.lineage().contains { $0.claim == "c3-am-retakes-r2" && $0.controller == "AM" })
        #expect(try !state.lineage().contains { $0.claim.hasPrefix("c5") })
    }

    @Test func claimsAreClippedToTheirRegion() throws {
        let quarter = Geodesic.measure(GridFixture.quarterOfR4).areaKm2
        let areas = try areas(.claimed, "2000-05-01")
        #expect(near(areas["AZ"], r3 + quarter, 1e-3))
        let resolved = try #require(tracker.resolved.first { $0.claim.id == "c6-az-clipped" })
        #expect(abs(resolved.areaSquareMetres / 1e6 - quarter) < 1e-3)
    }

    @Test func unlocatedClaimsAppearAtTheRegionsPoint() throws {
        let snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: CalendarDate("2000-03-01")!, options: .init())
        #expect(snapshot.unlocated.map(\.claim.id) == ["c4-az-somewhere-in-r4"])
        guard case .point(let point)? = snapshot.unlocated.first?.geometry?.shape else {
            Issue.record("no point")
            return
        }
        #expect(point.longitude > 47 && point.longitude < 48 && point.latitude > 40 && point.latitude < 41)
    }

    @Test func lineageAreasSumToEachControllersArea() throws {
        let snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: CalendarDate("2000-05-01")!, options: .init(lineage: true))
        for controller in ["AZ", "AM"] {
            let control = try #require(snapshot.controls.first { $0.controller == controller })
            let pieces = snapshot.pieces.filter { $0.controller == controller }
            let sum = pieces.reduce(0) { $0 + $1.areaKm2 }
            // Pieces are measured on the geometry written (rounded to the output grid), the
            // control's area on the state: they agree to the 1e-9 relative of that rounding.
            #expect(abs(sum - control.areaKm2) < 1e-9 * control.areaKm2, "\(sum) against \(control.areaKm2)")
            // And the control polygon itself measures the same, within the vertex effect of overlays.
            #expect(abs(Geodesic.measure(control.geometry).areaKm2 - sum) < 1e-3)
        }
    }

    @Test func diffGainedMinusLostIsTheChange() throws {
        let diff = try ControlDiff.compute(tracker, from: CalendarDate("2000-01-15")!, to: CalendarDate("2000-05-01")!, layer: .claimed)
        for (controller, change) in diff.controllers {
            #expect(abs(change.gainedKm2 - change.lostKm2 - change.netKm2) < 1e-3, "\(controller)")
        }
        // AZ lost R1 and gained a quarter of R4.
        let quarter = Geodesic.measure(GridFixture.quarterOfR4).areaKm2
        #expect(near(diff.controllers["AZ"]?.lostKm2, r1, 1e-3))
        #expect(near(diff.controllers["AZ"]?.gainedKm2, quarter, 1e-3))
        let byRegion = diff.regions.map { "\($0.region) \($0.controller)" }
        #expect(byRegion == ["R1 AM", "R1 AZ", "R4 AM", "R4 AZ"])
        let limited = try ControlDiff.compute(tracker, from: CalendarDate("2000-01-15")!, to: CalendarDate("2000-05-01")!, layer: .claimed, regionIDs: ["R4"])
        #expect(near(limited.controllers["AZ"]?.areaToKm2, quarter, 1e-3))
        #expect(limited.regions.allSatisfy { $0.region == "R4" })
    }

    @Test func timelineRowsAndDates() throws {
        let dates = tracker.dates(from: nil, to: nil, every: nil).map(\.description)
        #expect(dates == ["2000-01-01", "2000-02-01", "2000-03-01", "2000-05-01"])
        #expect(tracker.dates(from: CalendarDate("2000-01-01"), to: CalendarDate("2000-01-20"), every: 7).map(\.description) == ["2000-01-01", "2000-01-08", "2000-01-15"])
        let rows = try TimelineReport.rows(tracker, dates: tracker.dates(from: nil, to: nil, every: nil))
        #expect(rows.count == 8)
        let february = rows.filter { $0.date.description == "2000-02-01" }
        #expect(february.map(\.controller) == ["AM", "AZ"])
        #expect(near(february[1].claimedKm2, r1 + r3) && near(february[1].assessedKm2, r3))
        #expect(february[0].frontlineKm > 100)
    }
}
