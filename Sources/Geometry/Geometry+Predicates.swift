import CGEOS

/// Spatial predicates. GEOS returns 1 for true, 0 for false and 2 on exception.
extension Geometry {
    @inline(__always)
    func predicate(_ other: Geometry, _ name: String, _ function: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws(GeometryError) -> Bool {
        let context = GEOSContext.current
        let result = withHandle { a in other.withHandle { b in function(context.handle, a, b) } }
        return try geosBool(result, name, context)
    }

    /// `GEOSIntersects_r`
    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "intersects", GEOSIntersects_r) }
    /// `GEOSTouches_r`
    public func touches(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "touches", GEOSTouches_r) }
    /// `GEOSOverlaps_r`
    public func overlaps(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "overlaps", GEOSOverlaps_r) }
    /// `GEOSContains_r`
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "contains", GEOSContains_r) }
    /// `GEOSCovers_r`
    public func covers(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "covers", GEOSCovers_r) }
    /// `GEOSWithin_r`
    public func within(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "within", GEOSWithin_r) }
    /// `GEOSDisjoint_r`
    public func disjoint(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "disjoint", GEOSDisjoint_r) }
    /// Topological equality (`GEOSEquals_r`).
    public func topologicallyEquals(_ other: Geometry) throws(GeometryError) -> Bool { try predicate(other, "equals", GEOSEquals_r) }

    /// The DE-9IM intersection matrix, e.g. "FF2F11212" (`GEOSRelate_r`).
    public func relate(_ other: Geometry) throws(GeometryError) -> String {
        let context = GEOSContext.current
        let matrix = withHandle { a in other.withHandle { b in GEOSRelate_r(context.handle, a, b) } }
        guard let matrix else { throw geosFailure("relate", context) }
        defer { GEOSFree_r(context.handle, matrix) }
        return String(cString: matrix)
    }

    /// Whether the DE-9IM matrix matches `pattern`, e.g. "T*T***T**" (`GEOSRelatePattern_r`).
    public func relate(_ other: Geometry, pattern: String) throws(GeometryError) -> Bool {
        try predicate(other, "relatePattern") { GEOSRelatePattern_r($0, $1, $2, pattern) }
    }

    /// Planar distance in degrees (`GEOSDistance_r`).
    public func planarDistance(to other: Geometry) throws(GeometryError) -> Double {
        let context = GEOSContext.current
        var distance = 0.0
        // 1 on success, 0 on exception
        let status = withHandle { a in other.withHandle { b in GEOSDistance_r(context.handle, a, b, &distance) } }
        guard status == 1 else { throw geosFailure("distance", context) }
        return distance
    }
}
