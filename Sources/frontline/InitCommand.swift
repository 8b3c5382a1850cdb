import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import GeoJSON
import Geometry

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a data folder: regions, actors, and a baseline in which one controller holds every region.",
        discussion: """
            The baseline gives each region to --controller, less the areas of each --held FILE=ACTOR (polygons in \
            any format import reads), which go to that actor. settlements.geojson and lines.geojson are optional; \
            claims go in DIR/claims/ (see frontline ingest). DIR must be new or empty.
            Example: frontline init ua --regions ukraine-regions.geojson --date 2024-01-01 \\
                       --controller UA --actor UA=Ukraine:#0057b7 --actor RU=Russia:#d52b1e
            """
    )

    @Argument(help: ArgumentHelp("The folder to create.", valueName: "DIR"))
    var directory: String

    @Option(help: ArgumentHelp("A regions file (as frontline import writes: string ids, name, country, level).", valueName: "FILE"))
    var regions: String

    @Option(help: ArgumentHelp("Who holds the regions at the baseline date.", valueName: "ACTOR"))
    var controller: String

    @Option(name: .customLong("actor"), help: ArgumentHelp("An actor; repeat for each. Colours default to a palette.", valueName: "ID=NAME[:#RRGGBB]"))
    var actors: [String] = []

    @Option(name: .customLong("held"), help: ArgumentHelp("Polygons held by ACTOR at the baseline date; repeatable.", valueName: "FILE=ACTOR"))
    var held: [String] = []

    @Option(help: ArgumentHelp("The baseline's date.", valueName: "YYYY-MM-DD"))
    var date: CalendarDate

    @Option(help: ArgumentHelp("What the folder follows, as the viewer's title shows it (dataset.json).", valueName: "TITLE"))
    var title: String?

    @Option(help: ArgumentHelp("A sentence on what it covers (dataset.json).", valueName: "TEXT"))
    var description: String?

    @Option(help: ArgumentHelp("Who drew its regions and places, for the maps' credit line (dataset.json).", valueName: "TEXT"))
    var attribution: String?

    func run() throws {
        try Run.reportingErrors {
            if FileIO.exists(directory) {
                guard FileIO.isDirectory(directory), try FileIO.listDirectory(directory).isEmpty else {
                    throw DataError(file: directory, message: "already exists and is not an empty folder: init writes only a new folder")
                }
            }
            var actorList: [Actor] = []
            for (index, text) in actors.enumerated() {
                let actor = try DataFolderSetup.actor(parsing: text, index: index)
                guard !actorList.contains(where: { $0.id == actor.id }) else { throw DataError(file: "--actor", message: "\"\(actor.id)\" is given twice") }
                actorList.append(actor)
            }
            if !actorList.contains(where: { $0.id == controller }) {
                actorList.append(Actor(id: controller, name: controller, color: DataFolderSetup.palette[actorList.count % DataFolderSetup.palette.count]))
            }
            var heldAreas: [DataFolderSetup.Held] = []
            for text in held {
                guard let equals = text.lastIndex(of: "="), equals != text.startIndex else {
                    throw DataError(file: "--held", message: "expected FILE=ACTOR, got \"\(text)\"")
                }
                let file = String(text[..<equals]), actor = String(text[text.index(after: equals)...])
                let polygons = try VectorSource.read(file).features.flatMap { $0.geometry?.polygons ?? [] }
                guard !polygons.isEmpty else { throw DataError(file: file, message: "no polygon to hold") }
                heldAreas.append(DataFolderSetup.Held(file: file, actor: actor, geometry: .multiPolygon(polygons)))
            }
            if title == nil && (description != nil || attribution != nil) {
                throw UsageError("--description and --attribution go in dataset.json with a --title: give one")
            }
            for (option, text) in [("--title", title), ("--description", description), ("--attribution", attribution)] where text?.allSatisfy(\.isWhitespace) == true {
                throw UsageError("\(option) must not be empty")
            }
            let info = title.map { DatasetInfo(title: $0, description: description, attribution: attribution) }
            let setup = DataFolderSetup(regions: try Dataset.loadRegions(regions), actors: actorList, controller: controller, held: heldAreas, date: date, info: info)
            let files = try setup.files()
            try Run.writeDataFolder(files, to: directory)
            Run.printError("init: \(directory): \(setup.regions.count) regions, \(actorList.count) actors, baseline \(date)")
        }
    }
}
