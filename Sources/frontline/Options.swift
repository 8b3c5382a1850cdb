import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry
import PostgreSQL

#if canImport(Glibc)
    import Glibc
#endif

/// `--data DIR`: the dataset folder (default `$FRONTLINE_DATA`, else `./GeoData`).
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset folder, or a PostgreSQL URL (postgresql://…) holding a ledger pushed with frontline db push (default: $FRONTLINE_DATA, else ./GeoData).", valueName: "DIR|URL"))
    var data: String?

    /// What was given: a folder, or a PostgreSQL URL.
    var source: String {
        if let data { return data }
        return Environment.value("FRONTLINE_DATA") ?? "./GeoData"
    }

    /// True when `source` is a database (`postgresql://…`).
    var isDatabase: Bool { ConnectionURL.isConnectionURL(source) }

    /// The folder to read: `source`, or a database's ledger read into a private folder.
    var directory: String {
        isDatabase ? DatabaseSource.directory(for: source) : source
    }
}

/// `--claims FILE` (repeatable): when given, only these files are the ledger.
struct ClaimsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A claims file; repeat for several. When given, only these files are the ledger.", valueName: "FILE"))
    var claims: [String] = []
}

/// Output formats of tabular commands.
enum TableFormat: String, NamedArgument {
    case table, json, csv
}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Layer: NamedArgument {}

/// What commands that read the ledger share: the data folder, the claim files, `--repair`.
struct LedgerOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @OptionGroup var claims: ClaimsOptions

    @Flag(help: "Make invalid claim polygons valid (GEOS make-valid) and report each repair, instead of refusing them.")
    var repair = false

    @Option(help: ArgumentHelp("Snap claim area within METRES of the theatre's outline to it; boundary that near the outline is not frontline. Default: 1000 for exact claims, 0 for change claims; 0 turns it off.", valueName: "METRES"))
    var snap: Double?

    @Option(help: ArgumentHelp("Keep the prepared theatre and each claim's resolved area in DIR between runs, keyed by their content, so that a run resolves only what changed (default: $\(ResolutionCacheOption.environment); none when unset). Entries are only added, never deleted.", valueName: "DIR"))
    var cache: String?

    func validate() throws {
        if let snap, !(snap.isFinite && snap >= 0 && snap <= 100_000) {
            throw ValidationError("--snap expects metres from 0 to 100000, got \(snap)")
        }
    }

    /// What the command reads: the data folder and the claim files named.
    var inputs: [String] { [data.directory] + claims.claims + (cacheDirectory.map { [$0] } ?? []) }

    /// `--cache`, else `$FRONTLINE_CACHE` when set and not empty.
    var cacheDirectory: String? { cache ?? ResolutionCacheOption.fromEnvironment }

    /// Every file the command reads: the data folder's files and the ledger's claim files.
    var inputFiles: [String] { Dataset.inputFiles(directory: data.directory, claimFiles: claims.claims) }

    /// Loads everything and prints each repair and warning on stderr. With `answering`, for
    /// snapshots and diffs within those dates alone (`Tracker.window`: the claims they read are
    /// resolved, and warned about).
    func tracker(answering dates: ClosedRange<CalendarDate>? = nil) throws -> Tracker {
        let cache = try cacheDirectory.map { directory throws(AtomicFile.WriteError) in try ResolutionCache(directory: directory) }
        let tracker = try Tracker(directory: data.directory, claimFiles: try ConvertedClaims.geoJSON(claims.claims), repair: repair, snap: OutlineSnap(option: snap),
                                  answering: dates, cache: cache)
        if let failure = cache?.writeFailure { Run.printError(failure) }
        for line in tracker.unreadFiles { Run.printError(line) }
        for repair in tracker.ledger.repairs { Run.printError("warning: " + repair) }
        // One line per claim, but a tracker's hundreds of days drawn past the outline say it once.
        let warnings = tracker.warnings
        for warning in warnings.prefix(5) { Run.printError(warning) }
        if warnings.count > 5 { Run.printError("warning: \(warnings.count - 5) more claims lie partly outside the theatre, farther than the --snap tolerance from its outline (clipped)") }
        return tracker
    }
}

/// Where `--cache` comes from when not given.
enum ResolutionCacheOption {
    static let environment = "FRONTLINE_CACHE"

    static var fromEnvironment: String? {
        Environment.value(environment)
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

    @Option(name: .customLong("max-dates"), help: ArgumentHelp("Refuse more dates than N (default: 100000 for timeline, 10000 for export, a file each).", valueName: "N"))
    var maxDates: Int?

    /// The dates the options select in `tracker`'s ledger, refused when the first is before the
    /// baseline or when there are more than `--max-dates` (else `limit`): a mistyped range
    /// (`--to 9999-12-31 --every 1d`) ends in a message, not in hours of work and a full disk.
    func dates(_ tracker: Tracker, limit: Int) throws -> [CalendarDate] {
        try tracker.requireRecorded(from, option: "--from")
        let maximum = maxDates ?? limit
        if let every = everyDays {
            let start = from ?? tracker.baseline.date
            let end = to ?? max(tracker.resolved.map(\.claim.date).max() ?? start, start)
            let count = end < start ? 0 : (end.dayNumber - start.dayNumber) / every + 1
            if count > maximum {
                throw UsageError("--every \(every)d from \(start) to \(end) makes \(count) dates, over the limit of \(maximum); narrow the range, or raise it with --max-dates \(count)")
            }
        }
        let dates = tracker.dates(from: from, to: to, every: everyDays)
        if dates.count > maximum { throw UsageError("\(dates.count) dates, over the limit of \(maximum); narrow the range, or raise it with --max-dates \(dates.count)") }
        return dates
    }

    var everyDays: Int? {
        guard let every else { return nil }
        let digits = every.hasSuffix("d") ? String(every.dropLast()) : every
        return Int(digits)
    }

    func validate() throws {
        if every != nil && onChange { throw ValidationError("--every and --on-change exclude each other") }
        if let every, everyDays == nil || everyDays! < 1 { throw ValidationError("--every expects a number of days such as 7d, got \"\(every)\"") }
        if let from, let to, to < from { throw ValidationError("--to (\(to)) is before --from (\(from))") }
        if let maxDates, maxDates < 1 { throw ValidationError("--max-dates expects a positive number, got \(maxDates)") }
    }
}

extension Tracker {
    /// Refuses a date before the baseline: nothing is recorded then, and answering with the
    /// baseline dated that day would be a silent wrong answer.
    func requireRecorded(_ date: CalendarDate?, option: String) throws {
        if let date, date < baseline.date {
            throw UsageError("\(option) \(date) is before the baseline (\(baseline.date)): nothing is recorded before it")
        }
    }
}

/// Option values that are names (formats, layers), matched in any case as users and scripts
/// type them (`--format GPKG`, GDAL's driver names), with `aliases` for other names.
protocol NamedArgument: ExpressibleByArgument, RawRepresentable, CaseIterable where RawValue == String {
    static var aliases: [String: Self] { get }
}

extension NamedArgument {
    static var aliases: [String: Self] { [:] }

    public init?(argument: String) {
        let name = argument.lowercased()
        guard let value = Self(rawValue: name) ?? Self.aliases[name] else { return nil }
        self = value
    }
}

extension FeatureFormat: ExpressibleByArgument {
    /// GDAL's driver names, lower-cased, where they differ from ours.
    static var aliases: [String: FeatureFormat] {
        ["libkml": .kml, "geopackage": .gpkg, "fgb": .flatgeobuf, "esri shapefile": .shapefile, "shp": .shapefile]
    }

    /// A named format in any case, GDAL's name of one, or any other vector driver of GDAL's
    /// that writes files (`--format GML`, `--format "MapInfo File"`).
    public init?(argument: String) {
        let name = argument.lowercased()
        guard let format = FeatureFormat(rawValue: name) ?? Self.aliases[name] ?? FeatureFormat.gdal(argument) else { return nil }
        self = format
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

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

    /// The dates a tracker may be cut to (`LedgerOptions.tracker(answering:)`): not with
    /// lineage (which reaches back past checkpoints) nor `--known-on` (which drops claims).
    func answering(lineage: Bool = false) -> ClosedRange<CalendarDate>? {
        lineage || knownOn != nil ? nil : date...date
    }
}

/// `--precision N`: decimals of output coordinates, 0 to 15. Fewer than 0 means nothing; more
/// than 15 exceeds what a double holds for a longitude and prints float noise.
struct PrecisionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Round coordinates to N decimals, 0 to 15 (default: every digit; 7 is about 1 cm).", valueName: "N"))
    var precision: Int?

    func validate() throws {
        if let precision, !(0...15).contains(precision) {
            throw ValidationError("--precision expects 0 to 15 decimals, got \(precision)")
        }
    }
}
