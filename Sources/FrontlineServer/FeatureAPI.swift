import Dispatch
import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry
import Hummingbird

/// OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over a ledger, apart from any
/// HTTP server: a request in, a response out. Answers are deterministic for a ledger version
/// and cached twice: snapshots per (version, date, layer, known-on) in an LRU of `dates`
/// entries, and encoded responses per (version, URL) in an LRU bounded in bytes. Snapshots are
/// computed one at a time on a queue of their own, so that cached requests never wait behind
/// GEOS work.
public final class FeatureAPI: Sendable {
    public let store: LedgerStore
    let snapshots: LRUCache<SnapshotKey, EncodedSnapshot>
    let responses: LRUCache<ResponseKey, APIResponse>
    private let computeQueue = DispatchQueue(label: "frontline.snapshots")

    /// Bumped when the server's answers change for the same ledger, so that ETags change too.
    static let answersRevision = "frontline-serve-1"

    public init(store: LedgerStore, cachedDates: Int = 16, cachedBytes: Int = 128 << 20) {
        self.store = store
        snapshots = LRUCache(capacity: max(1, cachedDates))
        responses = LRUCache(capacity: max(1, cachedBytes)) { $0.body.readableBytes + 256 }
    }

    /// The response to `request`, from the ledger version current when it arrived.
    public func respond(_ request: APIRequest) async -> APIResponse {
        let version = store.current
        var response: APIResponse
        if request.method == .other {
            response = .exception(405, code: "MethodNotAllowed", "only GET and HEAD are served")
            response.headers.append(("Allow", "GET, HEAD"))
        } else {
            switch ItemsQuery.parse(request.query) {
            case .failure(let error): response = error.response
            case .success(let query):
                let key = ResponseKey(version: version.id, baseURL: request.baseURL, path: request.segments, query: query.canonical(request.query))
                do {
                    response = try await responses.value(key) { [self] in
                        var made = try await self.route(request, query: query, version: version)
                        if made.status == 200 { made.headers.append(("ETag", key.etag)) }
                        return made
                    }
                } catch let failure as RequestFailure {
                    response = failure.response
                } catch {
                    response = .exception(500, code: "InternalError", String(describing: error).oneLine)
                }
            }
        }
        response.headers.append(("Frontline-Ledger-Version", version.id))
        response.headers.append(("Access-Control-Allow-Origin", "*"))
        if response.status == 200, let etag = response.header("ETag"), let match = request.ifNoneMatch,
            match == "*" || match.split(separator: ",").contains(where: { $0.trimmingSpaces == etag || $0.trimmingSpaces == "W/" + etag })
        {
            response.status = 304
            response.body = ByteBuffer()
        }
        return response
    }

    /// Finds the resource of the path; an error response is thrown as a `RequestFailure` so
    /// that it is not cached.
    func route(_ request: APIRequest, query: ItemsQuery, version: LedgerVersion) async throws -> APIResponse {
        let documents = APIDocuments(baseURL: request.baseURL, version: version)
        let segments = request.segments
        switch segments.count {
        case 0: return .document(documents.landing)
        case 1:
            switch segments[0] {
            case "conformance": return .document(documents.conformanceDocument)
            case "api": return .document(OpenAPIDocument(baseURL: request.baseURL).json, contentType: APIResponse.openAPI)
            case "collections": return .document(documents.collections)
            case "timeline": return try await timeline(query, version: version)
            case "diff": return try await diff(query, version: version)
            case "viewer": return APIResponse(status: 200, contentType: APIResponse.html, body: ByteBuffer(string: ViewerPage.html), headers: [("Cache-Control", "public, no-cache")])
            default: break
            }
        default:
            guard segments[0] == "collections" else { break }
            guard let collection = FeatureCollectionID(rawValue: segments[1]) else {
                throw RequestFailure(.notFound("no collection \"\(segments[1])\"; the collections are \(FeatureCollectionID.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            switch segments.count {
            case 2: return .document(documents.collection(collection))
            case 3 where segments[2] == "items": return try await items(collection, request: request, query: query, version: version)
            case 4 where segments[2] == "items": return try await item(collection, id: segments[3], request: request, query: query, version: version)
            default: break
            }
        }
        throw RequestFailure(.notFound("nothing at \(request.path); start at / (the landing page)"))
    }

    // MARK: Items

    func items(_ collection: FeatureCollectionID, request: APIRequest, query: ItemsQuery, version: LedgerVersion) async throws -> APIResponse {
        let (features, members, dated) = try await selection(collection, query: query, version: version)
        var matching = features
        if let box = query.bbox { matching = try features.filter { try $0.intersects(box) } }
        let path = "/collections/\(collection.rawValue)/items"
        let page = FeaturePage(features: matching, members: members, selfURL: request.baseURL + path, query: request.query, offset: query.offset,
            limit: query.limit, collectionURL: request.baseURL + "/collections/\(collection.rawValue)")
        return APIResponse(status: 200, contentType: APIResponse.geoJSON, body: ByteBuffer(bytes: page.encoded()),
            headers: [("Cache-Control", dated ? "public, max-age=60" : "public, no-cache"), ("Content-Crs", "<\(APIDocuments.crs84)>")])
    }

    func item(_ collection: FeatureCollectionID, id: String, request: APIRequest, query: ItemsQuery, version: LedgerVersion) async throws -> APIResponse {
        let (features, _, dated) = try await selection(collection, query: query, version: version)
        guard let feature = features.first(where: { $0.id == id }) else {
            throw RequestFailure(.notFound("no feature \"\(id)\" in \(collection.rawValue)\(collection.isSnapshotLayer ? " at that date" : "")"))
        }
        let encodedID = PercentDecoding.encode(id)
        let links: JSONValue = .array([
            FeaturePage.link(request.baseURL + "/collections/\(collection.rawValue)/items/\(encodedID)", rel: "self", type: APIResponse.geoJSON, title: "This feature"),
            FeaturePage.link(request.baseURL + "/collections/\(collection.rawValue)", rel: "collection", type: APIResponse.json, title: "The collection"),
        ])
        // The feature's encoding ends with its closing brace: the links go just before it.
        var body = Array(feature.bytes.dropLast())
        body += Array(",\"links\":".utf8)
        JSONWriter.write(links, into: &body)
        body += Array("}\n".utf8)
        return APIResponse(status: 200, contentType: APIResponse.geoJSON, body: ByteBuffer(bytes: body),
            headers: [("Cache-Control", dated ? "public, max-age=60" : "public, no-cache"), ("Content-Crs", "<\(APIDocuments.crs84)>")])
    }

    /// The features of a collection for the query's time, before `bbox` and paging; the
    /// collection's members (`date`, `layer`); whether a date was asked for.
    func selection(_ collection: FeatureCollectionID, query: ItemsQuery, version: LedgerVersion) async throws -> ([EncodedFeature], JSONObject, Bool) {
        if let kind = collection.kind {
            let date: CalendarDate
            switch query.datetime {
            case nil: date = version.latest
            case .instant(let day)?: date = day
            case .interval?:
                throw RequestFailure(.badParameter("datetime", "\(collection.rawValue) is the state at one date: give one date (YYYY-MM-DD), not an interval"))
            }
            let snapshot = try await self.snapshot(version, date: date, layer: query.layer, knownOn: query.knownOn, lineage: kind == .piece)
            return (snapshot.features[kind] ?? [], snapshot.members, query.datetime != nil)
        }
        switch collection {
        case .claims:
            var claims = version.claims
            if let knownOn = query.knownOn {
                let reported = Set(version.tracker.resolved.filter { $0.claim.reported <= knownOn }.map(\.claim.id))
                claims = claims.filter { reported.contains($0.id) }
            }
            switch query.datetime {
            case nil: break
            case .instant(let day)?: claims = claims.filter { $0.date == day }
            case .interval(let start, let end)?:
                claims = claims.filter { claim in
                    guard let date = claim.date else { return false }
                    return (start.map { date >= $0 } ?? true) && (end.map { date <= $0 } ?? true)
                }
            }
            return (claims, JSONObject(), query.datetime != nil)
        default:
            return (version.regions, JSONObject(), false)
        }
    }

    /// The snapshot at `date`, from the cache or computed on the snapshot queue.
    func snapshot(_ version: LedgerVersion, date: CalendarDate, layer: Layer, knownOn: CalendarDate?, lineage: Bool) async throws -> EncodedSnapshot {
        if date < version.baselineDate {
            throw RequestFailure(.badParameter("datetime", "\(date) is before the baseline (\(version.baselineDate)): nothing is recorded before it"))
        }
        let key = SnapshotKey(version: version.id, date: date, layer: layer, knownOn: knownOn, lineage: lineage)
        return try await snapshots.value(key) { [self] in
            try await self.compute {
                let snapshot = try SnapshotBuilder(tracker: version.tracker).snapshot(at: date, options: .init(layer: layer, knownOn: knownOn, lineage: lineage))
                return EncodedSnapshot(snapshot)
            }
        }
    }

    /// Runs `work` on the snapshot queue (one GEOS computation at a time, off the threads that
    /// serve requests).
    func compute<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            computeQueue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    // MARK: Timeline and diff

    func timeline(_ query: ItemsQuery, version: LedgerVersion) async throws -> APIResponse {
        let tracker = version.tracker
        if let from = query.from, from < version.baselineDate {
            throw RequestFailure(.badParameter("from", "\(from) is before the baseline (\(version.baselineDate)): nothing is recorded before it"))
        }
        if let from = query.from, let to = query.to, to < from { throw RequestFailure(.badParameter("to", "\(to) is before from (\(from))")) }
        let dates = tracker.dates(from: query.from, to: query.to, every: query.everyDays)
        if dates.count > 10_000 { throw RequestFailure(.badParameter("every", "\(dates.count) dates, over the limit of 10000; narrow from/to or widen every")) }
        let json = try await compute { TimelineReport.report(try TimelineReport.rows(tracker, dates: dates)).json() }
        return APIResponse(status: 200, contentType: APIResponse.json, body: ByteBuffer(string: json), headers: [("Cache-Control", "public, no-cache")])
    }

    func diff(_ query: ItemsQuery, version: LedgerVersion) async throws -> APIResponse {
        guard let from = query.from else { throw RequestFailure(.badParameter("from", "required: the earlier date (YYYY-MM-DD)")) }
        guard let to = query.to else { throw RequestFailure(.badParameter("to", "required: the later date (YYYY-MM-DD)")) }
        if from < version.baselineDate { throw RequestFailure(.badParameter("from", "\(from) is before the baseline (\(version.baselineDate)): nothing is recorded before it")) }
        if to < from { throw RequestFailure(.badParameter("to", "\(to) is before from (\(from))")) }
        let known = Set(version.tracker.dataset.regions.map(\.id))
        if let unknown = query.regions.first(where: { !known.contains($0) }) { throw RequestFailure(.badParameter("region", "no region \"\(unknown)\" in regions.geojson")) }
        let (tracker, layer, regions) = (version.tracker, query.layer, query.regions)
        let geoJSON = query.format == "geojson"
        let bytes = try await compute { () throws -> [UInt8] in
            let diff = try ControlDiff.compute(tracker, from: from, to: to, layer: layer, regionIDs: regions)
            return geoJSON ? GeoJSONEncoder().encode(diff.geoJSON) : Array((JSONWriter.serialize(diff.json) + "\n").utf8)
        }
        return APIResponse(status: 200, contentType: geoJSON ? APIResponse.geoJSON : APIResponse.json, body: ByteBuffer(bytes: bytes), headers: [("Cache-Control", "public, no-cache")])
    }
}

/// An error response, thrown so that it is not cached.
struct RequestFailure: Error {
    var response: APIResponse
    init(_ response: APIResponse) { self.response = response }
}

/// A snapshot's features encoded once, by kind, with the collection's members.
struct EncodedSnapshot: Sendable {
    var features: [SnapshotFeature.Kind: [EncodedFeature]]
    var members: JSONObject

    init(_ snapshot: Snapshot) {
        var features: [SnapshotFeature.Kind: [EncodedFeature]] = [:]
        for item in snapshot.features() { features[item.kind, default: []].append(EncodedFeature(item.feature, id: item.id)) }
        self.features = features
        members = snapshot.metadata
    }
}

struct SnapshotKey: Hashable, Sendable {
    var version: String
    var date: CalendarDate
    var layer: Layer
    var knownOn: CalendarDate?
    var lineage: Bool
}

/// What a response depends on: the ledger version, the links' base and the request; its ETag
/// is a digest of them (and of the server's revision), so that it changes exactly when the
/// answer can.
struct ResponseKey: Hashable, Sendable {
    var version: String
    var baseURL: String
    var path: [String]
    var query: String

    var etag: String {
        let text = [FeatureAPI.answersRevision, version, baseURL, path.joined(separator: "/"), query].joined(separator: "\n")
        return "\"" + String(SHA256.hex(Array(text.utf8)).prefix(32)) + "\""
    }
}

extension ItemsQuery {
    /// The request's query in a canonical order (by name, then value), for the response cache.
    func canonical(_ pairs: [(name: String, value: String)]) -> String {
        pairs.sorted { ($0.name, $0.value) < ($1.name, $1.value) }.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }
}

extension APIResponse {
    /// A JSON document of the API's navigation.
    static func document(_ value: JSONValue, contentType: String = APIResponse.json) -> APIResponse {
        APIResponse(status: 200, contentType: contentType, body: ByteBuffer(string: JSONWriter.serialize(value) + "\n"), headers: [("Cache-Control", "public, no-cache")])
    }
}
