import Foundation
import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Testing
import TestSupport

@testable import FrontlineServer

/// The API on the shipped GeoData, request by request, without sockets: what it answers is
/// what the `snapshot`, `timeline` and `diff` commands answer.
extension JSONValue {
    subscript(_ key: String) -> JSONValue? { objectValue?[key] }
    subscript(_ index: Int) -> JSONValue? {
        guard let elements = arrayElements, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}

@Suite struct FeatureAPITests {
    static let store: LedgerStore = {
        let directory = Paths.geoData.path
        return try! LedgerStore(directory: directory, inputs: { Dataset.inputFiles(directory: directory) }, log: { _ in }) {
            try Tracker(directory: directory)
        }
    }()
    static let api = FeatureAPI(store: store)
    static let base = "http://test:1"

    func get(_ target: String, ifNoneMatch: String? = nil) async throws -> APIResponse {
        let request = try #require(APIRequest(method: "GET", target: target, ifNoneMatch: ifNoneMatch, baseURL: Self.base))
        return await Self.api.respond(request)
    }

    func json(_ response: APIResponse) throws -> JSONValue {
        try JSONParser().parse(Array(response.body.readableBytesView))
    }

    /// The features of an encoded FeatureCollection, decoded.
    func features(_ bytes: [UInt8]) throws -> [Feature] {
        guard case .featureCollection(let collection) = try GeoJSONDecoder().decode(bytes) else { return [] }
        return collection.features
    }

    @Test func landingConformanceAndCollectionsLinkEachOther() async throws {
        let landing = try json(try await get("/"))
        let rels = landing["links"]?.arrayElements?.compactMap { $0["rel"]?.stringValue } ?? []
        #expect(Set(rels).isSuperset(of: ["self", "service-desc", "conformance", "data"]))
        let conformance = try json(try await get("/conformance"))["conformsTo"]?.arrayElements?.compactMap(\.stringValue) ?? []
        #expect(conformance.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"))
        #expect(conformance.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"))
        let collections = try json(try await get("/collections"))["collections"]?.arrayElements ?? []
        #expect(collections.compactMap { $0["id"]?.stringValue } == ["control", "bands", "frontline", "pieces", "unlocated", "claims", "regions"])
        let control = try json(try await get("/collections/control"))
        #expect(control["extent"]?["temporal"]?["interval"]?[0]?[0]?.stringValue == "1994-05-12T00:00:00Z")
        let api = try await get("/api")
        #expect(api.contentType == APIResponse.openAPI)
        #expect(try json(api)["paths"]?["/collections/{collectionId}/items"] != nil)
    }

    @Test func itemsAtADateAreTheSnapshotsFeatures() async throws {
        let tracker = Self.store.current.tracker
        let date = CalendarDate("2020-11-10")!
        let snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: date, options: .init(layer: .claimed))
        let expected = try features(GeoJSONEncoder().encode(FeatureCollection(features: snapshot.features().filter { $0.kind == .control }.map(\.feature))))
        let response = try await get("/collections/control/items?datetime=2020-11-10")
        #expect(response.status == 200 && response.contentType == APIResponse.geoJSON)
        let page = try json(response)
        #expect(page["date"]?.stringValue == "2020-11-10")
        #expect(page["numberMatched"]?.numberValue == Double(expected.count))
        #expect(try features(Array(response.body.readableBytesView)) == expected)
        // The default is the latest date of the ledger.
        let latest = try json(try await get("/collections/frontline/items"))
        #expect(latest["date"]?.stringValue == Self.store.current.latest.description)
    }

    @Test func pagesFollowNextLinksThroughEveryClaim() async throws {
        var target: String? = "/collections/claims/items?limit=10"
        let claims = Self.store.current.tracker.resolved.count
        var ids: [String] = []
        var pages = 0
        while let next = target {
            let page = try json(try await get(String(next.dropFirst(Self.base.count > 0 && next.hasPrefix(Self.base) ? Self.base.count : 0))))
            ids += (page["features"]?.arrayElements ?? []).compactMap { $0["id"]?.stringValue }
            #expect(page["numberMatched"]?.numberValue == Double(claims))
            target = page["links"]?.arrayElements?.first { $0["rel"]?.stringValue == "next" }?["href"]?.stringValue
            pages += 1
            if pages > claims / 10 + 2 { break }
        }
        #expect(pages == (claims + 9) / 10)
        #expect(ids == Self.store.current.tracker.resolved.map(\.claim.id))
    }

    @Test func claimsFilterByDateAndInterval() async throws {
        let resolved = Self.store.current.tracker.resolved
        let onDay = try json(try await get("/collections/claims/items?datetime=2020-10-03"))
        #expect(onDay["numberMatched"]?.numberValue == Double(resolved.filter { $0.claim.date.description == "2020-10-03" }.count))
        let war = try json(try await get("/collections/claims/items?datetime=2020-09-27/2020-11-10&limit=1000"))
        let inWar = resolved.filter { $0.claim.date >= CalendarDate("2020-09-27")! && $0.claim.date <= CalendarDate("2020-11-10")! }
        #expect(war["numberMatched"]?.numberValue == Double(inWar.count))
        #expect(inWar.count > 0)
    }

    @Test func bboxKeepsOnlyFeaturesWhoseGeometryMeetsTheBox() async throws {
        // A box over Khankendi/Stepanakert (Armenian-held on 2020-11-10) and one in the Caspian.
        let stepanakert = try json(try await get("/collections/control/items?datetime=2020-11-10&bbox=46.74,39.80,46.78,39.84"))
        let controllers = (stepanakert["features"]?.arrayElements ?? []).compactMap { $0["properties"]?["controller"]?.stringValue }
        #expect(controllers == ["AM"])
        let sea = try json(try await get("/collections/regions/items?bbox=51.5,39.0,52.0,39.5"))
        #expect(sea["numberMatched"]?.numberValue == 0)
    }

    @Test func oneFeatureByIdAndNotFoundOtherwise() async throws {
        let feature = try await get("/collections/control/items/control:AZ?datetime=2020-11-10")
        #expect(feature.status == 200)
        let object = try json(feature)
        #expect(object["type"]?.stringValue == "Feature" && object["id"]?.stringValue == "control:AZ")
        #expect(object["links"]?.arrayElements?.count == 2)
        #expect(try await get("/collections/control/items/control:XX").status == 404)
        #expect(try await get("/collections/nothing/items").status == 404)
        #expect(try await get("/collections/..%2F..%2Fetc%2Fpasswd/items").status == 404)
        #expect(try await get("/../../etc/passwd").status == 404)
        #expect(try await get("/viewer/../../GeoData/actors.json").status == 404)
    }

    @Test func badParametersAreOGCExceptionsNamingThem() async throws {
        for (target, name) in [
            ("/collections/control/items?datetime=1990-01-01", "datetime"), ("/collections/control/items?datetime=2020-01-01/..", "datetime"),
            ("/collections/control/items?bbox=1,2,3", "bbox"), ("/collections/control/items?limit=0", "limit"),
            ("/diff?to=2020-11-10", "from"), ("/diff?from=2020-11-10&to=2020-10-01", "to"), ("/diff?from=2020-10-01&to=2020-11-10&region=XX", "region"),
            ("/timeline?from=1900-01-01", "from"),
        ] {
            let response = try await get(target)
            #expect(response.status == 400, "\(target)")
            let description = try json(response)["description"]?.stringValue ?? ""
            #expect(description.hasPrefix(name + ":"), "\(target): \(description)")
            #expect(response.header("ETag") == nil && response.header("Cache-Control") == "no-store")
        }
    }

    @Test func answersAreDeterministicAndRevalidateWithTheirETag() async throws {
        let first = try await get("/collections/frontline/items?datetime=2020-10-20")
        let second = try await get("/collections/frontline/items?datetime=2020-10-20")
        #expect(first.body == second.body)
        let etag = try #require(first.header("ETag"))
        #expect(first.header("Cache-Control") == "public, max-age=60")
        #expect(first.header("Frontline-Ledger-Version") == Self.store.current.id)
        let revalidated = try await get("/collections/frontline/items?datetime=2020-10-20", ifNoneMatch: etag)
        #expect(revalidated.status == 304 && revalidated.body.readableBytes == 0)
        let other = try await get("/collections/frontline/items?datetime=2020-10-21")
        #expect(other.header("ETag") != etag)
    }

    @Test func timelineAndDiffAreTheCommandsReports() async throws {
        let tracker = Self.store.current.tracker
        let rows = try TimelineReport.rows(tracker, dates: tracker.dates(from: nil, to: nil, every: nil))
        let timeline = try await get("/timeline")
        #expect(String(buffer: timeline.body) == TimelineReport.report(rows).json())
        let diff = try ControlDiff.compute(tracker, from: CalendarDate("2020-09-27")!, to: CalendarDate("2020-11-10")!, layer: .claimed)
        let served = try await get("/diff?from=2020-09-27&to=2020-11-10")
        #expect(String(buffer: served.body) == JSONWriter.serialize(diff.json) + "\n")
    }
}
