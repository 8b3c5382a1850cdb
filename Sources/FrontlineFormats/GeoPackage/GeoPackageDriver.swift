import GeoJSON
import Geometry

/// OGC GeoPackage 1.3, a layer per feature kind (`GeoPackageWriter`); also read by `import`.
public struct GeoPackageDriver: FormatDriver {
    public init() {}
    public var name: String { "gpkg" }
    public var fileExtensions: [String] { ["gpkg"] }
    public var summary: String { "OGC GeoPackage, one layer per feature kind (QGIS, ogr2ogr)" }
    public var readsVectors: Bool { true }

    /// A GeoPackage is an SQLite file, written in place.
    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? { nil }

    public func write(_ table: FeatureTable, to path: String, precision: Int?) throws {
        try GeoPackageWriter.write(GeoPackageWriter.layers(byKind: table), to: path)
    }
}
