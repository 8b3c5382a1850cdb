import Foundation
import GeoJSON

/// Writes polygon features as an ESRI Shapefile (.shp, .shx, .dbf with text fields), for
/// import tests: exteriors clockwise and holes counter-clockwise, as the format requires.
public enum ShapefileWriter {
    public static func write(_ features: [Feature], fields: [String], to stem: URL) throws {
        var records: [[UInt8]] = []
        var box = [Double.infinity, Double.infinity, -Double.infinity, -Double.infinity]
        for feature in features {
            let polygons = feature.geometry?.polygons ?? []
            var rings: [PositionList] = []
            for polygon in polygons {
                for (index, ring) in polygon.enumerated() {
                    let clockwise = ring.signedPlanarArea < 0
                    rings.append((index == 0) == clockwise ? ring : ring.reversed())
                }
            }
            var content: [UInt8] = []
            content += le32(5)
            let points = rings.flatMap { $0.positions }
            let xs = points.map(\.longitude), ys = points.map(\.latitude)
            let recordBox = [xs.min()!, ys.min()!, xs.max()!, ys.max()!]
            box = [min(box[0], recordBox[0]), min(box[1], recordBox[1]), max(box[2], recordBox[2]), max(box[3], recordBox[3])]
            for value in recordBox { content += le64(value) }
            content += le32(Int32(rings.count)) + le32(Int32(points.count))
            var start: Int32 = 0
            for ring in rings {
                content += le32(start)
                start += Int32(ring.count)
            }
            for point in points { content += le64(point.longitude) + le64(point.latitude) }
            records.append(content)
        }
        func header(length: Int) -> [UInt8] {
            var bytes = be32(9994) + [UInt8](repeating: 0, count: 20) + be32(Int32(length / 2)) + le32(1000) + le32(5)
            for value in box { bytes += le64(value) }
            bytes += [UInt8](repeating: 0, count: 32)
            return bytes
        }
        var shp: [UInt8] = []
        var shx: [UInt8] = []
        var offset = 100
        for (index, record) in records.enumerated() {
            shp += be32(Int32(index + 1)) + be32(Int32(record.count / 2)) + record
            shx += be32(Int32(offset / 2)) + be32(Int32(record.count / 2))
            offset += 8 + record.count
        }
        try Data(header(length: 100 + shp.count) + shp).write(to: stem.appendingPathExtension("shp"))
        try Data(header(length: 100 + shx.count) + shx).write(to: stem.appendingPathExtension("shx"))
        // dBASE III: 32-byte header, 32 bytes per field, 0x0D, records.
        let width = 80
        var dbf: [UInt8] = [0x03, 124, 11, 24]
        dbf += le32(Int32(features.count))
        dbf += le16(UInt16(32 + 32 * fields.count + 1)) + le16(UInt16(1 + width * fields.count))
        dbf += [UInt8](repeating: 0, count: 20)
        for field in fields {
            var name = Array(field.utf8.prefix(10))
            name += [UInt8](repeating: 0, count: 11 - name.count)
            dbf += name + [UInt8(ascii: "C"), 0, 0, 0, 0, UInt8(width), 0] + [UInt8](repeating: 0, count: 14)
        }
        dbf.append(0x0D)
        for feature in features {
            dbf.append(UInt8(ascii: " "))
            for field in fields {
                var value = Array((feature.properties?[field]?.stringValue ?? "").utf8.prefix(width))
                value += [UInt8](repeating: UInt8(ascii: " "), count: width - value.count)
                dbf += value
            }
        }
        dbf.append(0x1A)
        try Data(dbf).write(to: stem.appendingPathExtension("dbf"))
        try Data("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]".utf8)
            .write(to: stem.appendingPathExtension("prj"))
    }

    static func le16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    static func le32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    static func be32(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }
    static func le64(_ value: Double) -> [UInt8] { withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
}
