import Foundation
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport
@testable import Geometry

@Suite struct ControlStateTests {
    /// The running frontline totals (shared borders measured piece by piece as claims apply)
    /// against the frontline measured afresh from each date's control geometries, on the
    /// shipped ledger: every date of the claimed layer.
    @Test func runningFrontlineMatchesTheGeometryAtEveryDate() throws {
        let tracker = try Tracker(directory: Paths.geoData.path)
        let dates = tracker.dates(from: nil, to: nil, every: nil)
        var compared = 0
        try tracker.walk(layer: .claimed, dates: dates, tracksFrontline: true) { date, state in
            let measured = try FrontlineGeometry.compute(try state.controlGeometries())
            let running = state.frontlineByController
            for controller in Set(running.keys).union(measured.lengthByController.keys) {
                let expected = measured.lengthByController[controller] ?? 0
                let actual = running[controller] ?? 0
                #expect(abs(actual - expected) <= max(1, 1e-5 * expected), "\(date) \(controller): running \(actual) m, measured \(expected) m")
            }
            compared += 1
        }
        #expect(compared == dates.count && compared > 10)
    }

    /// Claims applied as one batch give the partition of applying them one after another: the
    /// same areas, frontline and lineage (within the grid's noise), on the shipped ledger.
    @Test func aBatchGivesThePartitionOfItsClaimsOneAfterAnother() throws {
        let tracker = try Tracker(directory: Paths.geoData.path)
        let claims = tracker.resolved.filter { $0.claim.isIn(.claimed) && $0.claim.mode == .change && $0.area != nil }
        #expect(claims.count > 20)
        var oneByOne = try tracker.makeState(expectedPieces: claims.count, tracksFrontline: true)
        var batched = oneByOne
        for claim in claims { try oneByOne.apply(claim, scope: nil) }
        try batched.apply(claims, scope: { _ in nil })
        for (controller, area) in oneByOne.areaByController {
            let other = batched.areaByController[controller] ?? 0
            #expect(abs(other - area) <= 1e-9 * area, "\(controller): \(other) against \(area) m²")
        }
        for (controller, length) in oneByOne.frontlineByController {
            let other = batched.frontlineByController[controller] ?? 0
            #expect(abs(other - length) <= max(1, 1e-6 * length), "\(controller): \(other) against \(length) m")
        }
        let lineage = Dictionary(try oneByOne.lineage().map { ("\($0.controller)/\($0.claim)", $0.area) }, uniquingKeysWith: +)
        let batchedLineage = Dictionary(try batched.lineage().map { ("\($0.controller)/\($0.claim)", $0.area) }, uniquingKeysWith: +)
        #expect(Set(lineage.keys) == Set(batchedLineage.keys))
        for (key, area) in lineage { #expect(abs((batchedLineage[key] ?? 0) - area) <= max(1, 1e-8 * area), "\(key)") }
    }
}
