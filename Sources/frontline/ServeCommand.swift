import ArgumentParser
import FrontlineEngine
import FrontlineModel
import FrontlineServer

/// `frontline serve`: the ledger as an OGC API – Features server, reloaded as its files change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger over HTTP: OGC API – Features (control, bands, frontline, pieces, unlocated, claims, regions), /timeline, /diff and a map viewer at /viewer.",
        discussion: """
            Listens on 127.0.0.1:8080 unless told otherwise. Items of the snapshot collections are the state at `datetime` (a date; default: the ledger's latest date). The ledger is reloaded when one of its files changes (checked every --watch seconds) or on SIGHUP; with --data postgresql://…, when a row of the database's frontline schema changes; a ledger that fails to load is reported on stderr and the previous one goes on serving. SIGTERM or SIGINT stop the server once requests under way are answered. One line per request on stderr.
            In QGIS: Layer > Add Layer > Add WFS / OGC API – Features Layer, URL http://127.0.0.1:8080/ . With GDAL: ogrinfo OAPIF:http://127.0.0.1:8080/ (add ?datetime=YYYY-MM-DD for a date).
            """
    )

    @OptionGroup var ledger: LedgerOptions

    @Option(help: ArgumentHelp("Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).", valueName: "ADDRESS"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("TCP port (0: a free one, named on stderr).", valueName: "PORT"))
    var port = 8080

    @Option(name: .customLong("public-url"), help: ArgumentHelp("The URL clients reach the server at, for the links of responses (behind a proxy); default: from each request's Host.", valueName: "URL"))
    var publicURL: String?

    @Option(help: ArgumentHelp("Seconds between checks of the ledger's files (0: reload on SIGHUP only).", valueName: "SECONDS"))
    var watch = 1.0

    @Option(name: .customLong("cache-dates"), help: ArgumentHelp("Snapshots kept in memory (least recently used dropped first).", valueName: "N"))
    var cacheDates = 16

    @Option(name: .customLong("cache-mb"), help: ArgumentHelp("Megabytes of encoded responses kept in memory.", valueName: "MB"))
    var cacheMB = 128

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port expects 0 to 65535, got \(port)") }
        if !(watch.isFinite && watch >= 0 && watch <= 86_400) { throw ValidationError("--watch expects 0 to 86400 seconds, got \(watch)") }
        if !(1...100_000).contains(cacheDates) { throw ValidationError("--cache-dates expects 1 to 100000, got \(cacheDates)") }
        if !(1...1_048_576).contains(cacheMB) { throw ValidationError("--cache-mb expects 1 to 1048576, got \(cacheMB)") }
        if let publicURL, !(publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://")) {
            throw ValidationError("--public-url expects an http:// or https:// URL, got \"\(publicURL)\"")
        }
    }

    func run() async throws {
        try await Run.reportingErrors {
            let options = ledger
            let directory = options.data.directory
            let store = try LedgerStore(directory: directory, inputs: { options.inputFiles }, log: { HTTPServer.log(DatabaseSource.display($0)) }, refresh: DatabaseSource.refresher(options.data)) {
                try options.tracker()
            }
            store.watch(interval: watch)
            let api = FeatureAPI(store: store, cachedDates: cacheDates, cachedBytes: cacheMB << 20)
            let configuration = ServeConfiguration(host: host, port: port, publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
            let version = store.current
            try await HTTPServer.run(api, configuration: configuration) { url in
                HTTPServer.log("frontline serve: listening on \(url) (ledger \(version.id), \(version.tracker.resolved.count) claims, \(version.baselineDate) to \(version.latest)); viewer at \(url)viewer")
            }
            store.stop()
            HTTPServer.log("frontline serve: stopped")
        }
    }
}
