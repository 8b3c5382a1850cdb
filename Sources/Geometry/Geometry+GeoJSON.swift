import CGEOS
import GeoJSON

extension Geometry {
    /// Builds a GEOS geometry from a GeoJSON geometry, copying each coordinate list in one call
    /// (`GEOSCoordSeq_copyFromBuffer_r`). Throws when GEOS refuses a structure.
    public convenience init(_ geoJSON: GeoJSONGeometry) throws(GeometryError) {
        let context = GEOSContext.current
        let handle = try Geometry.makeHandle(geoJSON.shape, context)
        self.init(owning: handle, context: context)
    }

    private static func sequence(_ list: PositionList, _ context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        let sequence = list.values.withUnsafeBufferPointer { buffer in
            GEOSCoordSeq_copyFromBuffer_r(context.handle, buffer.baseAddress, UInt32(list.count), list.dimension == 3 ? 1 : 0, 0)
        }
        guard let sequence else { throw geosFailure("copyFromBuffer", context) }
        return sequence
    }

    private static func ring(_ list: PositionList, _ context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        let sequence = try sequence(list, context)
        // Takes ownership of the sequence, also on failure.
        guard let ring = GEOSGeom_createLinearRing_r(context.handle, sequence) else { throw geosFailure("createLinearRing", context) }
        return ring
    }

    private static func polygon(_ rings: [PositionList], _ context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        guard let exterior = rings.first else {
            return GEOSGeom_createEmptyPolygon_r(context.handle)!
        }
        let shell = try ring(exterior, context)
        var holes: [OpaquePointer?] = []
        holes.reserveCapacity(rings.count - 1)
        for hole in rings.dropFirst() {
            do {
                holes.append(try ring(hole, context))
            } catch {
                GEOSGeom_destroy_r(context.handle, shell)
                for made in holes { GEOSGeom_destroy_r(context.handle, made) }
                throw error
            }
        }
        // Takes ownership of shell and holes.
        let polygon = holes.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(context.handle, shell, buffer.baseAddress, UInt32(buffer.count))
        }
        guard let polygon else { throw geosFailure("createPolygon", context) }
        return polygon
    }

    private static func collection(_ kind: Kind, _ parts: [OpaquePointer], _ context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        if parts.isEmpty { return GEOSGeom_createEmptyCollection_r(context.handle, kind.rawValue)! }
        var pointers: [OpaquePointer?] = parts
        // Takes ownership of the parts.
        let collection = pointers.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(context.handle, kind.rawValue, buffer.baseAddress, UInt32(buffer.count))
        }
        guard let collection else { throw geosFailure("createCollection", context) }
        return collection
    }

    /// Builds each element, destroying what was built so far when one fails.
    private static func buildAll<T>(_ items: [T], _ context: GEOSContext, _ build: (T) throws(GeometryError) -> OpaquePointer) throws(GeometryError) -> [OpaquePointer] {
        var built: [OpaquePointer] = []
        built.reserveCapacity(items.count)
        for item in items {
            do {
                built.append(try build(item))
            } catch {
                for handle in built { GEOSGeom_destroy_r(context.handle, handle) }
                throw error
            }
        }
        return built
    }

    private static func makeHandle(_ shape: GeoJSONGeometry.Shape, _ context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        switch shape {
        case .point(let position):
            if let altitude = position.altitude {
                let sequence = try sequence(PositionList(flat: [position.longitude, position.latitude, altitude], dimension: 3), context)
                guard let point = GEOSGeom_createPoint_r(context.handle, sequence) else { throw geosFailure("createPoint", context) }
                return point
            }
            guard let point = GEOSGeom_createPointFromXY_r(context.handle, position.longitude, position.latitude) else {
                throw geosFailure("createPoint", context)
            }
            return point
        case .multiPoint(let list):
            let points = try buildAll(Array(0..<list.count), context) { (index) throws(GeometryError) in
                try makeHandle(.point(list[index]), context)
            }
            return try collection(.multiPoint, points, context)
        case .lineString(let list):
            let sequence = try sequence(list, context)
            guard let line = GEOSGeom_createLineString_r(context.handle, sequence) else { throw geosFailure("createLineString", context) }
            return line
        case .multiLineString(let lines):
            let parts = try buildAll(lines, context) { (line) throws(GeometryError) in try makeHandle(.lineString(line), context) }
            return try collection(.multiLineString, parts, context)
        case .polygon(let rings):
            return try polygon(rings, context)
        case .multiPolygon(let polygons):
            let parts = try buildAll(polygons, context) { (rings) throws(GeometryError) in try polygon(rings, context) }
            return try collection(.multiPolygon, parts, context)
        case .geometryCollection(let geometries):
            let parts = try buildAll(geometries, context) { (geometry) throws(GeometryError) in try makeHandle(geometry.shape, context) }
            return try collection(.geometryCollection, parts, context)
        }
    }

    // MARK: GEOS -> GeoJSON

    /// The geometry as GeoJSON. Empty simple geometries become empty Multi* geometries, since
    /// GeoJSON has no empty Point, LineString or Polygon.
    public var geoJSON: GeoJSONGeometry {
        withHandle { GeoJSONGeometry(Geometry.shape(of: $0, GEOSContext.current)) }
    }

    static func positions(ofSequence sequence: OpaquePointer, _ context: GEOSContext) -> PositionList {
        var size: UInt32 = 0
        var dimensions: UInt32 = 2
        _ = GEOSCoordSeq_getSize_r(context.handle, sequence, &size)
        _ = GEOSCoordSeq_getDimensions_r(context.handle, sequence, &dimensions)
        let hasZ = dimensions >= 3
        var values = [Double](repeating: 0, count: Int(size) * (hasZ ? 3 : 2))
        values.withUnsafeMutableBufferPointer { buffer in
            _ = GEOSCoordSeq_copyToBuffer_r(context.handle, sequence, buffer.baseAddress, hasZ ? 1 : 0, 0)
        }
        if hasZ {
            // GEOS reports 3 dimensions with NaN z for 2-D input built some ways; drop such z.
            var allNaN = true
            var index = 2
            while index < values.count {
                if !values[index].isNaN { allNaN = false; break }
                index += 3
            }
            if allNaN {
                var flat: [Double] = []
                flat.reserveCapacity(Int(size) * 2)
                for position in 0..<Int(size) {
                    flat.append(values[position * 3])
                    flat.append(values[position * 3 + 1])
                }
                return PositionList(flat: flat, dimension: 2)
            }
            // GeoJSON cannot carry NaN: a missing z among real ones becomes 0.
            for zIndex in stride(from: 2, to: values.count, by: 3) where values[zIndex].isNaN { values[zIndex] = 0 }
            return PositionList(flat: values, dimension: 3)
        }
        return PositionList(flat: values, dimension: 2)
    }

    static func positions(of geometry: OpaquePointer, _ context: GEOSContext) -> PositionList {
        guard let sequence = GEOSGeom_getCoordSeq_r(context.handle, geometry) else { return PositionList(flat: [], dimension: 2) }
        return positions(ofSequence: sequence, context)
    }

    static func rings(of polygon: OpaquePointer, _ context: GEOSContext) -> [PositionList] {
        if GEOSisEmpty_r(context.handle, polygon) == 1 { return [] }
        var rings = [positions(of: GEOSGetExteriorRing_r(context.handle, polygon)!, context)]
        let holeCount = GEOSGetNumInteriorRings_r(context.handle, polygon)
        for index in 0..<max(0, holeCount) {
            rings.append(positions(of: GEOSGetInteriorRingN_r(context.handle, polygon, index)!, context))
        }
        return rings
    }

    static func children(of geometry: OpaquePointer, _ context: GEOSContext) -> [OpaquePointer] {
        let count = GEOSGetNumGeometries_r(context.handle, geometry)
        return (0..<max(0, count)).map { GEOSGetGeometryN_r(context.handle, geometry, $0)! }
    }

    static func shape(of geometry: OpaquePointer, _ context: GEOSContext) -> GeoJSONGeometry.Shape {
        let kind = Kind(rawValue: GEOSGeomTypeId_r(context.handle, geometry)) ?? .geometryCollection
        let empty = GEOSisEmpty_r(context.handle, geometry) == 1
        switch kind {
        case .point:
            if empty { return .multiPoint(PositionList(flat: [], dimension: 2)) }
            return .point(positions(of: geometry, context)[0])
        case .lineString, .linearRing:
            if empty { return .multiLineString([]) }
            return .lineString(positions(of: geometry, context))
        case .polygon:
            if empty { return .multiPolygon([]) }
            return .polygon(rings(of: geometry, context))
        case .multiPoint:
            let points = children(of: geometry, context).map { positions(of: $0, context) }
            let dimension = points.first?.dimension ?? 2
            return .multiPoint(PositionList(flat: points.flatMap { $0.dimension == dimension ? $0.values : Array($0.values.prefix(2)) + (dimension == 3 ? [0] : []) }, dimension: dimension))
        case .multiLineString:
            return .multiLineString(children(of: geometry, context).map { positions(of: $0, context) })
        case .multiPolygon:
            return .multiPolygon(children(of: geometry, context).map { rings(of: $0, context) })
        case .geometryCollection:
            return .geometryCollection(children(of: geometry, context).map { GeoJSONGeometry(shape(of: $0, context)) })
        }
    }

    /// The geometry as GeoJSON with every coordinate on the decimal grid of `decimals` places,
    /// computed with an exact power of ten. GEOS's fixed precision model works with the scale
    /// 1/gridSize, which for 1e-9 is not exactly 1e9: its grid points print as 47.00000000000001.
    /// Rounding here maps them back to 47 (the two grids differ by far less than a grid step).
    public func geoJSON(decimals: Int) -> GeoJSONGeometry {
        let scale = powerOfTen(decimals)
        return geoJSON.mappingPositionLists { list in
            PositionList(flat: list.values.map { ($0 * scale).rounded() / scale }, dimension: list.dimension)
        }
    }

    /// This geometry snap-rounded onto the decimal grid of `decimals` places
    /// (`GEOSGeom_setPrecision_r`, then `geoJSON(decimals:)`), as `--precision` writes it.
    /// Rounding coordinates alone is not enough: at 2 decimals polygons cross themselves and
    /// repeat vertices, which readers reject. Snap-rounding nodes them instead, so the result is
    /// valid; parts narrower than a grid step collapse and are gone (the result may be empty).
    public func onDecimalGrid(_ decimals: Int) throws(GeometryError) -> GeoJSONGeometry {
        try withPrecision(1 / powerOfTen(decimals)).geoJSON(decimals: decimals)
    }

    /// The polygons of this geometry as GeoJSON rings (empty for non-areal geometry).
    public var polygonRings: [[PositionList]] {
        geoJSON.polygons
    }
}
