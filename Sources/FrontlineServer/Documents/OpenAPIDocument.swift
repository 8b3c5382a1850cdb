import GeoJSON

/// The API definition (OpenAPI 3.0), served at `/api`: every path, every parameter with its
/// schema, and the responses, so that clients (GDAL, schemathesis) know what they may ask.
struct OpenAPIDocument {
    var baseURL: String

    static func parameter(_ name: String, in location: String = "query", _ description: String, schema: JSONValue, required: Bool = false, style: String? = nil) -> JSONValue {
        var members = JSONObject(["name": .string(name), "in": .string(location), "description": .string(description), "required": .bool(required), "schema": schema])
        if let style { members["style"] = .string(style); members["explode"] = false }
        return .object(members)
    }

    static let string: JSONValue = .object(JSONObject(["type": "string"]))
    static let date: JSONValue = .object(JSONObject(["type": "string", "format": "date"]))

    static let datetime = parameter("datetime", "The snapshot date (YYYY-MM-DD, or an RFC 3339 date-time taken as its UTC day); default: the ledger's latest date. For claims, a date or an interval START/END (`..` for an open end) on the date claims take effect.", schema: string)
    static let bbox = parameter("bbox", "minLon,minLat,maxLon,maxLat in CRS84 (six numbers with heights are taken); items whose geometry meets the box.", schema: .object(JSONObject([
        "type": "array", "minItems": 4, "maxItems": 6, "items": .object(JSONObject(["type": "number"])),
    ])), style: "form")
    static let limit = parameter("limit", "Items per page (1 to 10000; more is taken as 10000).", schema: .object(JSONObject([
        "type": "integer", "minimum": 1, "maximum": .number(Double(ItemsQuery.maximumLimit)), "default": .number(Double(ItemsQuery.defaultLimit)),
    ])))
    static let offset = parameter("offset", "Items to skip (the `next` link sets it).", schema: .object(JSONObject(["type": "integer", "minimum": 0, "default": 0])))
    static let layer = parameter("layer", "claimed (every claim not retracted, the default) or assessed (assessed and confirmed claims).", schema: .object(JSONObject([
        "type": "string", "enum": ["claimed", "assessed"], "default": "claimed",
    ])))
    static let knownOn = parameter("known_on", "Only claims public by this date (what was known then).", schema: date)
    static let from = parameter("from", "The earlier date.", schema: date)
    static let to = parameter("to", "The later date.", schema: date)
    static let every = parameter("every", "One date every N days (such as 7d) instead of each date a claim takes effect.", schema: string)
    static let region = parameter("region", "Limit to a region; repeat for several.", schema: string)
    static let format = parameter("f", "Encoding: json (the default) or geojson (for diff: the gained and lost areas).", schema: .object(JSONObject([
        "type": "string", "enum": ["json", "geojson"],
    ])))
    static let collectionID = parameter("collectionId", in: "path", "A collection: \(FeatureCollectionID.allCases.map(\.rawValue).joined(separator: ", ")).", schema: .object(JSONObject([
        "type": "string", "enum": .array(FeatureCollectionID.allCases.map { .string($0.rawValue) }),
    ])), required: true)
    static let featureID = parameter("featureId", in: "path", "The id of a feature (such as control:az, or a claim's id).", schema: string, required: true)

    static func response(_ description: String, _ type: String) -> JSONValue {
        .object(JSONObject(["description": .string(description), "content": .object(JSONObject([type: .object(JSONObject(["schema": .object(JSONObject(["type": "object"]))]))]))]))
    }

    static let errors: [(String, JSONValue)] = [
        ("400", response("A parameter is malformed; the description names it.", APIResponse.json)),
        ("404", response("No such collection or feature.", APIResponse.json)),
    ]

    static func operation(_ id: String, _ summary: String, parameters: [JSONValue], ok: JSONValue) -> JSONValue {
        var responses = JSONObject(["200": ok])
        for (code, value) in errors { responses[code] = value }
        return .object(JSONObject(["get": .object(JSONObject([
            "operationId": .string(id), "summary": .string(summary), "parameters": .array(parameters), "responses": .object(responses),
        ]))]))
    }

    var json: JSONValue {
        let all = [Self.datetime, Self.bbox, Self.limit, Self.offset, Self.layer, Self.knownOn, Self.format]
        let paths = JSONObject([
            "/": Self.operation("getLandingPage", "The landing page", parameters: [], ok: Self.response("Links to the API's resources", APIResponse.json)),
            "/conformance": Self.operation("getConformance", "The conformance classes", parameters: [], ok: Self.response("The classes implemented", APIResponse.json)),
            "/api": Self.operation("getAPI", "This document", parameters: [], ok: Self.response("The API definition", APIResponse.openAPI)),
            "/collections": Self.operation("getCollections", "The collections", parameters: [], ok: Self.response("The collections with their extents", APIResponse.json)),
            "/collections/{collectionId}": Self.operation("describeCollection", "One collection", parameters: [Self.collectionID], ok: Self.response("The collection", APIResponse.json)),
            "/collections/{collectionId}/items": Self.operation("getFeatures", "The items of a collection (for snapshot layers: at the date of datetime)",
                parameters: [Self.collectionID] + all, ok: Self.response("A GeoJSON FeatureCollection with numberMatched, numberReturned and next links", APIResponse.geoJSON)),
            "/collections/{collectionId}/items/{featureId}": Self.operation("getFeature", "One feature",
                parameters: [Self.collectionID, Self.featureID, Self.datetime, Self.layer, Self.knownOn, Self.format], ok: Self.response("A GeoJSON Feature", APIResponse.geoJSON)),
            "/timeline": Self.operation("getTimeline", "Per date and controller: assessed and claimed area (km²) and frontline length (km)",
                parameters: [Self.from, Self.to, Self.every], ok: Self.response("The rows of `frontline timeline --format json`", APIResponse.json)),
            "/diff": Self.operation("getDiff", "Area gained, lost and net per controller between two dates",
                parameters: [Self.from, Self.to, Self.layer, Self.region, Self.format], ok: Self.response("The report of `frontline diff --format json` (or its geojson)", APIResponse.json)),
            "/viewer": Self.operation("getViewer", "The map viewer (HTML), reading this API", parameters: [], ok: Self.response("An HTML page", "text/html")),
        ])
        return .object(JSONObject([
            "openapi": "3.0.3",
            "info": .object(JSONObject([
                "title": "Frontline", "version": "1.0.0",
                "description": "OGC API – Features over a ledger of dated control claims. Areas and lengths are geodesic on WGS 84 (an edge is the geodesic between its positions).",
                "license": .object(JSONObject(["name": "See the data folder's SOURCES.md"])),
            ])),
            "servers": .array([.object(JSONObject(["url": .string(baseURL)]))]),
            "paths": .object(paths),
        ]))
    }
}
