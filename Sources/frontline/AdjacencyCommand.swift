import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct AdjacencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjacency",
        abstract: "Pairs of neighbouring regions and the length of their shared border.",
        discussion: "Two regions are neighbours when the part of one's boundary within --snap metres of the other is longer than --tolerance metres. Historical regions (which overlap current ones) are left out."
    )

    enum Format: String, NamedArgument {
        case table, json, csv, dot, geojson
    }

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Shortest shared border that counts, in metres.", valueName: "METRES"))
    var tolerance: Double = 100

    @Option(help: ArgumentHelp("Gaps and slivers narrower than this (metres) still count as shared border.", valueName: "METRES"))
    var snap: Double = 20

    @Option(help: "Output format: table, json, csv, dot (Graphviz) or geojson (the shared borders as lines).")
    var format: Format = .table

    func validate() throws {
        guard tolerance >= 0, tolerance.isFinite else { throw ValidationError("--tolerance must be a number of metres >= 0") }
        guard snap >= 0, snap.isFinite, snap <= 10_000 else { throw ValidationError("--snap must be between 0 and 10000 metres") }
    }

    func run() throws {
        try Run.reportingErrors {
            let dataset = try Dataset.load(data.directory, parts: .regions)
            let pairs = try Adjacency(minimumMetres: tolerance, snapMetres: snap).pairs(dataset.regions)
            switch format {
            case .table: try Run.emit(Adjacency.report(pairs).table())
            case .json: try Run.emit(Adjacency.report(pairs).json())
            case .csv: try Run.emit(Adjacency.report(pairs).csv())
            case .dot: try Run.emit(Adjacency.dot(pairs, regions: dataset.regions))
            case .geojson: try Run.emit(GeoJSONEncoder().encode(Adjacency.geoJSON(pairs)))
            }
        }
    }
}
