import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoDataPipeline
import GeoJSON
import Geometry

struct BuildGeoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-geodata",
        abstract: "Rebuild the dataset's generated files from unpacked public sources (used by tools/build-geodata).",
        discussion: "Writes regions.geojson, lines.geojson, baseline.geojson, settlements.geojson, actors.json, claims/*.geojson (from the hand-kept --claims table), SOURCES.md and QUALITY.md."
    )

    @Option(help: ArgumentHelp("The recipe naming sources, fixes and published figures.", valueName: "FILE"))
    var recipe: String = "tools/geodata/recipe.json"

    @Option(help: ArgumentHelp("The hand-kept claims ledger to write as claims/*.geojson.", valueName: "FILE"))
    var claims: String = "tools/geodata/claims.json"

    @Option(name: .customLong("recipe-extra"), help: ArgumentHelp("A file of more recipe blocks (a block such as wof_localities kept apart); repeatable.", valueName: "FILE"))
    var recipeExtras: [String] = []

    @Option(help: ArgumentHelp("The Who's On First localities, for a recipe with wof_localities.", valueName: "FILE"))
    var localities: String = "tools/geodata/wof-localities.csv"

    @Option(help: ArgumentHelp("The Who's On First district polygons, for a recipe with wof_districts.", valueName: "FILE"))
    var districts: String = "tools/geodata/wof-districts.geojson"

    @Option(help: ArgumentHelp("Folder holding each source package unpacked under its root name.", valueName: "DIR"))
    var sources: String

    @Option(help: ArgumentHelp("Output folder (created if missing).", valueName: "DIR"))
    var out: String

    func run() throws {
        try Run.reportingErrors {
            let builder = GeoDataBuilder(recipe: try GeoDataRecipe.load(recipe, extras: recipeExtras), sourcesRoot: sources, claimsSource: claims, localitiesSource: localities, districtsSource: districts)
            let output = try builder.build()
            try DataFolder.create(out + "/" + Dataset.claimsFolder)
            for file in output.files {
                try AtomicFile.write(file.bytes, to: out + "/" + file.name)
            }
            for line in output.summary { Run.printError("build-geodata: \(line)") }
        }
    }
}
