import FrontlineModel

#if canImport(Glibc)
    import Glibc
#endif

/// `-` as an input file (`area -`, `validate -`, `ingest -`): standard input, read once to its
/// end into a private file that the usual readers then read as any file (they need a regular
/// file: a pipe cannot be measured, mapped or read twice). Messages name it "standard input";
/// the file is removed when the process ends.
enum StandardInput {
    static let argument = "-"
    private static let saved = Locked<String?>(nil)

    /// The files to read for `arguments`, with `-` replaced by standard input's copy.
    static func files(_ arguments: [String]) throws -> [String] {
        try arguments.map { $0 == argument ? try path() : $0 }
    }

    /// Standard input's copy (a GeoJSON file), made on first use.
    static func path() throws -> String {
        if let known = saved.withLock({ $0 }) { return known }
        let folder = try AtomicFolder.makePrivate(prefix: "frontline-stdin", what: "standard input")
        atexit { StandardInput.remove() }
        let path = folder + "/standard-input.geojson"
        saved.withLock { $0 = path }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw DataError(file: "standard input", message: "cannot read: \(String(cString: strerror(errno)))")
            }
            bytes += buffer[0..<count]
        }
        try AtomicFile.write(bytes, to: path)
        return path
    }

    /// A line with the copy's path shown as "standard input".
    static func display(_ line: String) -> String {
        guard let path = saved.withLock({ $0 }) else { return line }
        return line.replacing(path, with: "standard input")
    }

    static func remove() {
        guard let path = saved.withLock({ $0 }) else { return }
        unlink(path)
        rmdir(String(path[..<path.lastIndex(of: "/")!]))
    }
}
