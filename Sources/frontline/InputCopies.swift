import FrontlineModel

#if canImport(Glibc)
    import Glibc
#endif

/// Private copies of inputs that the usual readers read as files (standard input's bytes, a
/// claims layer of another format as GeoJSON): one folder per process, removed at exit, and
/// each copy's path shown as what the user named (`display`), never as the copy.
enum InputCopies {
    private static let folder = Locked<String?>(nil)
    private static let copies = Locked<[(copy: String, shown: String)]>([])

    /// Writes `bytes` as a new copy named `name` in the process's private folder, to be shown
    /// as `shown` in every message.
    static func write(_ bytes: [UInt8], name: String, shownAs shown: String) throws -> String {
        let directory = try folder.withLock { folder throws -> String in
            if let folder { return folder }
            let made = try AtomicFolder.makePrivate(prefix: "frontline-input", what: "a copy of the input")
            folder = made
            atexit { InputCopies.remove() }
            return made
        }
        // Two inputs of one name are two copies: the second and later are numbered (the first
        // keeps its name, which ingest records as the file's).
        let path = copies.withLock { copies in
            copies.contains { $0.copy == directory + "/" + name } ? directory + "/\(copies.count)-" + name : directory + "/" + name
        }
        try AtomicFile.write(bytes, to: path)
        copies.withLock { $0.append((path, shown)) }
        return path
    }

    /// The copy made for `shown`, if there is one.
    static func copy(of shown: String) -> String? {
        copies.withLock { copies in copies.first { $0.shown == shown }?.copy }
    }

    /// A line with each copy's path shown as what it stands for.
    static func display(_ line: String) -> String {
        copies.withLock { copies in copies.reduce(line) { $0.replacing($1.copy, with: $1.shown) } }
    }

    static func remove() {
        for (copy, _) in copies.withLock({ $0 }) { unlink(copy) }
        if let folder = folder.withLock({ $0 }) { rmdir(folder) }
    }
}
