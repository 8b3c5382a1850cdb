import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

#if canImport(Glibc)
    import Glibc
#endif

/// `--data DIR`: the dataset folder (default `$FRONTLINE_DATA`, else `./GeoData`).
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset folder (default: $FRONTLINE_DATA, else ./GeoData).", valueName: "DIR"))
    var data: String?

    var directory: String {
        if let data { return data }
        if let environment = getenv("FRONTLINE_DATA"), environment.pointee != 0 { return String(cString: environment) }
        return "./GeoData"
    }
}

/// `--claims FILE` (repeatable): when given, only these files are the ledger.
struct ClaimsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A claims file; repeat for several. When given, only these files are the ledger.", valueName: "FILE"))
    var claims: [String] = []
}

/// Output formats of tabular commands.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Layer: ExpressibleByArgument {}

/// What commands that read the ledger share: the data folder, the claim files, `--repair`.
struct LedgerOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @OptionGroup var claims: ClaimsOptions

    @Flag(help: "Make invalid claim polygons valid (GEOS make-valid) and report each repair, instead of refusing them.")
    var repair = false

    @Option(help: ArgumentHelp("Snap claim area within METRES of the theatre's outline to it; boundary that near the outline is not frontline. Default: 1000 for exact claims, 0 for change claims; 0 turns it off.", valueName: "METRES"))
    var snap: Double?

    func validate() throws {
        if let snap, !(snap.isFinite && snap >= 0 && snap <= 100_000) {
            throw ValidationError("--snap expects metres from 0 to 100000, got \(snap)")
        }
    }

    /// Loads everything and prints each repair and warning on stderr.
    func tracker() throws -> Tracker {
        let tracker = try Tracker(directory: data.directory, claimFiles: claims.claims, repair: repair, snap: OutlineSnap(option: snap))
        for line in tracker.unreadFiles { Run.printError(line) }
        for repair in tracker.ledger.repairs { Run.printError("warning: " + repair) }
        // One line per claim, but a tracker's hundreds of days drawn past the outline say it once.
        let warnings = tracker.warnings
        for warning in warnings.prefix(5) { Run.printError(warning) }
        if warnings.count > 5 { Run.printError("warning: \(warnings.count - 5) more claims lie partly outside the theatre, farther than the --snap tolerance from its outline (clipped)") }
        return tracker
    }
}

/// `--from`, `--to`, `--every N(d)` or `--on-change`.
struct DateRangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First date (default: the baseline's).", valueName: "D"))
    var from: CalendarDate?

    @Option(help: ArgumentHelp("Last date (default: the last claim's).", valueName: "D"))
    var to: CalendarDate?

    @Option(help: ArgumentHelp("One date every N days, e.g. 7d.", valueName: "N(d)"))
    var every: String?

    @Flag(name: .customLong("on-change"), help: "Each date on which a claim takes effect (the default).")
    var onChange = false

    var everyDays: Int? {
        guard let every else { return nil }
        let digits = every.hasSuffix("d") ? String(every.dropLast()) : every
        return Int(digits)
    }

    func validate() throws {
        if every != nil && onChange { throw ValidationError("--every and --on-change exclude each other") }
        if let every, everyDays == nil || everyDays! < 1 { throw ValidationError("--every expects a number of days such as 7d, got \"\(every)\"") }
        if let from, let to, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
    }
}

extension FeatureFormat: ExpressibleByArgument {}

/// `--date`, `--known-on`, `--layer`: which snapshot (`snapshot` and `render`).
struct SnapshotOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The date of the snapshot.", valueName: "D"))
    var date: CalendarDate

    @Option(name: .customLong("known-on"), help: ArgumentHelp("Only claims public by this date (what was known then).", valueName: "K"))
    var knownOn: CalendarDate?

    @Option(help: "assessed (assessed and confirmed claims) or claimed (every claim not retracted).")
    var layer: Layer = .claimed

    func builderOptions(lineage: Bool = false) -> SnapshotBuilder.Options {
        SnapshotBuilder.Options(layer: layer, knownOn: knownOn, lineage: lineage)
    }
}
