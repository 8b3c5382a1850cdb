import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry
import SQLite

/// Writes an OGC GeoPackage (1.3): an SQLite file with the gpkg metadata tables, WGS 84, and one
/// feature table per layer. Geometry blobs are the GeoPackage header (magic, version, flags,
/// srs_id, xy envelope) followed by little-endian WKB from GEOS. Attribute columns are typed
/// from the values (INTEGER, REAL, TEXT); nested values are stored as JSON text.
/// No timestamp of the moment is written, so the same layers give the same file.
public enum GeoPackageWriter {
    public struct Layer: Sendable {
        public var name: String
        public var features: [Feature]
        public var description: String
        /// Stored as gpkg_contents.last_change (ISO 8601), e.g. the data's date.
        public var lastChange: String

        public init(name: String, features: [Feature], description: String = "", lastChange: String = "1970-01-01T00:00:00.000Z") {
            self.name = name
            self.features = features
            self.description = description
            self.lastChange = lastChange
        }
    }

    /// One layer per feature kind (control, band, frontline, unlocated, piece), in first-seen
    /// order; the table's `date` becomes each layer's last_change and, when features carry no
    /// `date` of their own, a `date` column.
    public static func layers(byKind table: FeatureTable) -> [Layer] {
        var order: [SnapshotFeature.Kind] = []
        var grouped: [SnapshotFeature.Kind: [Feature]] = [:]
        let date = table.metadata["date"]?.stringValue
        for item in table.features {
            var feature = item.feature
            if grouped[item.kind] == nil { order.append(item.kind) }
            if let date, feature.properties?["date"] == nil { feature.properties?["date"] = .string(date) }
            grouped[item.kind, default: []].append(feature)
        }
        return order.map { kind in
            Layer(name: kind.rawValue, features: grouped[kind]!, description: "Frontline \(kind.rawValue) features", lastChange: (date ?? "1970-01-01") + "T00:00:00.000Z")
        }
    }

    static let wgs84 = """
        GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]
        """

    /// Writes `layers` to `path` atomically (temporary file, then rename).
    /// A failure of SQLite while writing (a full disk, a file-size limit) is an output that
    /// cannot be written, named by the GeoPackage's path, not by the temporary file's.
    public static func write(_ layers: [Layer], to path: String) throws {
        do {
            try writeUnmapped(layers, to: path)
        } catch let error as SQLiteError {
            throw AtomicFile.WriteError(path: path, reason: error.message)
        }
    }

    static func writeUnmapped(_ layers: [Layer], to path: String) throws {
        try AtomicFile.produce(path) { temporary in
            let database = try SQLiteDatabase(path: temporary, mode: .create)
            try database.execute("PRAGMA application_id = 1196444487; PRAGMA user_version = 10300; PRAGMA journal_mode = OFF;")
            try database.execute("BEGIN")
            try database.execute("""
                CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
                CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
                CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
                  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
                """)
            try database.run(
                "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
                rows: [
                    [.text("Undefined cartesian SRS"), .integer(-1), .text("NONE"), .integer(-1), .text("undefined"), .text("undefined cartesian coordinate reference system")],
                    [.text("Undefined geographic SRS"), .integer(0), .text("NONE"), .integer(0), .text("undefined"), .text("undefined geographic coordinate reference system")],
                    [.text("WGS 84 geodetic"), .integer(4326), .text("EPSG"), .integer(4326), .text(wgs84), .text("longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")],
                ])
            for layer in layers { try writeLayer(layer, database) }
            try database.execute("COMMIT")
        }
    }

    static func writeLayer(_ layer: Layer, _ database: SQLiteDatabase) throws {
        // Columns: every property name that occurs, typed by the values it takes.
        var types: [String: String] = [:]
        for feature in layer.features {
            for (key, value) in feature.properties?.members ?? [:] {
                let type: String
                switch value {
                case .null: continue
                case .bool: type = "INTEGER"
                // A measure (area_km2, length_km, ...) is a real number even where it is 0.
                case .number(let number): type = number == number.rounded() && abs(number) < 9e15 && !AttributeColumns.isMeasure(key) ? "INTEGER" : "REAL"
                default: type = "TEXT"
                }
                if let existing = types[key], existing != type {
                    types[key] = (existing == "TEXT" || type == "TEXT") ? "TEXT" : "REAL"
                } else {
                    types[key] = type
                }
            }
        }
        var columns = types.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.filter { $0.lowercased() != "fid" && $0.lowercased() != "geom" }
        let hasID = layer.features.contains { $0.id != nil }
        if hasID && !columns.contains("id") { columns.insert("id", at: 0); types["id"] = "TEXT" }
        let geometryType = geometryTypeName(layer.features)
        let table = SQLiteDatabase.quote(layer.name)
        let columnSQL = columns.map { "\(SQLiteDatabase.quote($0)) \(types[$0]!)" }.joined(separator: ", ")
        try database.execute("CREATE TABLE \(table) (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom \(geometryType)\(columnSQL.isEmpty ? "" : ", " + columnSQL))")
        var bounds: Bounds?
        var rows: [[SQLiteDatabase.Value]] = []
        for feature in layer.features {
            var row: [SQLiteDatabase.Value] = []
            if let geometry = feature.geometry {
                var shape = try Geometry(geometry)
                // A MULTI* column holds only multi geometries: promote single parts.
                let promotions: [String: Geometry.Kind] = ["MULTIPOLYGON": .multiPolygon, "MULTILINESTRING": .multiLineString, "MULTIPOINT": .multiPoint]
                if let kind = promotions[geometryType], !geometry.typeName.hasPrefix("Multi") {
                    shape = try Geometry.collection([shape], kind: kind)
                }
                if let box = shape.bounds { bounds = bounds.map { $0.union(box) } ?? box }
                row.append(.blob(GeoPackageGeometry.encode(shape)))
            } else {
                row.append(.null)
            }
            for column in columns {
                if column == "id" && hasID && feature.properties?["id"] == nil {
                    row.append(feature.id.map { .text($0.description) } ?? .null)
                    continue
                }
                row.append(value(feature.properties?[column], type: types[column]!))
            }
            rows.append(row)
        }
        let placeholders = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
        let names = (["geom"] + columns).map(SQLiteDatabase.quote).joined(separator: ", ")
        try database.run("INSERT INTO \(table) (\(names)) VALUES (\(placeholders))", rows: rows)
        let box = bounds ?? Bounds(minX: 0, minY: 0, maxX: 0, maxY: 0)
        try database.run(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, 4326)",
            rows: [[.text(layer.name), .text(layer.name), .text(layer.description), .text(layer.lastChange), .real(box.minX), .real(box.minY), .real(box.maxX), .real(box.maxY)]])
        try database.run(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", rows: [[.text(layer.name), .text(geometryType)]])
    }

    static func value(_ json: JSONValue?, type: String) -> SQLiteDatabase.Value {
        switch json {
        case nil, .null?: return .null
        case .bool(let bool)?: return .integer(bool ? 1 : 0)
        case .number(let number)?: return type == "INTEGER" ? .integer(Int64(number)) : type == "REAL" ? .real(number) : .text(JSONWriter.formatNumber(number))
        case .string(let string)?: return .text(string)
        case let other?: return .text(JSONWriter.serialize(other))
        }
    }

    /// The most specific type name covering every feature's geometry.
    static func geometryTypeName(_ features: [Feature]) -> String {
        let names = Set(features.compactMap { $0.geometry?.typeName })
        if names.count == 1 { return names.first!.uppercased() }
        if names.isSubset(of: ["Polygon", "MultiPolygon"]) { return "MULTIPOLYGON" }
        if names.isSubset(of: ["LineString", "MultiLineString"]) { return "MULTILINESTRING" }
        if names.isSubset(of: ["Point", "MultiPoint"]) { return "MULTIPOINT" }
        return "GEOMETRY"
    }
}
