import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// The collections the API serves. Five are the layers of a snapshot (the state at the date a
/// request's `datetime` names, the latest by default); `claims` is the ledger itself and
/// `regions` the data folder's regions.
public enum FeatureCollectionID: String, Sendable, CaseIterable {
    case control, bands, frontline, pieces, unlocated, claims, regions

    /// The snapshot features the collection holds; nil for `claims` and `regions`.
    public var kind: SnapshotFeature.Kind? {
        switch self {
        case .control: return .control
        case .bands: return .band
        case .frontline: return .frontline
        case .pieces: return .piece
        case .unlocated: return .unlocated
        case .claims, .regions: return nil
        }
    }

    public var title: String {
        switch self {
        case .control: return "Control areas"
        case .bands: return "Uncertainty bands"
        case .frontline: return "Frontline"
        case .pieces: return "Pieces with lineage"
        case .unlocated: return "Unlocated claims"
        case .claims: return "Claims"
        case .regions: return "Regions"
        }
    }

    public var summary: String {
        switch self {
        case .control: return "One MultiPolygon per controller at the date of `datetime` (default: the latest), with its area in km² (geodesic, on WGS 84)."
        case .bands: return "Per controller, the area held in the claimed layer but not in the assessed one, at the date of `datetime`."
        case .frontline: return "The boundary between areas of different controllers at the date of `datetime`, with its geodesic length in km."
        case .pieces: return "Each surviving piece of area with the claim that last changed its controller, at the date of `datetime`."
        case .unlocated: return "Claims in force at the date of `datetime` that name no area (a marker at their region or settlement, or no geometry)."
        case .claims: return "Every claim of the ledger as written, with its resolved area; `datetime` selects claims by the date they take effect."
        case .regions: return "The regions of the data folder (districts, cities) with their official areas where known."
        }
    }

    /// Whether items depend on `datetime` as a snapshot date.
    public var isSnapshotLayer: Bool { kind != nil }
}

/// The JSON documents of the API's navigation: landing page, conformance, collections.
struct APIDocuments {
    var baseURL: String
    var version: LedgerVersion

    static let conformance = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ]
    static let crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

    func link(_ path: String, rel: String, type: String, title: String) -> JSONValue {
        FeaturePage.link(baseURL + path, rel: rel, type: type, title: title)
    }

    /// The dataset's title and period from its `dataset.json` ("Nagorno-Karabakh conflict,
    /// 1994–2023"), else "Frontline".
    var title: String {
        guard let info = version.tracker.dataset.info else { return "Frontline" }
        return "\(info.title), \(DatasetInfo.period(from: version.baselineDate, to: version.latest))"
    }

    var landing: JSONValue {
        .object(JSONObject([
            "title": .string(title),
            "description": .string("Who controls which territory, when, and on whose word: snapshots of a ledger of dated control claims (ledger \(version.id), \(version.tracker.resolved.count) claims, \(version.baselineDate) to \(version.latest)). Areas and lengths are geodesic on WGS 84; an edge between two positions is the geodesic between them."),
            "links": .array([
                link("/", rel: "self", type: APIResponse.json, title: "This document"),
                link("/api", rel: "service-desc", type: APIResponse.openAPI, title: "The API definition (OpenAPI 3.0)"),
                link("/viewer", rel: "service-doc", type: "text/html", title: "The map viewer"),
                link("/conformance", rel: "conformance", type: APIResponse.json, title: "Conformance classes"),
                link("/collections", rel: "data", type: APIResponse.json, title: "The collections"),
                link("/timeline", rel: "alternate", type: APIResponse.json, title: "Areas and frontline lengths per date"),
            ]),
        ]))
    }

    var conformanceDocument: JSONValue {
        .object(JSONObject(["conformsTo": .array(Self.conformance.map { .string($0) })]))
    }

    func collection(_ id: FeatureCollectionID) -> JSONValue {
        var spatial = JSONObject(["crs": .string(Self.crs84)])
        if let extent = version.extent {
            spatial["bbox"] = .array([.array([.number(extent.minX), .number(extent.minY), .number(extent.maxX), .number(extent.maxY)])])
        }
        let interval: JSONValue = .array([.array([.string("\(version.baselineDate)T00:00:00Z"), .string("\(version.latest)T00:00:00Z")])])
        var members = JSONObject([
            "id": .string(id.rawValue),
            "title": .string(id.title),
            "description": .string(id.summary),
            "itemType": "feature",
            "crs": .array([.string(Self.crs84)]),
            "links": .array([
                link("/collections/\(id.rawValue)", rel: "self", type: APIResponse.json, title: "This collection"),
                link("/collections/\(id.rawValue)/items", rel: "items", type: APIResponse.geoJSON, title: "Its items"),
            ]),
        ])
        var extent = JSONObject(["spatial": .object(spatial)])
        if id != .regions {
            extent["temporal"] = .object(JSONObject(["interval": interval, "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"]))
        }
        members["extent"] = .object(extent)
        return .object(members)
    }

    var collections: JSONValue {
        .object(JSONObject([
            "links": .array([link("/collections", rel: "self", type: APIResponse.json, title: "This document")]),
            "collections": .array(FeatureCollectionID.allCases.map(collection)),
        ]))
    }
}
