import FrontlineModel

import GeoJSON
import Geometry

/// OGC GeoPackage 1.3, a layer per feature kind (`GeoPackageWriter`); also read by `import`.
public struct GeoPackageDriver: FormatDriver {
    public init() {}
    public let metadata = FormatMetadata(name: "gpkg", fileExtensions: ["gpkg"], summary: "OGC GeoPackage, one layer per feature kind (QGIS, ogr2ogr)", reads: true)

    /// A GeoPackage is an SQLite file, written in place.
    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? { nil }

    public func write(_ table: FeatureTable, to path: String, precision: Int?) throws {
        try GeoPackageWriter.write(GeoPackageWriter.layers(byKind: table), to: path)
    }

    /// One feature layer (`layer`, or the only one), reprojected from its srs when needed.
    public func read(_ path: String, layer: String?) throws(DataError) -> VectorSource.Layer {
        let package = try GeoPackage.read(path, layer: layer)
        let features = try VectorSource.reproject(package.features, from: package.crs, file: path)
        return VectorSource.Layer(features: features, description: "\(VectorSource.lastComponent(path)), layer \(package.name)")
    }
}
