import CGEOS

/// Constructive operations: new geometries derived from one or several inputs.
extension Geometry {
    /// Buffer by `distance` in degrees (`GEOSBuffer_r`); `quadrantSegments` segments per quarter circle.
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws(GeometryError) -> Geometry {
        try unary("buffer") { GEOSBuffer_r($0, $1, distance, Int32(quadrantSegments)) }
    }

    /// Douglas-Peucker simplification that keeps topology (`GEOSTopologyPreserveSimplify_r`).
    public func simplified(tolerance: Double) throws(GeometryError) -> Geometry {
        try unary("topologyPreserveSimplify") { GEOSTopologyPreserveSimplify_r($0, $1, tolerance) }
    }

    /// The boundary: rings of a polygon, end points of a line (`GEOSBoundary_r`).
    public func boundary() throws(GeometryError) -> Geometry {
        try unary("boundary", GEOSBoundary_r)
    }

    /// A point guaranteed to lie in the geometry, good for labels (`GEOSPointOnSurface_r`).
    public func pointOnSurface() throws(GeometryError) -> Geometry {
        try unary("pointOnSurface", GEOSPointOnSurface_r)
    }

    /// The planar centroid (`GEOSGetCentroid_r`); may lie outside a concave polygon.
    public func centroid() throws(GeometryError) -> Geometry {
        try unary("centroid", GEOSGetCentroid_r)
    }

    /// The bounding rectangle as a geometry (`GEOSEnvelope_r`).
    public func envelope() throws(GeometryError) -> Geometry {
        try unary("envelope", GEOSEnvelope_r)
    }

    /// Merges connected lines end to end (`GEOSLineMerge_r`).
    public func lineMerged() throws(GeometryError) -> Geometry {
        try unary("lineMerge", GEOSLineMerge_r)
    }

    /// Snaps this geometry's vertices and segments to `reference` within `tolerance` (`GEOSSnap_r`).
    public func snapped(to reference: Geometry, tolerance: Double) throws(GeometryError) -> Geometry {
        try binary(reference, "snap") { GEOSSnap_r($0, $1, $2, tolerance) }
    }

    /// The Voronoi diagram of this geometry's vertices, as polygons clipped to an envelope that
    /// covers at least `extent` (`GEOSVoronoiDiagram_r`). Cells come in no particular order.
    public func voronoiDiagram(extent: Geometry? = nil, tolerance: Double = 0) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        let result = withHandle { handle in
            if let extent {
                return extent.withHandle { GEOSVoronoiDiagram_r(context.handle, handle, $0, tolerance, 0) }
            }
            return GEOSVoronoiDiagram_r(context.handle, handle, nil, tolerance, 0)
        }
        return try Geometry.wrap(result, "voronoiDiagram", context)
    }

    /// The point as (x, y), or nil when this is not a non-empty point (`GEOSGeomGetX_r`/`Y`).
    public var pointCoordinates: (x: Double, y: Double)? {
        withHandle { handle in
            let context = GEOSContext.current.handle
            var x = 0.0, y = 0.0
            guard GEOSGeomTypeId_r(context, handle) == 0, GEOSisEmpty_r(context, handle) == 0,
                GEOSGeomGetX_r(context, handle, &x) == 1, GEOSGeomGetY_r(context, handle, &y) == 1
            else { return nil }
            return (x, y)
        }
    }

    /// Polygons formed by a set of lines, which must be noded (`GEOSPolygonize_r`).
    public static func polygonize(_ lines: [Geometry]) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        let result = withExtendedLifetime(lines) {
            let handles: [OpaquePointer?] = lines.map { $0.handle }
            return handles.withUnsafeBufferPointer { buffer in
                GEOSPolygonize_r(context.handle, buffer.baseAddress, UInt32(buffer.count))
            }
        }
        return try wrap(result, "polygonize", context)
    }

    /// A point (`GEOSGeom_createPointFromXY_r`).
    public static func point(x: Double, y: Double) -> Geometry {
        Geometry(owning: GEOSGeom_createPointFromXY_r(GEOSContext.current.handle, x, y)!)
    }

    /// A rectangle polygon (`GEOSGeom_createRectangle_r`).
    public static func rectangle(_ bounds: Bounds) -> Geometry {
        Geometry(owning: GEOSGeom_createRectangle_r(GEOSContext.current.handle, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY)!)
    }
}

extension Geometry {
    /// Only the polygons of this geometry (overlays can add stray lines and points where shapes
    /// touch): itself when already polygonal, else a MultiPolygon of its polygon parts.
    public func polygonal() throws(GeometryError) -> Geometry {
        switch kind {
        case .polygon, .multiPolygon: return self
        case .geometryCollection:
            let polygons = polygonRings
            return try Geometry(.multiPolygon(polygons))
        default:
            return Geometry.emptyCollection(.multiPolygon)
        }
    }
}
