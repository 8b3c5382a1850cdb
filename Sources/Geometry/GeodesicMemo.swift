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
    struct Edge: Hashable {
        let a: UInt64, b: UInt64, c: UInt64, d: UInt64
        init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
            (self.a, self.b, self.c, self.d) = (a.bitPattern, b.bitPattern, c.bitPattern, d.bitPattern)
        }

        /// One word to the hasher instead of four (a lookup was mostly SipHash over 32 bytes);
        /// the multipliers are odd, so each end still moves every bit of the word.
        func hash(into hasher: inout Hasher) {
            hasher.combine(a &* 0x9E37_79B9_7F4A_7C15 ^ b &* 0xC2B2_AE3D_27D4_EB4F ^ c &* 0x1656_67B1_9E37_79F9 ^ d &* 0xD6E8_FEB8_6659_FD93)
        }
    }

    /// Remembered results by edge, each with the last shape that met its edge.
    struct Table<Value> {
        var entries: [Edge: (value: Value, shape: Int)] = [:]
        /// Edges the current shape has met.
        var met = 0

        /// The value remembered for `edge`, marked as met by `shape`; else `compute`'s,
        /// remembered while there is room.
        mutating func recall(_ edge: Edge, shape: Int, _ compute: () -> Value) -> Value {
            met += 1
            if let index = entries.index(forKey: edge) {
                entries.values[index].shape = shape
                return entries.values[index].value
            }
            let value = compute()
            if entries.count < GeodesicMemo.capacity { entries[edge] = (value, shape) }
            return value
        }

        /// Forgets the edges `shape` did not meet, once they are most of the table.
        mutating func forget(before shape: Int) {
            if entries.count > 2 * met + 4096 { entries = entries.filter { $0.value.shape >= shape } }
            met = 0
        }
    }

    /// Lines and rings longer than this are measured and densified without the memo: a shape
    /// that large is not a tracker's day, and its edges would cost more memory than they save.
    public static let largestList = 65_536
    /// Edges remembered at most in each table (about 20 MB), whatever the shapes.
    static let capacity = 1 << 18

    private var inverse = Table<(distance: Double, area: Double)>()
    private var densified = Table<[Double]>()
    private var shape = 0

    public init() {}

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
