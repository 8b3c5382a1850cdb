import CGEOS

/// An immutable GEOS geometry. Owns its `GEOSGeometry*`, destroyed exactly once in `deinit`.
///
/// Every operation runs on the calling thread's GEOS context, so a `Geometry` may be read from
/// several threads at once (GEOS reads geometries without mutating them; the envelope GEOS caches
/// is computed when the geometry is made, before it can be shared).
/// Planar operations work on longitude/latitude as given; measurements live in `Geodesic`.
public final class Geometry: @unchecked Sendable {
    let handle: OpaquePointer

    /// Takes ownership of a handle GEOS returned.
    init(owning handle: OpaquePointer, context: GEOSContext = .current) {
        self.handle = handle
        Geometry.cacheEnvelopes(handle, context.handle)
    }

    /// GEOS computes each component's envelope lazily, on first use, into a cache inside the
    /// geometry: two threads reading the same geometry can both fill it, and one frees what the
    /// other stored (heap corruption). A collection's or polygon's own envelope fills those of its
    /// parts and shell, but not of its holes; so every ring of every part is visited here, while
    /// only this thread sees the new geometry.
    static func cacheEnvelopes(_ handle: OpaquePointer, _ context: GEOSContextHandle_t) {
        var ignored = 0.0
        _ = GEOSGeom_getXMin_r(context, handle, &ignored)
        switch GEOSGeomTypeId_r(context, handle) {
        case 3:  // Polygon: its envelope is its shell's, so only the holes are left.
            for index in 0..<max(0, GEOSGetNumInteriorRings_r(context, handle)) {
                if let hole = GEOSGetInteriorRingN_r(context, handle, index) { _ = GEOSGeom_getXMin_r(context, hole, &ignored) }
            }
        case 4, 5, 6, 7:  // Multi* and collections
            for index in 0..<max(0, GEOSGetNumGeometries_r(context, handle)) {
                if let part = GEOSGetGeometryN_r(context, handle, index) { cacheEnvelopes(part, context) }
            }
        default:
            break
        }
    }

    /// Wraps a handle returned by a GEOS call, or throws GEOS's error when it returned NULL.
    @inline(__always)
    static func wrap(_ handle: OpaquePointer?, _ operation: String, _ context: GEOSContext) throws(GeometryError) -> Geometry {
        guard let handle else { throw geosFailure(operation, context) }
        return Geometry(owning: handle, context: context)
    }

    deinit {
        GEOSGeom_destroy_r(GEOSContext.current.handle, handle)
    }

    /// Runs `body` with the raw handle, keeping this geometry alive for the whole call.
    @inline(__always)
    func withHandle<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(handle) }
    }

    // MARK: structure

    public enum Kind: Int32, Sendable {
        case point = 0, lineString, linearRing, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection
    }

    /// The geometry type (`GEOSGeomTypeId_r`).
    public var kind: Kind {
        withHandle { Kind(rawValue: GEOSGeomTypeId_r(GEOSContext.current.handle, $0)) ?? .geometryCollection }
    }

    /// True for an empty geometry (`GEOSisEmpty_r`).
    public var isEmpty: Bool {
        withHandle { GEOSisEmpty_r(GEOSContext.current.handle, $0) == 1 }
    }

    /// Number of parts: 1 for a simple geometry (`GEOSGetNumGeometries_r`).
    public var partCount: Int {
        withHandle { Int(GEOSGetNumGeometries_r(GEOSContext.current.handle, $0)) }
    }

    /// A copy of part `index` (`GEOSGetGeometryN_r` + `GEOSGeom_clone_r`).
    public func part(_ index: Int) -> Geometry {
        withHandle { handle in
            let context = GEOSContext.current.handle
            let part = GEOSGetGeometryN_r(context, handle, Int32(index))!
            return Geometry(owning: GEOSGeom_clone_r(context, part)!)
        }
    }

    /// The parts as separate geometries (one element for a simple geometry).
    public var parts: [Geometry] {
        (0..<partCount).map(part)
    }

    /// Number of vertices (`GEOSGetNumCoordinates_r`).
    public var vertexCount: Int {
        withHandle { Int(GEOSGetNumCoordinates_r(GEOSContext.current.handle, $0)) }
    }

    /// A deep copy (`GEOSGeom_clone_r`).
    public func clone() -> Geometry {
        withHandle { Geometry(owning: GEOSGeom_clone_r(GEOSContext.current.handle, $0)!) }
    }

    /// Planar area in squared degrees (`GEOSArea_r`). Not a measurement: use `Geodesic` for km².
    public var planarArea: Double {
        withHandle { handle in
            var area = 0.0
            _ = GEOSArea_r(GEOSContext.current.handle, handle, &area)
            return area
        }
    }

    /// Planar length (or perimeter) in degrees (`GEOSLength_r`). Not a measurement: use `Geodesic`.
    public var planarLength: Double {
        withHandle { handle in
            var length = 0.0
            _ = GEOSLength_r(GEOSContext.current.handle, handle, &length)
            return length
        }
    }

    /// The bounding box (`GEOSGeom_getExtent_r`), or nil when empty.
    public var bounds: Bounds? {
        withHandle { handle in
            var bounds = Bounds(minX: 0, minY: 0, maxX: 0, maxY: 0)
            // 1 on success, 0 on exception or for an empty geometry
            guard GEOSGeom_getExtent_r(GEOSContext.current.handle, handle, &bounds.minX, &bounds.minY, &bounds.maxX, &bounds.maxY) == 1
            else { return nil }
            return bounds
        }
    }

    /// Exact structural equality, vertex by vertex (`GEOSEqualsExact_r` with tolerance 0).
    public func isExactlyEqual(to other: Geometry) -> Bool {
        withHandle { a in other.withHandle { b in GEOSEqualsExact_r(GEOSContext.current.handle, a, b, 0) == 1 } }
    }

    /// A copy in GEOS's canonical form (`GEOSNormalize_r`): same shape, deterministic vertex order.
    public func normalized() throws(GeometryError) -> Geometry {
        let copy = clone()
        let context = GEOSContext.current
        // 0 on success, -1 on exception
        guard copy.withHandle({ GEOSNormalize_r(context.handle, $0) }) == 0 else { throw geosFailure("normalize", context) }
        return copy
    }

    /// An empty geometry collection (`GEOSGeom_createEmptyCollection_r`).
    public static func emptyCollection(_ kind: Kind = .geometryCollection) -> Geometry {
        Geometry(owning: GEOSGeom_createEmptyCollection_r(GEOSContext.current.handle, kind.rawValue)!)
    }

    /// A collection owning copies of `geometries` (`GEOSGeom_createCollection_r`).
    public static func collection(_ geometries: [Geometry], kind: Kind = .geometryCollection) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        var clones: [OpaquePointer?] = geometries.map { geometry in geometry.withHandle { GEOSGeom_clone_r(context.handle, $0) } }
        let handle = clones.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(context.handle, kind.rawValue, buffer.baseAddress, UInt32(buffer.count))
        }
        return try wrap(handle, "createCollection", context)
    }
}

/// An axis-aligned box in the geometry's coordinates (degrees for lon/lat).
public struct Bounds: Sendable, Equatable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public func intersects(_ other: Bounds) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    public func union(_ other: Bounds) -> Bounds {
        Bounds(minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }

    public func expanded(by margin: Double) -> Bounds {
        Bounds(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
}
