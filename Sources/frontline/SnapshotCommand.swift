import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Control of the theatre at a date, as GeoJSON (control areas, frontline, unlocated claims).",
        discussion: "Applies, in order of (date, reported, id), every claim of the layer dated on or before --date (and, with --known-on, reported on or before it) to the baseline."
    )

    @OptionGroup var ledger: LedgerOptions

    @OptionGroup var which: SnapshotOptions

    @Flag(help: "Add a `piece` feature for each surviving piece of area with the claim that put it there.")
    var lineage = false

    @Option(help: ArgumentHelp("Write to FILE (atomically) instead of standard output; - is standard output (a GeoPackage too).", valueName: "FILE"))
    var out: String?

    @Option(help: "Output format: geojson, geojsonseq (RFC 8142), kml (Google Earth), gpkg (GeoPackage, needs --out), csv (WKT), flatgeobuf (needs --out), shapefile (zipped, a shapefile per kind, needs --out), or any GDAL vector driver that writes a file, by name (needs --out).")
    var format: FeatureFormat = .geojson

    @OptionGroup var rounding: PrecisionOptions

    func validate() throws {
        if format.writesInPlace && out == nil {
            throw ValidationError("--format \(format.rawValue) writes a file: give --out FILE.\(format.fileExtension) (or --out - for standard output)")
        }
    }

    func run() throws {
        try Run.reportingErrors {
            if let out { try OutputPath.refuseInputs(out, inputs: ledger.inputFiles) }
            let tracker = try ledger.tracker(answering: which.answering(lineage: lineage))
            try tracker.requireRecorded(which.date, option: "--date")
            let snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: which.date, options: which.builderOptions(lineage: lineage))
            let table = try FeatureTable(snapshot).prepared(decimals: rounding.precision)
            if let out {
                try format.driver.write(table, to: out, precision: rounding.precision)
                for line in format.driver.omissions(table, file: OutputPath.described(out)) { Run.printError("warning: " + line) }
            } else {
                _ = try format.driver.encode(table, precision: rounding.precision, into: { bytes in try Run.emit(bytes) })
            }
        }
    }
}
