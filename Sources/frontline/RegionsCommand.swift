import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "List the regions with geodesic area (km²), perimeter (km) and published area."
    )

    enum Format: String, NamedArgument {
        case table, json, csv, geojson, markdown
    }

    @OptionGroup var data: DataOptions

    @Option(help: "Output format: table, json, csv, geojson, or markdown (computed beside published areas).")
    var format: Format = .table

    func run() throws {
        try Run.reportingErrors {
            let dataset = try Dataset.load(data.directory, parts: .regions)
            switch format {
            case .table: try Run.emit(RegionsReport.report(dataset.regions).table())
            case .json: try Run.emit(RegionsReport.report(dataset.regions).json())
            case .csv: try Run.emit(RegionsReport.report(dataset.regions).csv())
            case .geojson: try Run.emit(GeoJSONEncoder().encode(RegionsReport.geoJSON(dataset.regions)))
            case .markdown: try Run.emit(RegionsReport.markdownComparison(dataset.regions) + "\n")
            }
        }
    }
}
