import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// Writes an OGC GeoPackage through GDAL's GPKG driver: one feature table per layer, WGS 84,
/// typed columns, a spatial index. No timestamp of the moment is written, so the same layers
/// give the same file.
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
        for (kind, feature) in table.datedFeatures {
            if grouped[kind] == nil { order.append(kind) }
            grouped[kind, default: []].append(feature)
        }
        return order.map { kind in
            Layer(name: kind.rawValue, features: grouped[kind]!, description: "Frontline \(kind.rawValue) features", lastChange: (date ?? "1970-01-01") + "T00:00:00.000Z")
        }
    }

    /// Writes `layers` to `path` atomically, with GDAL's GPKG driver
    /// (`GDALWriterDriver.write`): typed columns (dates as DATE, measures as REAL), an R-tree
    /// spatial index per layer, WGS 84, and the first layer's `lastChange` as the moment the
    /// file records, so the same layers give the same bytes.
    public static func write(_ layers: [Layer], to path: String) throws {
        try GDALWriterDriver.write(layers, driver: "GPKG", fileExtension: "gpkg", options: ["VERSION=1.3"], to: path) { layer in
            ["GEOMETRY_NAME=geom", "FID=fid", "IDENTIFIER=\(layer.name)", "DESCRIPTION=\(layer.description)"]
        }
    }
}
