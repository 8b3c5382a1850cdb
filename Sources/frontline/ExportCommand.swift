import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

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

    @Option(help: "File format of the snapshots and the combined file: geojson, geojsonseq, kml, gpkg, csv.")
    var format: FeatureFormat = .geojson

    @Flag(help: "Also write index.html: a self-contained timeline viewer (maps, slider, area chart, claims with sources).")
    var html = false

    func run() throws {
        try Run.reportingErrors {
            Run.cleanUpStagingOnInterrupt(for: out)
            let tracker = try ledger.tracker()
            var exporter = Exporter(tracker: tracker, dates: tracker.dates(from: range.from, to: range.to, every: range.everyDays))
            exporter.layer = layer
            exporter.precision = precision
            exporter.format = format
            exporter.html = html
            let summary = try exporter.write(to: out)
            Run.printError("frontline export: \(summary.files) files for \(exporter.dates.count) dates written to \(out)")
        }
    }
}
