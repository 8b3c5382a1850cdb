import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Area gained, lost and net per controller (and per region) between two dates."
    )

    enum Format: String, NamedArgument {
        case table, json, csv, geojson
    }

    @OptionGroup var ledger: LedgerOptions

    @Option(help: ArgumentHelp("Earlier date.", valueName: "D"))
    var from: CalendarDate

    @Option(help: ArgumentHelp("Later date.", valueName: "D"))
    var to: CalendarDate

    @Option(help: ArgumentHelp("Limit to a region; repeat for several.", valueName: "ID"))
    var region: [String] = []

    @Option(help: "assessed or claimed.")
    var layer: Layer = .claimed

    @Option(help: "Output format: table, json, csv, or geojson (the gained and lost areas).")
    var format: Format = .table

    func validate() throws {
        if to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
    }

    func run() throws {
        try Run.reportingErrors {
            let tracker = try ledger.tracker(answering: from...to)
            try tracker.requireRecorded(from, option: "--from")
            let diff = try ControlDiff.compute(tracker, from: from, to: to, layer: layer, regionIDs: region)
            switch format {
            case .table: try Run.emit(diff.report.table())
            case .csv: try Run.emit(diff.report.csv())
            case .json: try Run.emit(JSONWriter.serialize(diff.json) + "\n")
            case .geojson: try Run.emit(GeoJSONEncoder().encode(diff.geoJSON))
            }
        }
    }
}
