import CGEOS

/// A geometry prepared for many predicate tests against it (`GEOSPrepare_r`): GEOS builds
/// indexes of its segments once, so each test is much cheaper than the plain predicate.
///
/// Not Sendable: GEOS builds those indexes lazily on first use, which is not thread-safe.
/// Make one per thread (or per task) when working in parallel.
public final class PreparedGeometry {
    public let base: Geometry
    let handle: OpaquePointer

    /// Prepares `geometry`; the prepared form keeps it alive (`GEOSPrepare_r`).
    public init(_ geometry: Geometry) throws(GeometryError) {
        let context = GEOSContext.current
        guard let handle = geometry.withHandle({ GEOSPrepare_r(context.handle, $0) }) else {
            throw geosFailure("prepare", context)
        }
        self.base = geometry
        self.handle = handle
    }

    deinit {
        GEOSPreparedGeom_destroy_r(GEOSContext.current.handle, handle)
    }

    @inline(__always)
    func predicate(_ other: Geometry, _ name: String, _ function: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws(GeometryError) -> Bool {
        let context = GEOSContext.current
        let result = withExtendedLifetime(self) { other.withHandle { function(context.handle, handle, $0) } }
        return try geosBool(result, name, context)
    }

    /// `GEOSPreparedIntersects_r`
    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "preparedIntersects", GEOSPreparedIntersects_r) }
    /// `GEOSPreparedContains_r`
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "preparedContains", GEOSPreparedContains_r) }
    /// `GEOSPreparedContainsProperly_r`: inside and not touching the boundary.
    public func containsProperly(_ other: Geometry) throws(GeometryError) -> Bool {
        try predicate(other, "preparedContainsProperly", GEOSPreparedContainsProperly_r)
    }
    /// `GEOSPreparedCovers_r`
    public func covers(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "preparedCovers", GEOSPreparedCovers_r) }
    /// `GEOSPreparedCoveredBy_r`
    public func coveredBy(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "preparedCoveredBy", GEOSPreparedCoveredBy_r) }
    /// `GEOSPreparedTouches_r`
    public func touches(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "preparedTouches", GEOSPreparedTouches_r) }
    /// `GEOSPreparedOverlaps_r`
    public func overlaps(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "preparedOverlaps", GEOSPreparedOverlaps_r) }
    /// `GEOSPreparedWithin_r`
    public func within(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "preparedWithin", GEOSPreparedWithin_r) }
    /// `GEOSPreparedDisjoint_r`
    public func disjoint(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "preparedDisjoint", GEOSPreparedDisjoint_r) }

    /// Whether `other` comes within `distance` (in the coordinates' units) of the geometry
    /// (`GEOSPreparedDistanceWithin_r`).
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws(GeometryError) -> Bool {
        let context = GEOSContext.current
        let result = withExtendedLifetime(self) { other.withHandle { GEOSPreparedDistanceWithin_r(context.handle, handle, $0, distance) } }
        return try geosBool(result, "preparedDistanceWithin", context)
    }

    /// Whether the point (x, y) lies in the geometry or on its boundary.
    public func intersects(x: Double, y: Double) throws(GeometryError) -> Bool {
        try intersects(Geometry.point(x: x, y: y))
    }
}
