import ArgumentParser
import FrontlineKit

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a snapshot per date, a combined time-enabled GeoJSON, timeline.csv and index.json into a folder.",
        discussion: "The folder is replaced as a whole only when every file is written: a failure leaves the previous export as it was."
    )

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var range: DateRangeOptions

    @Option(help: ArgumentHelp("Output folder.", valueName: "DIR"))
    var out: String

    @Option(help: "assessed or claimed (the layer of the snapshots).")
    var layer: Layer = .claimed

    @Option(help: ArgumentHelp("Round coordinates to N decimals (default: every digit).", valueName: "N"))
    var precision: Int?

    func run() throws {
        try Run.reportingErrors {
            Run.cleanUpStagingOnInterrupt(for: out)
            let tracker = try ledger.tracker()
            var exporter = Exporter(tracker: tracker, dates: tracker.dates(from: range.from, to: range.to, every: range.everyDays))
            exporter.layer = layer
            exporter.precision = precision
            let summary = try exporter.write(to: out)
            Run.printError("frontline export: \(summary.files) files for \(exporter.dates.count) dates written to \(out)")
        }
    }
}
