import GeoJSON
import Geometry

/// Loading GeoJSON files with every problem reported as a `Diagnostic` naming the file.
public enum GeoJSONFile {
    /// Reads and strictly decodes `path`.
    public static func load(_ path: String, decoder: GeoJSONDecoder = GeoJSONDecoder()) throws(DataError) -> GeoJSONObject {
        // The file's bytes are released once parsed, before decoding: a large input is never
        // held three times over (bytes, JSON tree, model).
        let value = try parse(path, decoder: decoder)
        do {
            return try decoder.decode(value)
        } catch {
            throw diagnostics(error, file: path)
        }
    }

    static func parse(_ path: String, decoder: GeoJSONDecoder) throws(DataError) -> JSONValue {
        let bytes = try FileIO.read(path)
        do {
            return try JSONParser(maximumDepth: decoder.maximumDepth).parse(bytes)
        } catch {
            throw diagnostics(GeoJSONErrorList([GeoJSONError(syntax: error)]), file: path)
        }
    }

    static func diagnostics(_ error: GeoJSONErrorList, file: String) -> DataError {
        var diagnostics = error.errors.map { Diagnostic(file: file, $0) }
        if error.truncated {
            diagnostics.append(Diagnostic(file: file, message: "more problems not shown (first \(error.errors.count) listed)"))
        }
        return DataError(diagnostics)
    }

    public static func decode(_ bytes: [UInt8], file: String, decoder: GeoJSONDecoder = GeoJSONDecoder()) throws(DataError) -> GeoJSONObject {
        do {
            return try decoder.decode(bytes)
        } catch {
            throw diagnostics(error, file: file)
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
