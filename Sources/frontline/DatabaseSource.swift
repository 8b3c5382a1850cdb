import Foundation
import FrontlineDatabase
import FrontlineModel
import FrontlineServer
import PostgreSQL

#if canImport(Glibc)
    import Glibc
#endif

/// `--data postgresql://…`: the database's ledger, read once per run into a private folder that
/// every command then reads as it reads any folder. Messages name the database (password
/// masked), not the folder; the folder is removed when the process ends.
enum DatabaseSource {
    struct Mirror {
        var url: String
        var target: String
        var directory: String
    }

    static let mirrors = Locked<[Mirror]>([])

    /// Why a database could not be read: `Run.report` reports it in place of what followed
    /// (the loaders' "data folder not found" for the URL).
    static let failure = Locked<(any Error)?>(nil)

    /// The folder holding `url`'s ledger. When the database cannot be read, the URL itself is
    /// returned (no such folder: the command's load fails) and the reason is kept for
    /// `Run.report`, so that no command exits from deep within its options.
    static func directory(for url: String) -> String {
        if let known = mirrors.withLock({ $0.first { $0.url == url } }) { return known.directory }
        do {
            let (target, directory) = try LedgerDatabase.mirror(url)
            mirrors.withLock { list in
                if list.isEmpty { atexit { DatabaseSource.removeAll() } }
                list.append(Mirror(url: url, target: target, directory: directory))
            }
            return directory
        } catch {
            failure.withLock { $0 = $0 ?? error }
            return url
        }
    }

    /// A line with each mirror folder's path shown as its database.
    static func display(_ line: String) -> String {
        mirrors.withLock { list in
            list.reduce(line) { text, mirror in text.replacingOccurrences(of: mirror.directory, with: mirror.target) }
        }
    }

    /// For `serve --data URL`: a refresh that pulls the database into its mirror again when its
    /// change counter moved (`LedgerDatabase.changeCounter`); nil for a folder. A database that
    /// cannot be read is reported once and the mirror, and so the ledger served, stays as it was.
    static func refresher(_ data: DataOptions) -> (@Sendable () -> Void)? {
        guard data.isDatabase else { return nil }
        let url = data.source
        let directory = data.directory
        let last = Locked<(counter: String?, failed: Bool)>((nil, false))
        return {
            do {
                let counter = try LedgerDatabase.changeCounter(url)
                guard last.withLock({ $0.counter != counter || $0.failed }) else { return }
                try LedgerDatabase.refreshMirror(url, directory: directory)
                last.withLock { $0 = (counter, false) }
            } catch {
                let first = last.withLock { state in
                    defer { state.failed = true }
                    return !state.failed
                }
                if first { HTTPServer.log("frontline serve: cannot read the database; still serving the ledger read before: \(display(String(describing: error)).oneLine)") }
            }
        }
    }

    static func removeAll() {
        for mirror in mirrors.withLock({ $0 }) { AtomicFolder.removeTree(mirror.directory) }
    }
}
