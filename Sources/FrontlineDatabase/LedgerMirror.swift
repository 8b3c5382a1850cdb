import FrontlineModel
import PostgreSQL

#if canImport(Glibc)
    import Glibc
#endif

extension LedgerDatabase {
    /// The database's ledger as a private data folder (`pull`'s files in a new folder under
    /// `$TMPDIR`), so that every command reads a database exactly as it reads a folder: the
    /// same loaders, the same checks, the same answers. The caller removes it.
    public static func mirror(_ url: String) throws -> (target: String, directory: String) {
        let (target, files) = try pull(url)
        let directory = try AtomicFolder.makePrivate(prefix: "frontline-db", what: "the database's ledger")
        do {
            try DataFolder.create(directory + "/" + Dataset.claimsFolder)
            for file in files { try AtomicFile.write(file.bytes, to: directory + "/" + file.name) }
        } catch {
            AtomicFolder.removeTree(directory)
            throw error
        }
        return (target, directory)
    }
}

extension LedgerDatabase {
    /// A number that moves whenever a row of the `frontline` schema is inserted, updated or
    /// deleted (PostgreSQL's table statistics, flushed when a writing session commits, at most
    /// about once a second, or ends): cheap to poll, so that a mirror is pulled again only after
    /// a change.
    public static func changeCounter(_ url: String) throws -> String {
        let connection = try connect(url)
        return try run(connection) {
            let rows = try connection.execute("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::text FROM pg_stat_user_tables WHERE schemaname = 'frontline'").values
            return rows.first?.first.flatMap { $0 } ?? "0"
        }
    }

    /// Pulls `url` again into the mirror `directory`: each file whose bytes changed is replaced
    /// (atomically, one by one), files no longer in the database are removed. True when
    /// anything changed.
    @discardableResult
    public static func refreshMirror(_ url: String, directory: String) throws -> Bool {
        let (_, files) = try pull(url)
        var changed = false
        var kept: Set<String> = []
        for file in files {
            kept.insert(file.name)
            let path = directory + "/" + file.name
            if FileIO.exists(path), let old = try? FileIO.read(path), old == file.bytes { continue }
            try AtomicFile.write(file.bytes, to: path)
            changed = true
        }
        for folder in ["", Dataset.claimsFolder + "/"] {
            for name in (try? FileIO.listDirectory(directory + "/" + folder)) ?? [] where !kept.contains(folder + name) {
                let path = directory + "/" + folder + name
                // Only what a pull writes: files, not the claims folder.
                guard !FileIO.isDirectory(path) else { continue }
                unlink(path)
                changed = true
            }
        }
        return changed
    }
}
