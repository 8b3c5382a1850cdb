import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
@testable import FrontlinePresentation
import TestSupport

@Suite struct MapRendererTests {
    let tracker: Tracker
    let snapshot: Snapshot

    init() throws {
        tracker = try Tracker(directory: try GridFixture.write().path)
        snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: CalendarDate("2000-03-01")!, options: .init(lineage: true))
    }

    @Test func mapsAreDrawn() throws {
        let svg = try MapRenderer().svg(snapshot: snapshot, tracker: tracker)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("fill=\"#1f6fb4\""))
        #expect(svg.contains("Control on 2000-03-01 (claimed layer)"))
        #expect(svg.contains(" km</text>"))  // scale bar
        #expect(try MapRenderer().svg(snapshot: snapshot, tracker: tracker) == svg)
    }

    @Test func captionCountsWhatIsNotDrawn() throws {
        let svg = try MapRenderer().svg(snapshot: snapshot, tracker: tracker)
        let count = snapshot.unlocated.count
        #expect(svg.contains("\(count) unlocated claim\(count == 1 ? "" : "s") not drawn"))
    }

    @Test func namesAreEscaped() {
        #expect(MapRenderer.text("A & B <c> \"d\"") == "A &amp; B &lt;c&gt; &quot;d&quot;")
        #expect(MapRenderer.attribute("a b/c") == "a_b_c")
    }

    @Test func missingRasterizerIsAToolError() throws {
        // Only where rsvg-convert is absent can this path run; elsewhere the PNG must be real.
        if Rasterizer.tool == nil {
            #expect(throws: ToolError.self) { try Rasterizer.png(svg: "<svg/>") }
        } else {
            let png = try Rasterizer.png(svg: try MapRenderer().svg(snapshot: snapshot, tracker: tracker))
            #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }
}
