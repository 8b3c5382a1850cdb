
/// Writes an OGC GeoPackage through GDAL's GPKG driver: one feature table per layer, WGS 84,
/// typed columns, a spatial index. No timestamp of the moment is written, so the same layers
/// give the same file.
public enum GeoPackageWriter {
    /// Writes `layers` to `path` atomically, with GDAL's GPKG driver
    /// (`GDALWriterDriver.write`): typed columns (dates as DATE, measures as REAL), an R-tree
    /// spatial index per layer, WGS 84, and the first layer's `lastChange` as the moment the
    /// file records, so the same layers give the same bytes.
    public static func write(_ layers: [GDALWriterDriver.Layer], to path: String) throws {
        try GDALWriterDriver.write(layers, driver: "GPKG", fileExtension: "gpkg", options: ["VERSION=1.3"], to: path) { layer in
            ["GEOMETRY_NAME=geom", "FID=fid", "IDENTIFIER=\(layer.name)", "DESCRIPTION=\(layer.description)"]
        }
    }
}
