import GeoJSON

/// Loading GeoJSON files with every problem reported as a `Diagnostic` naming the file.
public enum GeoJSONFile {
    /// Reads and strictly decodes `path`.
    public static func load(_ path: String, decoder: GeoJSONDecoder = GeoJSONDecoder()) throws(DataError) -> GeoJSONObject {
        let bytes = try FileIO.read(path)
        return try decode(bytes, file: path, decoder: decoder)
    }

    public static func decode(_ bytes: [UInt8], file: String, decoder: GeoJSONDecoder = GeoJSONDecoder()) throws(DataError) -> GeoJSONObject {
        do {
            return try decoder.decode(bytes)
        } catch {
            var diagnostics = error.errors.map { Diagnostic(file: file, $0) }
            if error.truncated {
                diagnostics.append(Diagnostic(file: file, message: "more problems not shown (first \(error.errors.count) listed)"))
            }
            throw DataError(diagnostics)
        }
    }

    /// Reads `path`, which must be a FeatureCollection.
    public static func loadCollection(_ path: String, decoder: GeoJSONDecoder = GeoJSONDecoder()) throws(DataError) -> FeatureCollection {
        switch try load(path, decoder: decoder) {
        case .featureCollection(let collection): return collection
        case .feature: throw DataError(file: path, message: "expected a FeatureCollection, found a single Feature")
        case .geometry(let geometry): throw DataError(file: path, message: "expected a FeatureCollection, found a bare \(geometry.typeName)")
        }
    }
}
