import FrontlineModel
import GeoJSON
import Geometry

/// Reads an ESRI Shapefile (`.shp` geometry + `.dbf` attributes, `.prj` CRS when present) into
/// GeoJSON features whose properties are the attributes.
///
/// Polygon rings are assembled as the format defines them: clockwise rings are exteriors,
/// counter-clockwise rings holes, each hole going to the smallest exterior that contains it (a
/// hole inside none becomes an exterior, as GDAL does). Z values are kept; M values are not
/// geographic and are dropped. Null shapes become features with `null` geometry.
public enum Shapefile {
    public struct Layer: Sendable {
        public var features: [Feature]
        /// The `.prj` text (WKT), when the file has one.
        public var projection: String?
    }

    public static func read(_ path: String) throws(DataError) -> Layer {
        let stem = path.hasSuffix(".shp") || path.hasSuffix(".SHP") ? String(path.dropLast(4)) : path
        let shpPath = stem + (path.hasSuffix(".SHP") ? ".SHP" : ".shp")
        let shapes = try readShapes(try FileIO.read(shpPath), file: shpPath)
        let dbfPath = [stem + ".dbf", stem + ".DBF"].first(where: FileIO.exists) ?? stem + ".dbf"
        var records: [JSONObject?] = Array(repeating: JSONObject(), count: shapes.count)
        if FileIO.exists(dbfPath) {
            records = try DBF.read(try FileIO.read(dbfPath), file: dbfPath).records
            guard records.count == shapes.count else {
                throw DataError(file: dbfPath, message: "has \(records.count) records but \(shpPath) has \(shapes.count) shapes")
            }
        }
        let prjPath = [stem + ".prj", stem + ".PRJ"].first(where: FileIO.exists)
        let projection = try prjPath.map { (path) throws(DataError) in String(decoding: try FileIO.read(path), as: UTF8.self) }
        var features: [Feature] = []
        for (index, shape) in shapes.enumerated() {
            guard let attributes = records[index] else { continue }  // deleted record
            features.append(Feature(id: nil, geometry: shape, properties: attributes))
        }
        return Layer(features: features, projection: projection)
    }

    static func readShapes(_ bytes: [UInt8], file: String) throws(DataError) -> [GeoJSONGeometry?] {
        let reader = ByteReader(bytes, file: file)
        guard try reader.int32BE(0, "file code") == 9994 else {
            throw DataError(file: file, message: "not a Shapefile (.shp): the file code is not 9994")
        }
        var shapes: [GeoJSONGeometry?] = []
        var offset = 100
        while offset + 8 <= bytes.count {
            let contentLength = try reader.int32BE(offset + 4, "record header") * 2
            let start = offset + 8
            guard contentLength >= 4 else {
                throw DataError(file: file, message: "corrupt record \(shapes.count) at byte \(offset): content length \(contentLength)")
            }
            try reader.require(start, contentLength, "record \(shapes.count)")
            shapes.append(try readShape(reader, at: start, length: contentLength, index: shapes.count))
            offset = start + contentLength
        }
        return shapes
    }

    static func readShape(_ reader: ByteReader, at start: Int, length: Int, index: Int) throws(DataError) -> GeoJSONGeometry? {
        let type = try reader.int32LE(start, "shape type")
        let what = "shape \(index)"
        switch type {
        case 0:
            return nil
        case 1, 11, 21:  // Point, PointZ, PointM
            let x = try reader.doubleLE(start + 4, what)
            let y = try reader.doubleLE(start + 12, what)
            if type == 11 {
                return .point(Position(longitude: x, latitude: y, altitude: try reader.doubleLE(start + 20, what)))
            }
            return .point(Position(x, y))
        case 8, 18, 28:  // MultiPoint, MultiPointZ, MultiPointM
            let count = try reader.int32LE(start + 36, what)
            guard count >= 0 else { throw DataError(file: reader.file, message: "corrupt \(what): negative point count") }
            let xy = try reader.doublesLE(start + 40, count: count * 2, what)
            let z = type == 18 ? try reader.doublesLE(start + 40 + count * 16 + 16, count: count, what) : nil
            return .multiPoint(positions(xy, z: z, from: 0, to: count))
        case 3, 5, 13, 15, 23, 25:  // PolyLine, Polygon (+Z, +M)
            let partCount = try reader.int32LE(start + 36, what)
            let pointCount = try reader.int32LE(start + 40, what)
            guard partCount > 0, pointCount >= 0, partCount <= pointCount || pointCount == 0 else {
                if partCount == 0 { return nil }
                throw DataError(file: reader.file, message: "corrupt \(what): \(partCount) parts, \(pointCount) points")
            }
            var parts: [Int] = []
            for part in 0..<partCount { parts.append(try reader.int32LE(start + 44 + part * 4, what)) }
            let pointsStart = start + 44 + partCount * 4
            let xy = try reader.doublesLE(pointsStart, count: pointCount * 2, what)
            let hasZ = type == 13 || type == 15
            let z = hasZ ? try reader.doublesLE(pointsStart + pointCount * 16 + 16, count: pointCount, what) : nil
            var lists: [PositionList] = []
            for (partIndex, first) in parts.enumerated() {
                let end = partIndex + 1 < parts.count ? parts[partIndex + 1] : pointCount
                guard first >= 0, first <= end, end <= pointCount else {
                    throw DataError(file: reader.file, message: "corrupt \(what): part \(partIndex) starts at point \(first)")
                }
                lists.append(positions(xy, z: z, from: first, to: end))
            }
            if type == 3 || type == 13 || type == 23 {
                return lists.count == 1 ? .lineString(lists[0]) : .multiLineString(lists)
            }
            return assemblePolygons(lists)
        default:
            throw DataError(file: reader.file, message: "\(what): shape type \(type) is not supported (MultiPatch and unknown types)")
        }
    }

    static func positions(_ xy: [Double], z: [Double]?, from start: Int, to end: Int) -> PositionList {
        guard let z else { return PositionList(flat: Array(xy[(start * 2)..<(end * 2)]), dimension: 2) }
        var values: [Double] = []
        values.reserveCapacity((end - start) * 3)
        for index in start..<end { values += [xy[index * 2], xy[index * 2 + 1], z[index]] }
        return PositionList(flat: values, dimension: 3)
    }

    /// Exteriors are clockwise in a Shapefile; each hole goes to the smallest exterior containing it.
    static func assemblePolygons(_ rings: [PositionList]) -> GeoJSONGeometry {
        var exteriors: [[PositionList]] = []
        var holes: [PositionList] = []
        for ring in rings where ring.count >= 4 {
            if ring.signedPlanarArea <= 0 { exteriors.append([ring]) } else { holes.append(ring) }
        }
        for hole in holes {
            let probe = hole[0]
            let containing = exteriors.indices
                .filter { RingGeometry.contains(exteriors[$0][0], probe) }
                .min { abs(exteriors[$0][0].signedPlanarArea) < abs(exteriors[$1][0].signedPlanarArea) }
            if let containing {
                exteriors[containing].append(hole)
            } else {
                exteriors.append([hole])
            }
        }
        return exteriors.count == 1 ? .polygon(exteriors[0]) : .multiPolygon(exteriors)
    }
}

/// Planar point-in-ring test (even-odd ray casting) on lon/lat, for assembling rings.
enum RingGeometry {
    static func contains(_ ring: PositionList, _ point: Position) -> Bool {
        var inside = false
        let values = ring.values
        let dimension = ring.dimension
        var previous = ring.count - 1
        for current in 0..<ring.count {
            let xi = values[current * dimension], yi = values[current * dimension + 1]
            let xj = values[previous * dimension], yj = values[previous * dimension + 1]
            if (yi > point.latitude) != (yj > point.latitude),
                point.longitude < (xj - xi) * (point.latitude - yi) / (yj - yi) + xi
            {
                inside.toggle()
            }
            previous = current
        }
        return inside
    }
}
