import CPROJ

/// Geodesic results of edges, remembered by the edges' end positions, for one worker that
/// densifies and measures many shapes sharing most of their edges (a tracker's consecutive
/// days: nine in ten edges of a day are the day before's). Every answer is the computation's,
/// bit for bit; only the `geod_*` calls are saved. It holds the edges of the last two shapes
/// (`startShape()` turns a generation), so memory stays that of two shapes.
///
/// Not thread-safe: one per worker.
public final class GeodesicMemo {
    /// An edge by the bit patterns of its ends, in the order walked.
    struct Edge: Hashable {
        let a: UInt64, b: UInt64, c: UInt64, d: UInt64
        init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
            (self.a, self.b, self.c, self.d) = (a.bitPattern, b.bitPattern, c.bitPattern, d.bitPattern)
        }
    }

    /// Lines and rings longer than this are measured and densified without the memo: a shape
    /// that large is not a tracker's day, and its edges would cost more memory than they save.
    public static let largestList = 65_536

    private var inverse: [Edge: (distance: Double, area: Double)] = [:]
    private var previousInverse: [Edge: (distance: Double, area: Double)] = [:]
    private var densified: [Edge: [Double]] = [:]
    private var previousDensified: [Edge: [Double]] = [:]

    public init() {}

    /// Starts a new shape: the edges of the shape before the last are forgotten.
    public func startShape() {
        (previousInverse, inverse) = (inverse, [:])
        (previousDensified, densified) = (densified, [:])
        inverse.reserveCapacity(previousInverse.count)
        densified.reserveCapacity(previousDensified.count)
    }

    /// Distance (m) and area between the edge and the equator (m², `S12`) from (lat1, lon1)
    /// to (lat2, lon2): `geod_geninverse`'s, remembered.
    func inverse(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double, _ geodesic: UnsafePointer<geod_geodesic>) -> (distance: Double, area: Double) {
        let edge = Edge(lat1, lon1, lat2, lon2)
        if let known = inverse[edge] { return known }
        let result: (distance: Double, area: Double)
        if let known = previousInverse[edge] {
            result = known
        } else {
            var distance = 0.0, area = 0.0
            geod_geninverse(geodesic, lat1, lon1, lat2, lon2, &distance, nil, nil, nil, nil, nil, &area)
            result = (distance, area)
        }
        inverse[edge] = result
        return result
    }

    /// The positions `compute` inserts along the edge from (lon1, lat1) to (lon2, lat2),
    /// remembered.
    func densified(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double, _ compute: () -> [Double]) -> [Double] {
        let edge = Edge(lon1, lat1, lon2, lat2)
        if let known = densified[edge] { return known }
        let result = previousDensified[edge] ?? compute()
        densified[edge] = result
        return result
    }
}
