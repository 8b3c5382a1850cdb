import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
@testable import FrontlinePresentation

@Suite struct ClaimWordingTests {
    let wording = ClaimWording(
        actors: ["AZ": Actor(id: "AZ", name: "Azerbaijan", color: "#1f6fb4"), "AM": Actor(id: "AM", name: "Armenian forces", color: "#d6452b")],
        names: ["AZ-FUZ": "Fuzuli", "AZ-TAR": "Tartar", "talish": "Talish", "sugovushan": "Sugovushan", "hadrut": "Hadrut"])

    func claim(status: Claim.Status = .claimed, claimant: String = "AZ:president", region: String? = nil, extent: Claim.Extent = .full,
               mode: Claim.Mode = .change, cededTo: String? = nil, settlements: [String] = [], geometry: GeoJSONGeometry? = nil) -> Claim {
        Claim(id: "c", date: CalendarDate("2020-10-03")!, controller: "AZ", claimant: claimant, status: status, region: region, extent: extent,
              mode: mode, cededTo: cededTo, settlements: settlements, geometry: geometry, source: .init(url: "https://example.org"))
    }

    func located(_ claim: Claim) throws -> ResolvedClaim {
        ResolvedClaim(claim: claim, area: try Geometry(.polygon([PositionList([(0, 0), (1, 0), (1, 1), (0, 0)])])), areaSquareMetres: 1)
    }

    @Test func placesRegionsAndMappedAreasInWords() throws {
        #expect(wording.headline(try located(claim(region: "AZ-TAR", settlements: ["talish", "sugovushan"]))) == "Azerbaijan took Talish and Sugovushan (Tartar)")
        #expect(wording.headline(try located(claim(region: "AZ-FUZ"))) == "Azerbaijan took all of Fuzuli")
        let square = GeoJSONGeometry.polygon([PositionList([(0, 0), (1, 0), (1, 1), (0, 0)])])
        #expect(wording.headline(try located(claim(geometry: square))) == "Azerbaijan took an area the source maps")
        let unlocated = ResolvedClaim(claim: claim(region: "AZ-FUZ", extent: .partial), area: nil, areaSquareMetres: 0)
        #expect(wording.headline(unlocated) == "Azerbaijan took part of Fuzuli")
        #expect(wording.unlocated(unlocated)?.contains("counts as a claim on Fuzuli without an area") == true)
        #expect(wording.unlocated(try located(claim(region: "AZ-FUZ"))) == nil)
        let exact = try located(claim(region: "AZ-FUZ", mode: .exact, cededTo: "AM", geometry: square))
        #expect(wording.headline(exact) == "Azerbaijan holds exactly an area the source maps in Fuzuli; the rest of Fuzuli passes to Armenian forces")
    }

    @Test func onWhoseWord() {
        #expect(wording.attribution(claim()) == "claimed by Azerbaijan (president) for 2020-10-03")
        #expect(wording.attribution(claim(status: .confirmed, claimant: "AM:mod")) == "confirmed by Armenian forces (mod) for 2020-10-03")
        #expect(wording.attribution(claim(status: .assessed, claimant: "third-party accounts")) == "assessed by third-party accounts for 2020-10-03")
        // A prefix that names no actor stays as written.
        #expect(wording.claimant("NK:authorities") == "NK:authorities")
    }

    @Test func longListsAreCut() {
        #expect(ClaimWording.list(["A"]) == "A")
        #expect(ClaimWording.list(["A", "B", "C"]) == "A, B and C")
        #expect(ClaimWording.list((1...9).map(String.init)) == "1, 2, 3, 4, 5 and 4 more places")
    }
}
