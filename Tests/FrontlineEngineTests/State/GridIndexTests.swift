import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport
@testable import Geometry

@Suite struct GridIndexTests {
    /// A deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func box(_ random: inout SplitMix, within bounds: Bounds, largest: Double) -> Bounds {
        let width = Double.random(in: 0...largest, using: &random)
        let height = Double.random(in: 0...largest, using: &random)
        // Some boxes reach past the index's bounds: they are clamped onto its edge cells.
        let x = Double.random(in: (bounds.minX - 0.5)...(bounds.maxX + 0.5), using: &random)
        let y = Double.random(in: (bounds.minY - 0.5)...(bounds.maxY + 0.5), using: &random)
        return Bounds(minX: x, minY: y, maxX: x + width, maxY: y + height)
    }

    /// Inserts, removals and queries of boxes of every size (a point to most of the grid),
    /// checked against a scan of every live box: each id once, ascending, none missed.
    @Test func queriesMatchABruteForceScan() {
        let bounds = Bounds(minX: 44, minY: 38, maxX: 51, maxY: 42)
        var index = GridIndex(bounds: bounds, expectedItems: 400)
        var live: [Int: Bounds] = [:]
        var random = SplitMix(state: 7)
        var nextID = 0
        var checked = 0
        for step in 0..<4000 {
            if step % 3 == 2, let id = live.keys.min(by: { ($0 &* 2_654_435_761) % 1009 < ($1 &* 2_654_435_761) % 1009 }) {
                index.remove(id)
                live[id] = nil
            } else {
                let box = Self.box(&random, within: bounds, largest: step % 50 == 0 ? 6 : 0.4)
                index.insert(nextID, box)
                live[nextID] = box
                nextID += 1
            }
            let query = Self.box(&random, within: bounds, largest: step % 7 == 0 ? 5 : 0.3)
            let expected = live.filter { $0.value.intersects(query) }.keys.sorted()
            let found = index.query(query)
            #expect(found == expected, "step \(step)")
            checked += expected.count
        }
        #expect(checked > 10_000)
    }

    /// A box touching the query only along an edge or at a corner is found (closed boxes), and
    /// removing an id twice or one never inserted changes nothing.
    @Test func touchingBoxesAndRepeatedRemovals() {
        var index = GridIndex(bounds: Bounds(minX: 0, minY: 0, maxX: 10, maxY: 10), expectedItems: 100)
        index.insert(1, Bounds(minX: 0, minY: 0, maxX: 5, maxY: 5))
        index.insert(2, Bounds(minX: 5, minY: 5, maxX: 10, maxY: 10))
        index.insert(3, Bounds(minX: 6, minY: 0, maxX: 9, maxY: 4))
        #expect(index.query(Bounds(minX: 5, minY: 5, maxX: 5, maxY: 5)) == [1, 2])
        #expect(index.query(Bounds(minX: 0, minY: 0, maxX: 10, maxY: 10)) == [1, 2, 3])
        index.remove(1)
        index.remove(1)
        index.remove(42)
        #expect(index.query(Bounds(minX: 0, minY: 0, maxX: 10, maxY: 10)) == [2, 3])
    }
}
