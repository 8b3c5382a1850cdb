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
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/frontline-db-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw AtomicFile.WriteError(path: base, reason: "cannot make a folder for the database's ledger: \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: made)
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
