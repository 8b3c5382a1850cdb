import FrontlineModel
import GeoJSON
import Geometry
import SQLite

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
        return try SQLiteCall.run { try database.query("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY rowid") }
            .compactMap { row in if case .text(let name) = row.first?.1 { return name } else { return nil } }
    }

    static func open(_ path: String) throws(DataError) -> SQLiteDatabase {
        guard FileIO.exists(path) else { throw DataError(file: path, message: "cannot open: No such file or directory") }
        let database = try SQLiteCall.run { try SQLiteDatabase(path: path, mode: .readOnly) }
        do {
            _ = try SQLiteCall.run { try database.query("SELECT count(*) FROM gpkg_contents") }
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
        let columns = try SQLiteCall.run { try database.query("SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", [.text(name)]) }
        guard let geometryRow = columns.first, case .text(let geometryColumn) = geometryRow[0].1 else {
            throw DataError(file: path, message: "layer \"\(name)\" has no entry in gpkg_geometry_columns")
        }
        var crs: String?
        if case .integer(let srsID) = geometryRow[1].1 {
            crs = try crsDefinition(database, srsID: srsID)
        }
        var features: [Feature] = []
        let rows = try SQLiteCall.run { try database.query("SELECT * FROM \(SQLiteDatabase.quote(name))") }
        for (rowIndex, row) in rows.enumerated() {
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
        let rows = try SQLiteCall.run { try database.query(
            "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?", [.integer(srsID)]) }
        guard let row = rows.first else { return srsID == 4326 ? "EPSG:4326" : nil }
        if case .text(let organization) = row[0].1, case .integer(let code) = row[1].1, organization.uppercased() == "EPSG" {
            return "EPSG:\(code)"
        }
        if case .text(let definition) = row[2].1, definition != "undefined" { return definition }
        return nil
    }

    /// Reads a geometry blob (`GeoPackageGeometry.decode`).
    static func decodeGeometry(_ blob: [UInt8], file: String, what: String) throws(DataError) -> GeoJSONGeometry? {
        try GeoPackageGeometry.decode(blob, file: file, what: what)
    }
}
