import CPROJ

/// Geodesic results of edges, remembered by the edges' end positions, for one worker that
/// densifies and measures many shapes sharing most of their edges (a tracker's consecutive
/// days: nine in ten edges of a day are the day before's). Every answer is the computation's,
/// bit for bit; only the `geod_*` calls are saved. It forgets edges the last shape did not
/// meet (`startShape()`), so memory stays about that of two shapes, and at most `capacity` edges.
///
/// Not thread-safe: one per worker.
public final class GeodesicMemo {
    /// An edge by the bit patterns of its ends, in the order walked.
    struct Edge {
        let a: UInt64, b: UInt64, c: UInt64, d: UInt64
        init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
            (self.a, self.b, self.c, self.d) = (a.bitPattern, b.bitPattern, c.bitPattern, d.bitPattern)
        }

        init(raw a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) { (self.a, self.b, self.c, self.d) = (a, b, c, d) }

        /// The four words folded into one by odd multipliers, then spread by Fibonacci hashing
        /// (the top bits of a product with 2⁶⁴/φ), which `Table` takes as a slot.
        var hash: UInt64 {
            let folded = a &* 0x9E37_79B9_7F4A_7C15 ^ b &* 0xC2B2_AE3D_27D4_EB4F ^ c &* 0x1656_67B1_9E37_79F9 ^ d &* 0xD6E8_FEB8_6659_FD93
            return (folded ^ folded >> 31) &* 0x9E37_79B9_7F4A_7C15
        }
    }

    /// Remembered results by edge, each with the last shape that met its edge: an open-addressing
    /// table (linear probing, at most half full), since a lookup through `Dictionary` (SipHash
    /// over the key) cost more than a third of the `geod_geninverse` it saved.
    struct Table<Value> {
        /// Four words a slot.
        private var keys: [UInt64] = []
        private var values: [Value?] = []
        /// 0 for an empty slot, else the last shape that met the slot's edge (shapes count from 1).
        private var shapes: [Int] = []
        private(set) var count = 0
        /// log2 of the slot count.
        private var bits = 0
        /// Distinct edges the current shape has met.
        private var met = 0

        /// The value remembered for `edge`, marked as met by `shape`; else `compute`'s,
        /// remembered while there is room.
        mutating func recall(_ edge: Edge, shape: Int, _ compute: () -> Value) -> Value {
            if shapes.isEmpty { rebuild(bits: 12, keeping: 0) }
            let mask = shapes.count - 1
            var slot = Int(truncatingIfNeeded: edge.hash >> UInt64(64 - bits))
            while shapes[slot] != 0 {
                if keys[4 * slot] == edge.a && keys[4 * slot + 1] == edge.b && keys[4 * slot + 2] == edge.c && keys[4 * slot + 3] == edge.d {
                    if shapes[slot] != shape { (shapes[slot], met) = (shape, met + 1) }
                    return values[slot]!
                }
                slot = (slot + 1) & mask
            }
            let value = compute()
            met += 1
            guard count < GeodesicMemo.capacity else { return value }
            (keys[4 * slot], keys[4 * slot + 1], keys[4 * slot + 2], keys[4 * slot + 3]) = (edge.a, edge.b, edge.c, edge.d)
            (values[slot], shapes[slot]) = (value, shape)
            count += 1
            if 2 * count > shapes.count { rebuild(bits: bits + 1, keeping: 0) }
            return value
        }

        /// Forgets the edges `shape` did not meet, once they are most of the table.
        mutating func forget(before shape: Int) {
            if count > 2 * met + 4096 {
                // The smallest table at most half full of what is kept.
                var bits = 12
                while (1 << bits) < 4 * met { bits += 1 }
                rebuild(bits: bits, keeping: shape)
            }
            met = 0
        }

        /// Re-files the entries met by `shape` or later into 2^`bits` slots.
        private mutating func rebuild(bits: Int, keeping shape: Int) {
            let (oldKeys, oldValues, oldShapes) = (keys, values, shapes)
            self.bits = bits
            keys = [UInt64](repeating: 0, count: 4 << bits)
            values = [Value?](repeating: nil, count: 1 << bits)
            shapes = [Int](repeating: 0, count: 1 << bits)
            count = 0
            let mask = (1 << bits) - 1
            for old in oldShapes.indices where oldShapes[old] != 0 && oldShapes[old] >= shape {
                let edge = Edge(raw: oldKeys[4 * old], oldKeys[4 * old + 1], oldKeys[4 * old + 2], oldKeys[4 * old + 3])
                var slot = Int(truncatingIfNeeded: edge.hash >> UInt64(64 - bits))
                while shapes[slot] != 0 { slot = (slot + 1) & mask }
                (keys[4 * slot], keys[4 * slot + 1], keys[4 * slot + 2], keys[4 * slot + 3]) = (edge.a, edge.b, edge.c, edge.d)
                (values[slot], shapes[slot]) = (oldValues[old], oldShapes[old])
                count += 1
            }
        }
    }

    /// Lines and rings longer than this are measured and densified without the memo: a shape
    /// that large is not a tracker's day, and its edges would cost more memory than they save.
    public static let largestList = 65_536
    /// Edges remembered at most in each table (at most 2¹⁸ slots: under 20 MB), whatever the shapes.
    static let capacity = 1 << 17

    private var inverse = Table<(distance: Double, area: Double)>()
    private var densified = Table<[Double]>()
    /// The current shape's number, from 1 (0 marks an empty slot).
    private var shape = 1

    public init() {}

    /// Edges remembered, for each kind of result (for tests).
    var remembered: (inverse: Int, densified: Int) { (inverse.count, densified.count) }

    /// Starts a new shape: edges the last shape did not meet are forgotten, once they are most
    /// of what is remembered.
    public func startShape() {
        inverse.forget(before: shape)
        densified.forget(before: shape)
        shape += 1
    }

    /// Distance (m) and area between the edge and the equator (m², `S12`) from (lat1, lon1)
    /// to (lat2, lon2): `geod_geninverse`'s, remembered.
    func inverse(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double, _ geodesic: UnsafePointer<geod_geodesic>) -> (distance: Double, area: Double) {
        inverse.recall(Edge(lat1, lon1, lat2, lon2), shape: shape) {
            var distance = 0.0, area = 0.0
            geod_geninverse(geodesic, lat1, lon1, lat2, lon2, &distance, nil, nil, nil, nil, nil, &area)
            return (distance, area)
        }
    }

    /// The positions `compute` inserts along the edge from (lon1, lat1) to (lon2, lat2),
    /// remembered.
    func densified(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double, _ compute: () -> [Double]) -> [Double] {
        densified.recall(Edge(lon1, lat1, lon2, lat2), shape: shape, compute)
    }
}
