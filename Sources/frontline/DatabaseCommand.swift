import ArgumentParser
import FrontlineDatabase
import FrontlineEngine
import FrontlineModel

#if canImport(Glibc)
    import Glibc
#endif

/// `--db URL`: a PostgreSQL connection URL (default `$FRONTLINE_DB`).
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("PostgreSQL connection URL, postgresql://USER[:PASSWORD]@HOST[:PORT]/DB (default: $FRONTLINE_DB). The password is never printed.", valueName: "URL"))
    var db: String?

    var url: String {
        get throws {
            if let db { return db }
            if let environment = Environment.value("FRONTLINE_DB") { return environment }
            throw UsageError("no database: pass --db URL or set FRONTLINE_DB")
        }
    }
}

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "A team's ledger in PostgreSQL with PostGIS: create the schema, push a data folder into it, pull one out, publish snapshot tables.",
        subcommands: [DatabaseInitCommand.self, DatabasePushCommand.self, DatabasePullCommand.self, DatabasePublishCommand.self]
    )
}

struct DatabaseInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the PostGIS extension and the frontline schema (version 1); a database that has it is left as it is."
    )
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try Run.reportingErrors {
            Run.printError("db init: " + (try LedgerDatabase.initialize(try database.url)))
        }
    }
}

struct DatabasePushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Write a data folder into the database in one transaction: all or nothing.",
        discussion: """
            The folder is loaded and checked first, as every command does (a bad claim: exit 1, the database untouched). \
            Regions, actors, settlements, baseline, lines and the folder's other files become the folder's; claims are \
            added, or replaced by id, and the database's other claims stay (a colleague's push is kept). With --replace \
            the database's ledger becomes exactly the folder's. Concurrent pushes land one after the other.
            """
    )
    @OptionGroup var data: DataOptions
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Remove the database's claims that are not in the folder.")
    var replace = false

    func run() throws {
        try Run.reportingErrors {
            let url = try database.url
            let directory = data.directory
            _ = try Tracker(directory: directory)
            Run.printError("db push: " + (try LedgerDatabase.push(directory: directory, to: url, replace: replace)).description)
        }
    }
}

struct DatabasePullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Write the database's ledger as a data folder (byte-identical to a folder pushed in Frontline's form).",
        discussion: "DIR must be new or empty; it appears whole or not at all."
    )
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The folder to create.", valueName: "DIR"))
    var out: String

    func run() throws {
        try Run.reportingErrors {
            if FileIO.exists(out) {
                guard FileIO.isDirectory(out), try FileIO.listDirectory(out).isEmpty else {
                    throw AtomicFile.WriteError(path: out, reason: "already exists and is not an empty folder: pull writes only a new folder")
                }
            }
            let (target, files) = try LedgerDatabase.pull(try database.url)
            try Run.writeDataFolder(files, to: out)
            Run.printError("db pull: \(target): \(files.count) files into \(out)")
        }
    }
}

struct DatabasePublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the timeline's snapshots as tables QGIS animates: frontline_published.control, band, frontline, piece, unlocated.",
        discussion: """
            Each row has date, valid_from and valid_to (DATE; valid_to exclusive): in QGIS, Layer Properties ▸ Temporal, \
            "Separate fields for start and end date/time". The ledger is --data (a folder, or a database: --data URL). \
            The tables are replaced in one transaction; readers see the previous publish or this one.
            """
    )
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var range: DateRangeOptions
    @OptionGroup var database: DatabaseOptions
    @Option(help: "assessed or claimed (the layer of the snapshots).")
    var layer: Layer = .claimed

    func run() throws {
        try Run.reportingErrors {
            let url = try database.url
            let tracker = try ledger.tracker()
            let summary = try LedgerDatabase.publish(tracker, dates: try range.dates(tracker, limit: 10_000), layer: layer, to: url)
            Run.printError("db publish: " + summary.description)
        }
    }
}
