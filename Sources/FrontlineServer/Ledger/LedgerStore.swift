import Dispatch
import FrontlineEngine
import FrontlineModel

#if canImport(Glibc)
    import Glibc
#endif

/// The ledger a server answers from, reloaded when its files change (polled every
/// `interval`) or on SIGHUP, without stopping: a new version is loaded beside the current one
/// and swapped in whole once it loads; a ledger that fails to load (a file half-written, a bad
/// claim) is reported and the current version goes on serving.
public final class LedgerStore: Sendable {
    public typealias Loader = @Sendable () throws -> Tracker

    private struct State {
        var version: LedgerVersion
        var stamps: [FileStamp]
        /// The stamps of the last load that failed, so that one bad file is reported once.
        var failedStamps: [FileStamp]?
    }

    private let state: Locked<State>
    private let load: Loader
    private let inputs: @Sendable () -> [String]
    private let directory: String
    private let log: @Sendable (String) -> Void
    /// Run before each poll and reload, on the watch queue: brings the files up to date with
    /// their source when they mirror one (a database).
    private let refresh: (@Sendable () -> Void)?
    private let queue = DispatchQueue(label: "frontline.ledger-watch")
    private let sources = Locked<[WatchSource]>([])

    /// Loads the ledger now (throwing its error: a server does not start on a bad ledger).
    /// `inputs` lists the files to watch and hash, read again at each poll (a new claim file).
    public init(directory: String, inputs: @escaping @Sendable () -> [String], log: @escaping @Sendable (String) -> Void,
                refresh: (@Sendable () -> Void)? = nil, load: @escaping Loader) throws {
        self.directory = directory
        self.refresh = refresh
        self.inputs = inputs
        self.log = log
        self.load = load
        let files = inputs()
        let stamps = files.map(FileStamp.init)
        let version = LedgerVersion(tracker: try load(), id: LedgerVersion.digest(of: files, directory: directory))
        state = Locked(State(version: version, stamps: stamps, failedStamps: nil))
    }

    /// The version a request answers from.
    public var current: LedgerVersion { state.withLock { $0.version } }

    /// Loads the ledger again if a file changed (or always, with `force`); true when a new
    /// version was swapped in.
    @discardableResult
    public func reload(force: Bool = false) -> Bool {
        refresh?()
        let files = inputs()
        let stamps = files.map(FileStamp.init)
        let (unchanged, failedBefore) = state.withLock { ($0.stamps == stamps, $0.failedStamps == stamps) }
        if !force && (unchanged || failedBefore) { return false }
        let old = current.id
        do {
            let tracker = try load()
            let version = LedgerVersion(tracker: tracker, id: LedgerVersion.digest(of: files, directory: directory))
            state.withLock { $0 = State(version: version, stamps: stamps, failedStamps: nil) }
            if version.id != old { log("frontline serve: ledger \(version.id) loaded (was \(old)), \(tracker.resolved.count) claims") }
            return version.id != old
        } catch {
            state.withLock { $0.failedStamps = stamps }
            log("frontline serve: the ledger did not reload; still serving \(old): \(String(describing: error).oneLine)")
            return false
        }
    }

    /// Polls the files every `interval` seconds (0: never) and reloads on SIGHUP, on a queue of
    /// its own so that a long load never holds a request. The handlers hold the store until
    /// `stop()` cancels them. Not weakly: a weak reference's side table is pointed to only from
    /// the object's reference count once the handlers are gone, and LeakSanitizer reported it as
    /// a leak when `serve` ended (now and then, as cancellation raced the exit).
    public func watch(interval: Double) {
        var made: [WatchSource] = []
        if interval > 0 {
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.schedule(deadline: .now() + interval, repeating: interval)
            timer.setEventHandler { self.reload() }
            timer.resume()
            made.append(WatchSource(source: timer))
        }
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hangup.setEventHandler {
            self.log("frontline serve: SIGHUP: reloading the ledger")
            self.reload(force: true)
        }
        hangup.resume()
        made.append(WatchSource(source: hangup))
        sources.withLock { $0 += made }
    }

    /// Stops watching.
    public func stop() {
        sources.withLock { list in
            for item in list { item.source.cancel() }
            list = []
        }
    }
}

/// A dispatch source held by the store: sources are thread-safe objects that Dispatch does not
/// mark `Sendable`.
private struct WatchSource: @unchecked Sendable {
    let source: any DispatchSourceProtocol
}

/// What tells a file changed without reading it: size, modification time, inode (a file
/// replaced by rename has a new one); all zero for a missing file.
struct FileStamp: Equatable, Sendable {
    var path: String
    var size: Int64 = 0
    var seconds: Int = 0
    var nanoseconds: Int = 0
    var inode: UInt64 = 0

    init(_ path: String) {
        self.path = path
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        size = Int64(status.st_size)
        seconds = status.st_mtim.tv_sec
        nanoseconds = status.st_mtim.tv_nsec
        inode = UInt64(status.st_ino)
    }
}
