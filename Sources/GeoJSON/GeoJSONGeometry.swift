/// A GeoJSON geometry object (RFC 7946 §3.1), with its optional `bbox` and foreign members.
public struct GeoJSONGeometry: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        case point(Position)
        case multiPoint(PositionList)
        case lineString(PositionList)
        case multiLineString([PositionList])
        /// Rings: the exterior first, then holes.
        case polygon([PositionList])
        case multiPolygon([[PositionList]])
        case geometryCollection([GeoJSONGeometry])
    }

    public var shape: Shape
    public var bbox: [Double]?
    public var foreignMembers: JSONObject

    public init(_ shape: Shape, bbox: [Double]? = nil, foreignMembers: JSONObject = JSONObject()) {
        self.shape = shape
        self.bbox = bbox
        self.foreignMembers = foreignMembers
    }

    public static func point(_ position: Position) -> GeoJSONGeometry { GeoJSONGeometry(.point(position)) }
    public static func multiPoint(_ positions: PositionList) -> GeoJSONGeometry { GeoJSONGeometry(.multiPoint(positions)) }
    public static func lineString(_ positions: PositionList) -> GeoJSONGeometry { GeoJSONGeometry(.lineString(positions)) }
    public static func multiLineString(_ lines: [PositionList]) -> GeoJSONGeometry { GeoJSONGeometry(.multiLineString(lines)) }
    public static func polygon(_ rings: [PositionList]) -> GeoJSONGeometry { GeoJSONGeometry(.polygon(rings)) }
    public static func multiPolygon(_ polygons: [[PositionList]]) -> GeoJSONGeometry { GeoJSONGeometry(.multiPolygon(polygons)) }
    public static func geometryCollection(_ geometries: [GeoJSONGeometry]) -> GeoJSONGeometry {
        GeoJSONGeometry(.geometryCollection(geometries))
    }

    /// The RFC 7946 type name ("Polygon", ...).
    public var typeName: String {
        switch shape {
        case .point: return "Point"
        case .multiPoint: return "MultiPoint"
        case .lineString: return "LineString"
        case .multiLineString: return "MultiLineString"
        case .polygon: return "Polygon"
        case .multiPolygon: return "MultiPolygon"
        case .geometryCollection: return "GeometryCollection"
        }
    }

    /// The polygons of a Polygon or MultiPolygon (and of polygons inside a collection), as rings.
    public var polygons: [[PositionList]] {
        switch shape {
        case .polygon(let rings): return [rings]
        case .multiPolygon(let polygons): return polygons
        case .geometryCollection(let geometries): return geometries.flatMap(\.polygons)
        default: return []
        }
    }

    /// The lines of a LineString or MultiLineString (and of lines inside a collection).
    public var lines: [PositionList] {
        switch shape {
        case .lineString(let line): return [line]
        case .multiLineString(let lines): return lines
        case .geometryCollection(let geometries): return geometries.flatMap(\.lines)
        default: return []
        }
    }

    /// The points of a Point or MultiPoint (and of points inside a collection).
    public var points: [Position] {
        switch shape {
        case .point(let position): return [position]
        case .multiPoint(let positions): return positions.positions
        case .geometryCollection(let geometries): return geometries.flatMap(\.points)
        default: return []
        }
    }

    /// Every position list of the geometry (rings, lines, point lists), for bounds and checks.
    public var allPositionLists: [PositionList] {
        switch shape {
        case .point(let position): return [PositionList([position])]
        case .multiPoint(let positions), .lineString(let positions): return [positions]
        case .multiLineString(let lines): return lines
        case .polygon(let rings): return rings
        case .multiPolygon(let polygons): return polygons.flatMap { $0 }
        case .geometryCollection(let geometries): return geometries.flatMap(\.allPositionLists)
        }
    }

    /// The bounding box `[west, south, east, north]` of the positions, or nil when empty.
    public var computedBoundingBox: [Double]? {
        var west = Double.infinity, south = Double.infinity, east = -Double.infinity, north = -Double.infinity
        for list in allPositionLists {
            for index in 0..<list.count {
                let base = index * list.dimension
                west = min(west, list.values[base])
                east = max(east, list.values[base])
                south = min(south, list.values[base + 1])
                north = max(north, list.values[base + 1])
            }
        }
        return west.isFinite ? [west, south, east, north] : nil
    }
}

extension GeoJSONGeometry {
    /// Whether the geometry has no position at all (an empty MultiLineString, a collection of
    /// nothing): what files write as a null geometry.
    public var isEmpty: Bool { allPositionLists.allSatisfy { $0.count == 0 } }

    /// A Point, LineString or Polygon as the Multi geometry of that one part (for columns that
    /// hold one kind); anything else as it is.
    public var asMulti: GeoJSONGeometry {
        var result = self
        switch shape {
        case .point(let position): result.shape = .multiPoint(PositionList([position]))
        case .lineString(let list): result.shape = .multiLineString([list])
        case .polygon(let rings): result.shape = .multiPolygon([rings])
        default: break
        }
        return result
    }

    /// A MultiPolygon of one polygon written as a Polygon.
    public var simplestForm: GeoJSONGeometry {
        if case .multiPolygon(let polygons) = shape, polygons.count == 1 {
            return GeoJSONGeometry(.polygon(polygons[0]), bbox: bbox, foreignMembers: foreignMembers)
        }
        return self
    }
}

extension GeoJSONGeometry {
    /// The same geometry with every list of positions replaced by what `transform` makes of it,
    /// collections walked into; a Point is a list of one position. With `points: false`, Points
    /// and MultiPoints are left as they are (for transforms of lines and rings only). The one
    /// walk over a geometry's coordinates, for every transform that keeps its structure.
    public func mappingPositionLists<Failure: Error>(
        points: Bool = true, _ transform: (PositionList) throws(Failure) -> PositionList
    ) throws(Failure) -> GeoJSONGeometry {
        var result = self
        switch shape {
        case .point(let position): if points { result.shape = .point(try transform(PositionList([position]))[0]) }
        case .multiPoint(let list): if points { result.shape = .multiPoint(try transform(list)) }
        case .lineString(let list): result.shape = .lineString(try transform(list))
        case .multiLineString(let lines): result.shape = .multiLineString(try lines.mapTyped(transform))
        case .polygon(let rings): result.shape = .polygon(try rings.mapTyped(transform))
        case .multiPolygon(let polygons):
            var mapped: [[PositionList]] = []
            for rings in polygons { mapped.append(try rings.mapTyped(transform)) }
            result.shape = .multiPolygon(mapped)
        case .geometryCollection(let geometries):
            var mapped: [GeoJSONGeometry] = []
            for child in geometries { mapped.append(try child.mappingPositionLists(points: points, transform)) }
            result.shape = .geometryCollection(mapped)
        }
        return result
    }
}

extension GeoJSONGeometry {
    /// The same geometry with its rings wound as RFC 7946 §3.1.6 asks (exteriors
    /// counter-clockwise, holes clockwise), for the writers of formats whose readers assume no
    /// winding or another (KML, GeoPackage, WKT): every file Frontline writes winds one way.
    /// The GeoJSON encoder applies the same rule as it writes (`isWoundForRFC7946`).
    public var withRFC7946Winding: GeoJSONGeometry {
        func wound(_ rings: [PositionList]) -> [PositionList] {
            rings.enumerated().map { index, ring in ring.isWoundForRFC7946(exterior: index == 0) ? ring : ring.reversed() }
        }
        var result = self
        switch shape {
        case .polygon(let rings): result.shape = .polygon(wound(rings))
        case .multiPolygon(let polygons): result.shape = .multiPolygon(polygons.map(wound))
        case .geometryCollection(let geometries): result.shape = .geometryCollection(geometries.map(\.withRFC7946Winding))
        case .point, .multiPoint, .lineString, .multiLineString: break
        }
        return result
    }
}

extension GeoJSONGeometry {
    /// The geometry in longitude and latitude only: the engine works in 2-D, and a z on one
    /// input would otherwise be interpolated by GEOS into every geometry it meets.
    public var flattened: GeoJSONGeometry {
        guard allPositionLists.contains(where: { $0.dimension > 2 }) else { return self }
        return mappingPositionLists { list in
            guard list.dimension > 2 else { return list }
            var values: [Double] = []
            values.reserveCapacity(list.count * 2)
            for index in 0..<list.count { values += [list.values[index * list.dimension], list.values[index * list.dimension + 1]] }
            return PositionList(flat: values, dimension: 2)
        }
    }
}

extension Array {
    /// `map` that keeps a typed error (the standard library's rethrows loses its type).
    fileprivate func mapTyped<T, Failure: Error>(_ transform: (Element) throws(Failure) -> T) throws(Failure) -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for element in self { result.append(try transform(element)) }
        return result
    }
}
