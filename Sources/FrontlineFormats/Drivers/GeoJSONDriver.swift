import FrontlineModel
import GeoJSON
import Geometry

/// RFC 7946 GeoJSON, one feature per line (`GeoJSONEncoder`: exteriors counter-clockwise, keys
/// sorted, shortest round-trip numbers).
public struct GeoJSONDriver: FormatDriver {
    public init() {}
    public let metadata = FormatMetadata(name: "geojson", fileExtensions: ["geojson", "json"], summary: "GeoJSON (RFC 7946)", reads: true)

    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? {
        GeoJSONEncoder(precision: precision).encode(table.featureCollection)
    }

    /// Feature by feature (`frame`, `encodeFeature`): a snapshot of a claim of a million
    /// vertices is 111 MB of text, which a buffer grown by doubling held as 192 MB.
    public func encode(_ table: FeatureTable, precision: Int?, into append: ([UInt8]) throws -> Void) throws -> Bool {
        let (head, tail) = try frame(metadata: table.metadata, precision: precision)
        try append(head)
        for (index, feature) in table.features.enumerated() {
            try append(encodeFeature(feature.feature, first: index == 0, precision: precision))
        }
        try append(table.features.isEmpty ? tail : [0x0A] + tail)
        return true
    }

    /// The collection's text around its features: what comes before the first feature and
    /// after the last, so that a table too large to hold can be written feature by feature
    /// (`export`'s combined file) with bytes identical to `encode`.
    public func frame(metadata: JSONObject, precision: Int?) throws -> (head: [UInt8], tail: [UInt8]) {
        let empty = GeoJSONEncoder(precision: precision).encode(FeatureCollection(features: [], foreignMembers: metadata))
        let marker = Array("\"features\":[]".utf8)
        // Keys are sorted and only dates precede "features": the first match is the member.
        guard let start = empty.indices.first(where: { empty[$0...].starts(with: marker) }) else {
            throw InternalError("GeoJSON encoder wrote no features member")
        }
        let split = start + marker.count - 1
        return (Array(empty[..<split]), Array(empty[split...]))
    }

    /// One feature as it follows the head (`first`) or a previous feature.
    public func encodeFeature(_ feature: Feature, first: Bool, precision: Int?) -> [UInt8] {
        var output: [UInt8] = first ? [0x0A] : [UInt8(ascii: ","), 0x0A]
        GeoJSONEncoder(precision: precision).writeFeature(feature, into: &output)
        return output
    }

    /// RFC 7946 is WGS 84 longitude/latitude by definition: nothing to reproject.
    public func read(_ path: String, layer: String?) throws(DataError) -> VectorSource.Layer {
        VectorSource.Layer(features: try GeoJSONFile.load(path).features, description: VectorSource.lastComponent(path))
    }
}

/// GeoJSON Text Sequences (RFC 8142): each feature a record `RS feature LF`, for streaming tools;
/// the table's members (such as `date`) are copied into every feature's properties, since a
/// sequence has no collection.
public struct GeoJSONSequenceDriver: FormatDriver {
    public init() {}
    public let metadata = FormatMetadata(name: "geojsonseq", fileExtensions: ["geojsons"], summary: "GeoJSON Text Sequences (RFC 8142)")

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
