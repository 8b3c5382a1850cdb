import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import GeoJSON
import Geometry

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Turn a tracker's daily map files into exact claims (one per date, controller and status).",
        discussion: """
            Each claim says its controller holds exactly that area of the theatre on that date; what it held \
            elsewhere passes to --ceded-to. A category (--category-field) goes to the first --map PATTERN whose \
            regular expression it contains: PATTERN=CONTROLLER[:STATUS] (status assessed by default; split at the \
            last =), PATTERN=- to drop it. Statuses are cumulative: the claimed claim covers assessed areas too. \
            Without --map, every feature is --controller's, assessed. What is left out is counted on stderr.
            Example: frontline ingest deepstate/*.geojson --out ua/claims/deepstate.geojson --data ua \\
                       --date-from-name '(\\d{8})' --controller RU --ceded-to UA --source-title DeepStateMap
            """
    )

    @Argument(help: ArgumentHelp("Tracker files (any format import reads; - is standard input, GeoJSON), one date each unless --date-field.", valueName: "FILE"))
    var files: [String]

    @Option(help: ArgumentHelp("The claims file to write.", valueName: "FILE"))
    var out: String

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("The date of every file.", valueName: "YYYY-MM-DD"))
    var date: CalendarDate?

    @Option(name: .customLong("date-field"), help: ArgumentHelp("The property holding each feature's date (YYYY-MM-DD…, YYYYMMDD or unix seconds).", valueName: "F"))
    var dateField: String?

    @Option(name: .customLong("date-from-name"), help: ArgumentHelp("A regular expression whose first group in the file name is the date (YYYY-MM-DD, YYYYMMDD or unix seconds, UTC).", valueName: "REGEX"))
    var dateFromName: String?

    @Option(help: ArgumentHelp("The controller of every feature when no --map is given.", valueName: "ACTOR"))
    var controller: String?

    @Option(name: .customLong("ceded-to"), help: ArgumentHelp("Who holds what a controller held outside its area.", valueName: "ACTOR"))
    var cededTo: String

    @Option(name: .customLong("category-field"), help: ArgumentHelp("The property holding each feature's category.", valueName: "F"))
    var categoryField = "name"

    @Option(name: .customLong("map"), help: ArgumentHelp("Category rule; repeatable, first match wins.", valueName: "PATTERN=CONTROLLER[:STATUS]"))
    var maps: [String] = []

    @Option(name: .customLong("source-url"), help: ArgumentHelp("The tracker's URL.", valueName: "URL"))
    var sourceURL: String?

    @Option(name: .customLong("source-title"), help: ArgumentHelp("The tracker's name.", valueName: "TITLE"))
    var sourceTitle: String?

    @Option(help: ArgumentHelp("Who makes the claims (default: the source title).", valueName: "NAME"))
    var claimant: String?

    @Option(name: .customLong("id-prefix"), help: ArgumentHelp("Prefix of the claim ids (DATE-CONTROLLER-N-STATUS follows).", valueName: "P"))
    var idPrefix = "ingest-"

    func validate() throws {
        let sources = [date != nil, dateField != nil, dateFromName != nil].filter { $0 }.count
        guard sources == 1 else { throw ValidationError("give exactly one of --date, --date-field and --date-from-name") }
        guard sourceURL != nil || sourceTitle != nil else { throw ValidationError("give --source-url or --source-title: every claim names its source") }
        guard controller != nil || !maps.isEmpty else { throw ValidationError("give --controller, or --map rules") }
    }

    func run() throws {
        try Run.reportingErrors {
            try OutputPath.refuseInputs(out, inputs: files)
            let dataset = try Dataset.load(data.directory, parts: .actors)
            let dateSource: TrackerIngest.DateSource = date.map { .fixed($0) } ?? dateField.map { .field($0) } ?? .fileName(dateFromName!)
            var ingest = TrackerIngest(
                dateSource: dateSource, controller: controller, cededTo: cededTo, source: Claim.Source(url: sourceURL, title: sourceTitle),
                claimant: claimant ?? sourceTitle ?? sourceURL!, idPrefix: idPrefix)
            ingest.categoryField = categoryField
            ingest.mappings = try maps.map { text throws(DataError) in try TrackerIngest.Mapping(parsing: text) }
            let known = Set(dataset.actors.map(\.id))
            let named = [("--controller", controller), ("--ceded-to", cededTo)] + ingest.mappings.map { ("--map", $0.controller) }
            for case let (option, actor?) in named where !known.contains(actor) {
                throw DataError(file: option, message: "unknown actor \"\(actor)\" (not in \(dataset.path(Dataset.actorsFile)))")
            }
            var inputs: [TrackerIngest.Input] = []
            for file in try StandardInput.files(files) {
                let bytes = try FileIO.read(file)
                inputs.append(TrackerIngest.Input(path: file, bytes: bytes, features: try VectorSource.read(file).features))
            }
            let (claims, summary) = try ingest.claims(inputs)
            try AtomicFile.write(GeoJSONEncoder().encode(claims), to: out)
            for line in summary.lines { Run.printError(line) }
            Run.printError("ingest: \(claims.features.count) claims written to \(OutputPath.described(out))")
        }
    }
}
