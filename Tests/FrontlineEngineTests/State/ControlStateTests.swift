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
}
