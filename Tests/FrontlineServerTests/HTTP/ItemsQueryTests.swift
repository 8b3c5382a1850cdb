import FrontlineModel
import Geometry
import Testing

@testable import FrontlineServer

@Suite struct ItemsQueryTests {
    func parse(_ pairs: [(String, String)]) -> Result<ItemsQuery, ParameterError> {
        ItemsQuery.parse(pairs.map { (name: $0.0, value: $0.1) })
    }

    func query(_ pairs: [(String, String)]) throws -> ItemsQuery { try parse(pairs).get() }

    func failure(_ pairs: [(String, String)]) -> ParameterError? {
        if case .failure(let error) = parse(pairs) { return error }
        return nil
    }

    @Test func datetimeTakesDatesAndDateTimesAsTheirUTCDay() throws {
        #expect(try query([("datetime", "2020-11-10")]).datetime == .instant(CalendarDate("2020-11-10")!))
        #expect(try query([("datetime", "2020-11-10T12:30:00Z")]).datetime == .instant(CalendarDate("2020-11-10")!))
        #expect(try query([("datetime", "2020-11-10T23:30:00.250-02:00")]).datetime == .instant(CalendarDate("2020-11-11")!))
        #expect(try query([("datetime", "2020-11-10T01:00:00+04:00")]).datetime == .instant(CalendarDate("2020-11-09")!))
        #expect(try query([("datetime", "2020-01-01/..")]).datetime == .interval(CalendarDate("2020-01-01")!, nil))
        #expect(try query([("datetime", "../2020-12-31")]).datetime == .interval(nil, CalendarDate("2020-12-31")!))
        #expect(try query([("datetime", "2020-01-01/2020-12-31")]).datetime == .interval(CalendarDate("2020-01-01")!, CalendarDate("2020-12-31")!))
    }

    @Test func malformedDatetimesNameTheParameter() {
        for bad in ["2020-13-01", "2020-02-30", "yesterday", "2020-11-10T25:00:00Z", "2020-11-10T12:00:00", "../..", "2020-12-31/2020-01-01", "a/b/c", "2020-11-10T12:00:00+4"] {
            let error = failure([("datetime", bad)])
            #expect(error?.name == "datetime", "\(bad)")
        }
    }

    @Test func bboxTakesFourOrSixNumbersWithinRange() throws {
        #expect(try query([("bbox", "46,39,47.5,40.5")]).bbox == Bounds(minX: 46, minY: 39, maxX: 47.5, maxY: 40.5))
        #expect(try query([("bbox", "46,39,0,47.5,40.5,100")]).bbox == Bounds(minX: 46, minY: 39, maxX: 47.5, maxY: 40.5))
        // West of east's longitude: the box crosses the antimeridian, which is allowed.
        #expect(try query([("bbox", "170,-10,-170,10")]).bbox == Bounds(minX: 170, minY: -10, maxX: -170, maxY: 10))
        for bad in ["1,2,3", "a,b,c,d", "0,0,1,nan", "0,0,200,1", "0,-95,1,1", "0,10,1,5", "", "1,2,3,4,5"] {
            #expect(failure([("bbox", bad)])?.name == "bbox", "\(bad)")
        }
    }

    @Test func limitIsClampedAndOffsetChecked() throws {
        #expect(try query([]).limit == ItemsQuery.defaultLimit)
        #expect(try query([("limit", "25")]).limit == 25)
        #expect(try query([("limit", "1000000")]).limit == ItemsQuery.maximumLimit)
        #expect(failure([("limit", "0")])?.name == "limit")
        #expect(failure([("limit", "-1")])?.name == "limit")
        #expect(failure([("limit", "ten")])?.name == "limit")
        #expect(try query([("offset", "30")]).offset == 30)
        #expect(failure([("offset", "-1")])?.name == "offset")
    }

    @Test func unknownAndContradictoryParametersAreRefused() throws {
        #expect(failure([("foo", "1")])?.name == "foo")
        #expect(failure([("layer", "both")])?.name == "layer")
        #expect(failure([("f", "html")])?.name == "f")
        #expect(failure([("datetime", "2020-11-10"), ("datetime", "2020-11-11")])?.name == "datetime")
        // GDAL appends the opened URL's query to links that already carry it: the same value twice is one.
        #expect(try query([("datetime", "2020-11-10"), ("datetime", "2020-11-10")]).datetime == .instant(CalendarDate("2020-11-10")!))
        #expect(try query([("region", "AZ-FUZ"), ("region", "AZ-TAR")]).regions == ["AZ-FUZ", "AZ-TAR"])
    }
}

@Suite struct APIRequestTests {
    @Test func targetsAreSplitAndDecoded() throws {
        let request = try #require(APIRequest(method: "GET", target: "//collections/claims/items/a%20b%3Ac/?datetime=2020-01-01%2F..&x=a+b", baseURL: "http://h"))
        #expect(request.segments == ["collections", "claims", "items", "a b:c"])
        #expect(request.query.map(\.name) == ["datetime", "x"])
        #expect(request.query.map(\.value) == ["2020-01-01/..", "a b"])
        #expect(request.path == "/collections/claims/items/a b:c")
        #expect(request.method == .get)
        #expect(APIRequest(method: "POST", target: "/", baseURL: "http://h")?.method == .other)
    }

    @Test func invalidEncodingsAreRefused() {
        #expect(APIRequest(method: "GET", target: "/a%zz", baseURL: "http://h") == nil)
        #expect(APIRequest(method: "GET", target: "/a%ff%fe", baseURL: "http://h") == nil)
        #expect(APIRequest(method: "GET", target: "/?q=%", baseURL: "http://h") == nil)
    }

    @Test func queryValuesRoundTripThroughTheLinkEncoding() throws {
        let value = "2020-01-01/.. & =?#é"
        let request = try #require(APIRequest(method: "GET", target: "/?v=" + PercentDecoding.encode(value), baseURL: "http://h"))
        #expect(request.query.first?.value == value)
    }
}
