import CGEOS

/// A static spatial index of items by bounding box (GEOS's STRtree: `GEOSSTRtree_create_r`,
/// `GEOSSTRtree_insert_r`, `GEOSSTRtree_query_r`). Items are the indices `0..<count` of the
/// geometries (or boxes) it was built from.
///
/// Built completely in `init` (GEOS builds lazily on first query, which is not thread-safe), so
/// queries may then run from any number of threads.
public final class STRtree: @unchecked Sendable {
    let handle: OpaquePointer
    /// Kept alive for as long as the tree, which refers to their envelopes.
    let geometries: [Geometry]
    public var count: Int { geometries.count }

    /// Indexes `geometries` by their envelopes; `nodeCapacity` children per node.
    public init(_ geometries: [Geometry], nodeCapacity: Int = 10) {
        let context = GEOSContext.current
        handle = GEOSSTRtree_create_r(context.handle, max(2, nodeCapacity))!
        self.geometries = geometries
        for (index, geometry) in geometries.enumerated() where !geometry.isEmpty {
            geometry.withHandle { GEOSSTRtree_insert_r(context.handle, handle, $0, UnsafeMutableRawPointer(bitPattern: index + 1)) }
        }
        // An empty query forces the build now, on this thread.
        let probe = Geometry.point(x: .greatestFiniteMagnitude, y: .greatestFiniteMagnitude)
        probe.withHandle { GEOSSTRtree_query_r(context.handle, handle, $0, { _, _ in }, nil) }
    }

    /// Indexes boxes (each becomes a rectangle geometry).
    public convenience init(bounds: [Bounds], nodeCapacity: Int = 10) {
        self.init(bounds.map(Geometry.rectangle), nodeCapacity: nodeCapacity)
    }

    deinit {
        GEOSSTRtree_destroy_r(GEOSContext.current.handle, handle)
    }

    /// Indices of the items whose envelope intersects `geometry`'s envelope, ascending.
    public func query(_ geometry: Geometry) -> [Int] {
        final class Results { var indices: [Int] = [] }
        let results = Results()
        let context = GEOSContext.current
        withExtendedLifetime(self) {
            geometry.withHandle { query in
                GEOSSTRtree_query_r(context.handle, handle, query, { item, userData in
                    let results = Unmanaged<Results>.fromOpaque(userData!).takeUnretainedValue()
                    results.indices.append(Int(bitPattern: item) - 1)
                }, Unmanaged.passUnretained(results).toOpaque())
            }
        }
        return results.indices.sorted()
    }

    /// Indices of the items whose envelope intersects `bounds`, ascending.
    public func query(_ bounds: Bounds) -> [Int] {
        query(Geometry.rectangle(bounds))
    }
}
