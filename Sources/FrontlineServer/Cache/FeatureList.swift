import FrontlineModel
import GeoJSON
import Geometry

/// One feature encoded once (RFC 7946, as every Frontline GeoJSON file writes it), with what a
/// query filters on: its bounds for `bbox` and, for claims, its date for `datetime`.
public struct EncodedFeature: Sendable {
    public var id: String
    public var bounds: Bounds?
    /// Kept for the exact `bbox` test of a feature whose bounds meet the box.
    public var geometry: GeoJSONGeometry?
    public var date: CalendarDate?
    public var bytes: [UInt8]

    public init(_ feature: Feature, id: String, date: CalendarDate? = nil) {
        self.id = id
        self.geometry = feature.geometry
        self.date = date
        if let box = feature.geometry?.computedBoundingBox, box.count >= 4 {
            bounds = box.count == 6 ? Bounds(minX: box[0], minY: box[1], maxX: box[3], maxY: box[4]) : Bounds(minX: box[0], minY: box[1], maxX: box[2], maxY: box[3])
        }
        var output: [UInt8] = []
        GeoJSONEncoder().writeFeature(feature, into: &output)
        bytes = output
    }

    /// Whether the feature's geometry meets `box` (planar in longitude/latitude, as OGC API –
    /// Features' CRS84 `bbox`); a feature without geometry never does. Bounds first, then GEOS
    /// (`GEOSIntersects_r`) on the geometry for those whose bounds meet the box.
    public func intersects(_ box: Bounds) throws -> Bool {
        guard let bounds, let geometry else { return false }
        let boxes = box.minX <= box.maxX ? [box] : [
            Bounds(minX: box.minX, minY: box.minY, maxX: 180, maxY: box.maxY), Bounds(minX: -180, minY: box.minY, maxX: box.maxX, maxY: box.maxY),
        ]
        let candidates = boxes.filter(bounds.intersects)
        if candidates.isEmpty { return false }
        let shape = try Geometry(geometry)
        for candidate in candidates {
            if bounds.minX >= candidate.minX && bounds.maxX <= candidate.maxX && bounds.minY >= candidate.minY && bounds.maxY <= candidate.maxY { return true }
            if try shape.intersects(Geometry.rectangle(candidate)) { return true }
        }
        return false
    }
}

/// The items of one collection page: `numberMatched`, `numberReturned`, links (`self`, `next`,
/// `prev`, `collection`) and the features, around the collection's own members (`date`, ...).
struct FeaturePage {
    var features: [EncodedFeature]
    var members: JSONObject
    /// The page's URL without `offset`/`limit`, to which the links add them.
    var selfURL: String
    var query: [(name: String, value: String)]
    var offset: Int
    var limit: Int
    var collectionURL: String

    func encoded() -> [UInt8] {
        let matched = features.count
        let start = min(offset, matched)
        let end = min(matched, start + limit)
        var output = Array("{\"type\":\"FeatureCollection\"".utf8)
        for key in members.sortedKeys {
            output += Array(",\"\(key)\":".utf8)
            JSONWriter.write(members[key]!, into: &output)
        }
        output += Array(",\"numberMatched\":\(matched),\"numberReturned\":\(end - start),\"links\":".utf8)
        var links: [JSONValue] = [
            Self.link(url(offset: offset), rel: "self", type: APIResponse.geoJSON, title: "This page"),
            Self.link(collectionURL, rel: "collection", type: APIResponse.json, title: "The collection"),
        ]
        if end < matched { links.append(Self.link(url(offset: end), rel: "next", type: APIResponse.geoJSON, title: "Next page")) }
        if start > 0 { links.append(Self.link(url(offset: max(0, start - limit)), rel: "prev", type: APIResponse.geoJSON, title: "Previous page")) }
        JSONWriter.write(.array(links), into: &output)
        output += Array(",\"features\":[".utf8)
        for index in start..<end {
            if index > start { output.append(UInt8(ascii: ",")) }
            output += features[index].bytes
        }
        output += Array("]}\n".utf8)
        return output
    }

    func url(offset: Int) -> String {
        var pairs = query.filter { $0.name != "offset" && $0.name != "limit" }.map { "\(PercentDecoding.encode($0.name))=\(PercentDecoding.encode($0.value))" }
        pairs.append("limit=\(limit)")
        if offset > 0 { pairs.append("offset=\(offset)") }
        return selfURL + "?" + pairs.joined(separator: "&")
    }

    static func link(_ href: String, rel: String, type: String, title: String) -> JSONValue {
        .object(JSONObject(["href": .string(href), "rel": .string(rel), "type": .string(type), "title": .string(title)]))
    }
}
