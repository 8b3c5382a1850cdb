import FrontlineModel

/// ESRI Shapefile, read only (`Shapefile`, `DBF`): `import` takes district boundaries from it,
/// reprojected from its `.prj` when needed.
public struct ShapefileDriver: FormatDriver {
    public init() {}
    public let metadata = FormatMetadata(name: "shapefile", fileExtensions: ["shp"], summary: "ESRI Shapefile (.shp, .dbf, .prj)", reads: true, writes: false)

    public func read(_ path: String, layer: String?) throws(DataError) -> VectorSource.Layer {
        let shapefile = try Shapefile.read(path)
        let features = try VectorSource.reproject(shapefile.features, from: shapefile.projection, file: path)
        return VectorSource.Layer(features: features, description: VectorSource.lastComponent(path))
    }
}
