import FrontlineModel
import GeoJSON
import Geometry

/// Reads features from any supported vector format, in WGS 84 longitude/latitude:
/// GeoJSON (`.geojson`, `.json`), Shapefile (`.shp`) and GeoPackage (`.gpkg`). Layers in another
/// CRS (a `.prj`, a GeoPackage srs) are reprojected with PROJ.
public enum VectorSource {
    public struct Layer: Sendable {
        public var features: [Feature]
        /// What the file was and which layer, for `source` properties.
        public var description: String

        public init(features: [Feature], description: String) { (self.features, self.description) = (features, description) }
    }

    /// The drivers that read, in the order a path's extension is matched.
    public static let readers: [any FormatDriver] = [ShapefileDriver(), GeoPackageDriver(), GeoJSONDriver()]

    public static func read(_ path: String, layer: String? = nil) throws(DataError) -> Layer {
        guard let driver = readers.first(where: { $0.handles(path) }) else {
            throw DataError(file: path, message: "unknown format: expected .geojson, .json, .shp or .gpkg")
        }
        return try driver.read(path, layer: layer)
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// True when `crs` already means WGS 84 longitude/latitude.
    static func isWGS84(_ crs: String) -> Bool {
        let compact = crs.uppercased().filter { !$0.isWhitespace }
        if ["EPSG:4326", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84"].contains(compact) { return true }
        return (compact.hasPrefix("GEOGCS[") || compact.hasPrefix("GEOGCRS["))
            && (compact.contains("WGS_1984") || compact.contains("WGS84") || compact.contains("\"WGS84\"") || compact.contains("WGS1984"))
    }

    static func reproject(_ features: [Feature], from crs: String?, file: String) throws(DataError) -> [Feature] {
        guard let crs, !isWGS84(crs) else { return features }
        do {
            let projection = try Projection(from: crs, to: "EPSG:4326")
            var result: [Feature] = []
            result.reserveCapacity(features.count)
            for var feature in features {
                if let geometry = feature.geometry { feature.geometry = try projection.forward(geometry) }
                result.append(feature)
            }
            return result
        } catch {
            throw DataError(file: file, message: "cannot reproject from its CRS to WGS 84: \(error)")
        }
    }
}
