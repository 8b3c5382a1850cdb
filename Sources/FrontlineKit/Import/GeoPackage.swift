import GeoJSON
import Geometry

/// Reads feature layers of an OGC GeoPackage: an SQLite file whose geometry blobs are a
/// GeoPackage header ("GP", version, flags, srs_id, optional envelope) followed by standard WKB.
public enum GeoPackage {
    public struct Layer: Sendable {
        public var name: String
        public var features: [Feature]
        /// The layer CRS as "EPSG:4326" (organization:code) or its WKT definition.
        public var crs: String?
    }

    /// Names of the feature layers, in file order.
    public static func layerNames(_ path: String) throws(DataError) -> [String] {
        let database = try open(path)
        return try database.query("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY rowid")
            .compactMap { row in if case .text(let name) = row.first?.1 { return name } else { return nil } }
    }

    static func open(_ path: String) throws(DataError) -> SQLiteDatabase {
        guard FileIO.exists(path) else { throw DataError(file: path, message: "cannot open: No such file or directory") }
        let database = try SQLiteDatabase(path: path, mode: .readOnly)
        do {
            _ = try database.query("SELECT count(*) FROM gpkg_contents")
        } catch {
            throw DataError(file: path, message: "not a GeoPackage (no gpkg_contents table)")
        }
        return database
    }

    /// Reads one feature layer (the only one when `layer` is nil and there is exactly one).
    public static func read(_ path: String, layer: String?) throws(DataError) -> Layer {
        let database = try open(path)
        let names = try layerNames(path)
        let name: String
        if let layer {
            guard names.contains(layer) else {
                throw DataError(file: path, message: "no feature layer \"\(layer)\"; layers: \(names.joined(separator: ", "))")
            }
            name = layer
        } else {
            guard names.count == 1 else {
                throw DataError(file: path, message: "has \(names.count) feature layers; choose one with --layer (\(names.joined(separator: ", ")))")
            }
            name = names[0]
        }
        let columns = try database.query("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", [.text(name)])
        guard let geometryRow = columns.first, case .text(let geometryColumn) = geometryRow[0].1 else {
            throw DataError(file: path, message: "layer \"\(name)\" has no entry in gpkg_geometry_columns")
        }
        var crs: String?
        if case .integer(let srsID) = geometryRow[1].1 {
            crs = try crsDefinition(database, srsID: srsID)
        }
        var features: [Feature] = []
        for (rowIndex, row) in try database.query("SELECT * FROM \(SQLiteDatabase.quote(name))").enumerated() {
            var properties = JSONObject()
            var geometry: GeoJSONGeometry?
            var id: FeatureID?
            for (column, value) in row {
                if column == geometryColumn {
                    if case .blob(let blob) = value {
                        geometry = try decodeGeometry(blob, file: path, what: "layer \(name), row \(rowIndex)")
                    }
                } else if column == "fid", case .integer(let fid) = value {
                    id = .number(Double(fid))
                } else if let json = value.json {
                    properties[column] = json
                }
            }
            features.append(Feature(id: id, geometry: geometry, properties: properties))
        }
        return Layer(name: name, features: features, crs: crs)
    }

    static func crsDefinition(_ database: SQLiteDatabase, srsID: Int64) throws(DataError) -> String? {
        let rows = try database.query(
            "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?", [.integer(srsID)])
        guard let row = rows.first else { return srsID == 4326 ? "EPSG:4326" : nil }
        if case .text(let organization) = row[0].1, case .integer(let code) = row[1].1, organization.uppercased() == "EPSG" {
            return "EPSG:\(code)"
        }
        if case .text(let definition) = row[2].1, definition != "undefined" { return definition }
        return nil
    }

    /// Strips the GeoPackage binary header and reads the WKB that follows.
    static func decodeGeometry(_ blob: [UInt8], file: String, what: String) throws(DataError) -> GeoJSONGeometry? {
        let reader = ByteReader(blob, file: file)
        guard blob.count >= 8, blob[0] == UInt8(ascii: "G"), blob[1] == UInt8(ascii: "P") else {
            throw DataError(file: file, message: "\(what): geometry is not a GeoPackage blob (no \"GP\" magic)")
        }
        let flags = try reader.uint8(3, "\(what) flags")
        if flags & 0b0010_0000 != 0 {
            throw DataError(file: file, message: "\(what): extended GeoPackage geometry types are not supported")
        }
        if flags & 0b0001_0000 != 0 { return nil }  // empty geometry
        let envelopeSizes = [0, 32, 48, 48, 64]
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
