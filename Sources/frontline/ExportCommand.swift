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
        discussion: "The folder is replaced as a whole only when every file is written: a failure leaves the previous export as it was. It must be new, empty or an earlier export (every file listed in its index.json): any other folder is refused, and so is one holding the command's inputs."
    )

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var range: DateRangeOptions

    @Option(help: ArgumentHelp("Output folder.", valueName: "DIR"))
    var out: String

    @Option(help: "assessed or claimed (the layer of the snapshots).")
    var layer: Layer = .claimed

    @OptionGroup var rounding: PrecisionOptions

    @Option(help: "File format of the snapshots and the combined file: geojson, geojsonseq, kml, gpkg, csv, flatgeobuf, shapefile, or any GDAL vector driver that writes a file, by name.")
    var format: FeatureFormat = .geojson

    @Flag(help: "Also write index.html: a self-contained timeline viewer (maps, slider, area chart, claims with sources).")
    var html = false

    @Flag(help: "Write the export even when it holds more than 1,000 files or 1 GB (refused otherwise).")
    var force = false

    func run() throws {
        try Run.reportingErrors {
            let target = try OutputPath.followingLinks(out)
            Run.cleanUpStagingOnInterrupt(for: target)
            try OutputPath.refuseInputs(out, inputs: ledger.inputs, folder: true)
            try Exporter.checkReplaceable(target)
            try TerminalProgress.run("frontline export", stage: "loading the ledger") { progress in
                let tracker = try ledger.tracker()
                var exporter = Exporter(tracker: tracker, dates: try range.dates(tracker, limit: 10_000))
                exporter.progress = progress.handler
                exporter.layer = layer
                exporter.precision = rounding.precision
                exporter.format = format
                exporter.html = html
                exporter.force = force
                let summary = try exporter.write(to: target)
                progress.finish()
                for line in summary.omissions.prefix(3) { Run.printError("warning: " + line) }
                if summary.omissions.count > 3 { Run.printError("warning: \(summary.omissions.count - 3) more files leave out what their format cannot hold (features without geometry, text past its limit)") }
                Run.printError("frontline export: \(summary.files) files for \(exporter.dates.count) dates written to \(out)")
            }
        }
    }
}
