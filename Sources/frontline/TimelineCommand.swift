import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Per date and controller: assessed and claimed area (km²) and frontline length (km).",
        discussion: "frontline_km is the length of the claimed layer's frontline that borders the controller."
    )

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var range: DateRangeOptions

    @Option(help: "Output format: table, json or csv.")
    var format: TableFormat = .table

    func run() throws {
        try Run.reportingErrors {
            let rows = try TerminalProgress.run("frontline timeline", stage: "loading the ledger") { progress in
                let tracker = try ledger.tracker()
                return try TimelineReport.rows(tracker, dates: try range.dates(tracker, limit: 100_000), progress: progress.handler)
            }
            try Run.emit(Run.render(TimelineReport.report(rows), as: format))
        }
    }
}
