/// A Feature's `id`: RFC 7946 allows a string or a number.
public enum FeatureID: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)

    public var description: String {
        switch self {
        case .string(let string): return string
        case .number(let number): return JSONWriter.formatNumber(number)
        }
    }

    public var jsonValue: JSONValue {
        switch self {
        case .string(let string): return .string(string)
        case .number(let number): return .number(number)
        }
    }
}

extension FeatureID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

/// A GeoJSON Feature (RFC 7946 §3.2). A `nil` geometry is the JSON `null` geometry, which is legal;
/// `nil` properties is the JSON `null` properties.
public struct Feature: Sendable, Equatable {
    public var id: FeatureID?
    public var geometry: GeoJSONGeometry?
    public var properties: JSONObject?
    public var bbox: [Double]?
    public var foreignMembers: JSONObject

    public init(
        id: FeatureID? = nil, geometry: GeoJSONGeometry?, properties: JSONObject? = JSONObject(),
        bbox: [Double]? = nil, foreignMembers: JSONObject = JSONObject()
    ) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
        self.bbox = bbox
        self.foreignMembers = foreignMembers
    }

    /// A property by name, when properties are present.
    public subscript(property name: String) -> JSONValue? {
        properties?[name]
    }
}

/// A GeoJSON FeatureCollection (RFC 7946 §3.3); foreign members (such as a snapshot's `date`) are kept.
public struct FeatureCollection: Sendable, Equatable {
    public var features: [Feature]
    public var bbox: [Double]?
    public var foreignMembers: JSONObject

    public init(features: [Feature] = [], bbox: [Double]? = nil, foreignMembers: JSONObject = JSONObject()) {
        self.features = features
        self.bbox = bbox
        self.foreignMembers = foreignMembers
    }
}

/// Any top-level GeoJSON object.
public enum GeoJSONObject: Sendable, Equatable {
    case geometry(GeoJSONGeometry)
    case feature(Feature)
    case featureCollection(FeatureCollection)

    /// True for a FeatureCollection (whose features have paths `features[N]`).
    public var isCollection: Bool {
        if case .featureCollection = self { return true }
        return false
    }

    /// The object seen as a list of features: a bare geometry becomes one feature without id.
    public var features: [Feature] {
        switch self {
        case .geometry(let geometry): return [Feature(geometry: geometry, properties: nil)]
        case .feature(let feature): return [feature]
        case .featureCollection(let collection): return collection.features
        }
    }
}
