import CGEOS

/// Set operations (GEOS OverlayNG). All planar on longitude/latitude.
extension Geometry {
    @inline(__always)
    func binary(_ other: Geometry, _ operation: String, _ function: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        let result = withHandle { a in other.withHandle { b in function(context.handle, a, b) } }
        return try Geometry.wrap(result, operation, context)
    }

    @inline(__always)
    func unary(_ operation: String, _ function: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        let result = withHandle { function(context.handle, $0) }
        return try Geometry.wrap(result, operation, context)
    }

    /// Points in both (`GEOSIntersection_r`).
    public func intersection(_ other: Geometry) throws(GeometryError) -> Geometry {
        try binary(other, "intersection", GEOSIntersection_r)
    }

    /// Intersection with snap-rounding to `gridSize` (`GEOSIntersectionPrec_r`); on operands
    /// over `floatingAbove` vertices, `floatingThenRounded` first.
    public func intersection(_ other: Geometry, gridSize: Double) throws(GeometryError) -> Geometry {
        if let rounded = try floatingThenRounded(other, gridSize: gridSize, { a, b throws(GeometryError) in try a.intersection(b!) }) { return rounded }
        return try binary(other, "intersection") { GEOSIntersectionPrec_r($0, $1, $2, gridSize) }
    }

    /// Points in this but not in `other` (`GEOSDifference_r`).
    public func difference(_ other: Geometry) throws(GeometryError) -> Geometry {
        try binary(other, "difference", GEOSDifference_r)
    }

    /// Difference with snap-rounding to `gridSize` (`GEOSDifferencePrec_r`); on operands over
    /// `floatingAbove` vertices, `floatingThenRounded` first.
    public func difference(_ other: Geometry, gridSize: Double) throws(GeometryError) -> Geometry {
        if let rounded = try floatingThenRounded(other, gridSize: gridSize, { a, b throws(GeometryError) in try a.difference(b!) }) { return rounded }
        return try binary(other, "difference") { GEOSDifferencePrec_r($0, $1, $2, gridSize) }
    }

    /// Points in exactly one of the two (`GEOSSymDifference_r`).
    public func symmetricDifference(_ other: Geometry) throws(GeometryError) -> Geometry {
        try binary(other, "symmetricDifference", GEOSSymDifference_r)
    }

    /// Points in either (`GEOSUnion_r`).
    public func union(_ other: Geometry) throws(GeometryError) -> Geometry {
        try binary(other, "union", GEOSUnion_r)
    }

    /// Union of all the parts of this geometry (`GEOSUnaryUnion_r`).
    public func unaryUnion() throws(GeometryError) -> Geometry {
        try unary("unaryUnion", GEOSUnaryUnion_r)
    }

    /// Unary union with snap-rounding to `gridSize` (`GEOSUnaryUnionPrec_r`); over
    /// `floatingAbove` vertices, `floatingThenRounded` first.
    public func unaryUnion(gridSize: Double) throws(GeometryError) -> Geometry {
        if let rounded = try floatingThenRounded(nil, gridSize: gridSize, { a, _ throws(GeometryError) in try a.unaryUnion() }) { return rounded }
        return try unary("unaryUnion") { GEOSUnaryUnionPrec_r($0, $1, gridSize) }
    }

    /// Union of polygons that form a coverage (no overlaps, edges matching exactly), much faster
    /// than a general union (`GEOSCoverageUnion_r`). Wrong results if the input is not a coverage.
    public func coverageUnion() throws(GeometryError) -> Geometry {
        try unary("coverageUnion", GEOSCoverageUnion_r)
    }

    /// Union of many geometries in one cascaded pass (`GEOSUnaryUnion_r` on a collection).
    public static func union(_ geometries: [Geometry]) throws(GeometryError) -> Geometry {
        if geometries.isEmpty { return emptyCollection(.multiPolygon) }
        if geometries.count == 1 { return try geometries[0].unaryUnion() }
        return try collection(geometries).unaryUnion()
    }

    /// Union of many geometries with snap-rounding to `gridSize` (`GEOSUnaryUnionPrec_r`).
    public static func union(_ geometries: [Geometry], gridSize: Double) throws(GeometryError) -> Geometry {
        if geometries.isEmpty { return emptyCollection(.multiPolygon) }
        if geometries.count == 1 { return try geometries[0].unaryUnion(gridSize: gridSize) }
        return try collection(geometries).unaryUnion(gridSize: gridSize)
    }

    /// Fast clip to a rectangle (`GEOSClipByRect_r`); may return invalid polygons on edges.
    public func clipped(to bounds: Bounds) throws(GeometryError) -> Geometry {
        try unary("clipByRect") { GEOSClipByRect_r($0, $1, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY) }
    }

    /// The same geometry on a grid of `gridSize` (`GEOSGeom_setPrecision_r`): collapses slivers.
    /// Over `floatingAbove` vertices, or at any size with `pointByPoint`, rounded point by point
    /// when that keeps it valid: a fraction of snap-rounding's cost (a unary overlay), with the
    /// same points but for the nodes snap-rounding adds where a vertex falls within a grid step
    /// of an edge, and rings starting where they did.
    /// The result carries no precision model of its own: overlays that should keep it on the
    /// grid take `gridSize` again (`intersection(_:gridSize:)`, ...).
    public func withPrecision(_ gridSize: Double, pointByPoint: Bool = false) throws(GeometryError) -> Geometry {
        if let rounded = try floatingThenRounded(nil, gridSize: gridSize, threshold: pointByPoint ? 0 : Self.floatingAbove, { a, _ throws(GeometryError) in a }) {
            return rounded
        }
        let snapped = try unary("setPrecision") { GEOSGeom_setPrecision_r($0, $1, gridSize, 0) }
        // GEOS gives the snapped geometry a GeometryFactory of its own, whose reference count is
        // not atomic, and every overlay result takes its first operand's factory. Threads that
        // derive geometries from a shared snapped geometry race on that count, and the factory
        // is freed while still in use. Read back from WKB, the geometry lives on the default
        // factory, which is never freed.
        return try Geometry(wkb: snapped.wkb)
    }
}

/// Large overlays. Snap-rounding (the `…Prec_r` overlays) indexes every vertex of both operands
/// as a hot pixel (a KdTree node and a deque entry, about 110 bytes a vertex), and was most of
/// the memory and the time of a claim of a million vertices (`make bench`, scaling). Above
/// `floatingAbove` vertices an overlay runs in floating point (OverlayNG's robust mode, which
/// falls back to snapping by itself) and its result is put on the grid point by point; that is
/// kept when valid, else the snap-rounded overlay is run as before. Below it, nothing changes.
extension Geometry {
    /// Vertices of the operands together above which `floatingThenRounded` is tried.
    public static let floatingAbove = 250_000

    /// `operation` (a floating-point overlay of this and `other`) rounded to `gridSize` point
    /// by point (`GEOSGeom_setPrecision_r` with `GEOS_PREC_NO_TOPO`, repeated points kept once),
    /// when the operands exceed `threshold` vertices and the rounded result is valid
    /// (`GEOSisValid_r`); else nil.
    func floatingThenRounded(_ other: Geometry?, gridSize: Double, threshold: Int = floatingAbove,
                             _ operation: (Geometry, Geometry?) throws(GeometryError) -> Geometry) throws(GeometryError) -> Geometry? {
        guard vertexCount + (other?.vertexCount ?? 0) > threshold else { return nil }
        // OverlayNG's robust mode throws only when snapping fails too; snap-rounding may not.
        guard let floating = try? operation(self, other) else { return nil }
        let pointwise = try floating.unary("setPrecision") { GEOSGeom_setPrecision_r($0, $1, gridSize, Int32(GEOS_PREC_NO_TOPO.rawValue)) }
        // Vertices within a grid step of each other land on one point: kept once, as
        // snap-rounding keeps them (`GEOSRemoveRepeatedPoints_r`).
        let rounded = try pointwise.unary("removeRepeatedPoints") { GEOSRemoveRepeatedPoints_r($0, $1, 0) }
        guard rounded.isValid else { return nil }
        // On the default factory, as `withPrecision` does, for the same reason.
        return try Geometry(wkb: rounded.wkb)
    }
}
