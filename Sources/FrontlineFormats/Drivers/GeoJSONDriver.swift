import GeoJSON
import Geometry

/// RFC 7946 GeoJSON, one feature per line (`GeoJSONEncoder`: exteriors counter-clockwise, keys
/// sorted, shortest round-trip numbers).
public struct GeoJSONDriver: FormatDriver {
    public init() {}
    public var name: String { "geojson" }
    public var fileExtensions: [String] { ["geojson", "json"] }
    public var summary: String { "GeoJSON (RFC 7946)" }
    public var readsVectors: Bool { true }

    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? {
        GeoJSONEncoder(precision: precision).encode(table.featureCollection)
    }
}

/// GeoJSON Text Sequences (RFC 8142): each feature a record `RS feature LF`, for streaming tools;
/// the table's members (such as `date`) are copied into every feature's properties, since a
/// sequence has no collection.
public struct GeoJSONSequenceDriver: FormatDriver {
    public init() {}
    public var name: String { "geojsonseq" }
    public var fileExtensions: [String] { ["geojsons"] }
    public var summary: String { "GeoJSON Text Sequences (RFC 8142)" }

    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? {
        let encoder = GeoJSONEncoder(precision: precision)
        var output: [UInt8] = []
        for item in table.features {
            var feature = item.feature
            for key in table.metadata.sortedKeys where feature.properties?[key] == nil {
                feature.properties?[key] = table.metadata[key]
            }
            output.append(0x1E)
            encoder.writeFeature(feature, into: &output)
            output.append(0x0A)
        }
        return output
    }
}
