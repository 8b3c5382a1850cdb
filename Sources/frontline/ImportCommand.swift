import ArgumentParser
import Foundation
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn boundaries from a Shapefile, GeoPackage or GeoJSON into a regions.geojson.",
        discussion: """
            Reads GADM, geoBoundaries, OSM or Natural Earth exports. Layers in another CRS are reprojected to \
            WGS 84 with PROJ. Each output feature has a string id and the properties name, country, level, source.
            Example: frontline import ne_10m_admin_1_states_provinces.shp --out regions.geojson \\
                       --id-field name --name-field name --where iso_a2=AM --country AM
            """
    )

    @Argument(help: ArgumentHelp("One or more .shp, .gpkg, .geojson or .json files, read as one set.", valueName: "FILE"))
    var files: [String]

    @Option(help: ArgumentHelp("Output regions file.", valueName: "FILE"))
    var out: String?

    @Flag(name: .customLong("list-fields"), help: "List each file's attributes (distinct values and examples) and write nothing.")
    var listFields = false

    @Option(name: .customLong("id-field"), help: ArgumentHelp("Attribute holding the region id (default: the feature id).", valueName: "F"))
    var idField: String?

    @Option(name: .customLong("name-field"), help: ArgumentHelp("Attribute holding the region name (default: the id).", valueName: "F"))
    var nameField: String?

    @Option(name: .customLong("country-field"), help: ArgumentHelp("Attribute holding the ISO alpha-2 country.", valueName: "F"))
    var countryField: String?

    @Option(help: ArgumentHelp("Country (ISO alpha-2) for every region, when no --country-field.", valueName: "CC"))
    var country: String?

    @Option(help: ArgumentHelp("Level written on every region.", valueName: "LEVEL"))
    var level: String = "admin1"

    @Option(name: .customLong("where"), help: ArgumentHelp("Keep features whose attribute F is one of V1,V2,…; repeat on one field for more values, on other fields to require each.", valueName: "F=V1,V2"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("Keep features whose bounding box meets W,S,E,N (degrees).", valueName: "W,S,E,N"))
    var bbox: String?

    @Option(help: ArgumentHelp("GeoPackage layer (needed when the file has several).", valueName: "NAME"))
    var layer: String?

    @Flag(help: "Merge features that share an id into one region instead of refusing them.")
    var merge = false

    @Flag(help: "Make invalid polygons valid (GEOS make-valid) and report each repair, instead of refusing them.")
    var repair = false

    @OptionGroup var rounding: PrecisionOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE") }
        if out == nil && !listFields { throw ValidationError("give --out FILE (or --list-fields to see the attributes)") }
        for condition in conditions where !condition.contains("=") {
            throw ValidationError("--where expects F=V, got \"\(condition)\"")
        }
        if let bbox, parseBounds(bbox) == nil {
            throw ValidationError("--bbox expects four numbers W,S,E,N with W<=E and S<=N, got \"\(bbox)\"")
        }
    }

    func parseBounds(_ text: String) -> Bounds? {
        let numbers = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, numbers[0] <= numbers[2], numbers[1] <= numbers[3] else { return nil }
        return Bounds(minX: numbers[0], minY: numbers[1], maxX: numbers[2], maxY: numbers[3])
    }

    func run() throws {
        try Run.reportingErrors {
            if let out { try OutputPath.refuseInputs(out, inputs: files) }
            if listFields {
                var lines: [String] = []
                for file in files {
                    lines.append(file + ":")
                    for field in try RegionImport.fieldSummary(file, layer: layer) {
                        lines.append("  \(field.field): \(field.distinct) distinct, e.g. \(field.examples.map { String(reflecting: $0) }.joined(separator: ", "))")
                    }
                }
                try Run.emit(lines.joined(separator: "\n") + "\n")
                return
            }
            guard let out else { return }
            var importer = RegionImport()
            importer.idField = idField
            importer.nameField = nameField
            importer.countryField = countryField
            importer.country = country
            importer.level = level
            importer.layer = layer
            importer.mergesDuplicates = merge
            importer.repair = repair
            importer.bounds = bbox.flatMap(parseBounds)
            importer.conditions = conditions.map { condition in
                let parts = condition.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }
            var regions = try importer.regions(from: files)
            if let decimals = rounding.precision {
                for index in regions.features.indices {
                    guard let geometry = regions.features[index].geometry else { continue }
                    let name = regions.features[index].id.map { "region \($0)" } ?? "region \(index + 1)"
                    regions.features[index].geometry = try OutputPrecision.round(geometry, decimals: decimals, feature: name)
                }
            }
            for line in importer.repairs { Run.printError("warning: " + line) }
            if let field = importer.chosenIDField {
                Run.printError("frontline import: ids from the field \"\(field)\" (its values are unique; --id-field chooses another)")
            }
            try AtomicFile.write(GeoJSONEncoder(precision: rounding.precision).encode(regions), to: out)
            Run.printError("frontline import: \(regions.features.count) regions written to \(OutputPath.described(out))")
        }
    }
}
