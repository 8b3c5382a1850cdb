import FrontlineModel

import GeoJSON
import Geometry

/// OGC GeoPackage 1.3, a layer per feature kind (`GeoPackageWriter`); read, as every format
/// but GeoJSON, through GDAL (`GDALSourceDriver`).
public struct GeoPackageDriver: FormatDriver {
    public init() {}
    public let metadata = FormatMetadata(name: "gpkg", fileExtensions: ["gpkg"], summary: "OGC GeoPackage, one layer per feature kind (QGIS, ogr2ogr)", reads: true)

    /// A GeoPackage is an SQLite file, written in place.
    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? { nil }

    public func write(_ table: FeatureTable, to path: String, precision: Int?) throws {
        try GeoPackageWriter.write(GDALWriterDriver.layers(byKind: table), to: path)
    }

    public func read(_ path: String, layer: String?) throws(DataError) -> VectorSource.Layer {
        try GDALSourceDriver().read(path, layer: layer)
    }
}
