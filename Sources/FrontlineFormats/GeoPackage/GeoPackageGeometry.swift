import FrontlineModel
import GeoJSON
import Geometry

/// The GeoPackage geometry blob (GeoPackage 1.3, §2.1.3): "GP", version 0, flags, srs_id, an
/// optional envelope, then standard WKB (GEOS's `GEOSWKBWriter_write_r` / `GEOSWKBReader_read_r`).
/// One codec for the reader and the writer, so what one writes the other reads.
public enum GeoPackageGeometry {
    /// Flags bit 0: little endian; bits 1-3: envelope code; bit 4: empty; bit 5: extended type.
    static let envelopeSizes = [0, 32, 48, 48, 64]

    /// Little endian, srs_id 4326, an xy envelope (code 1: minx, maxx, miny, maxy) unless empty.
    public static func encode(_ geometry: Geometry, srsID: Int32 = 4326) -> [UInt8] {
        var bytes: [UInt8] = [0x47, 0x50, 0x00]
        let empty = geometry.isEmpty
        bytes.append(empty ? 0b0001_0001 : 0b0000_0011)
        withUnsafeBytes(of: srsID.littleEndian) { bytes.append(contentsOf: $0) }
        if !empty, let box = geometry.bounds {
            for value in [box.minX, box.maxX, box.minY, box.maxY] {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
        }
        bytes.append(contentsOf: geometry.wkb)
        return bytes
    }

    /// The geometry of a blob (nil when the blob says empty); `what` names the row in errors.
    public static func decode(_ blob: [UInt8], file: String, what: String) throws(DataError) -> GeoJSONGeometry? {
        let reader = ByteReader(blob, file: file)
        guard blob.count >= 8, blob[0] == UInt8(ascii: "G"), blob[1] == UInt8(ascii: "P") else {
            throw DataError(file: file, message: "\(what): geometry is not a GeoPackage blob (no \"GP\" magic)")
        }
        let flags = try reader.uint8(3, "\(what) flags")
        if flags & 0b0010_0000 != 0 {
            throw DataError(file: file, message: "\(what): extended GeoPackage geometry types are not supported")
        }
        if flags & 0b0001_0000 != 0 { return nil }
        let envelopeCode = Int((flags >> 1) & 0b111)
        guard envelopeCode < envelopeSizes.count else {
            throw DataError(file: file, message: "\(what): invalid envelope code \(envelopeCode)")
        }
        let start = 8 + envelopeSizes[envelopeCode]
        let wkb = Array(try reader.slice(start, blob.count - start, "\(what) WKB"))
        do {
            return try Geometry(wkb: wkb).geoJSON
        } catch {
            throw DataError(file: file, message: "\(what): \(error)")
        }
    }
}
