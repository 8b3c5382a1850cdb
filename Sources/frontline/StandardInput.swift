import FrontlineModel

#if canImport(Glibc)
    import Glibc
#endif

/// `-` as an input file (`area -`, `validate -`, `ingest -`): standard input, read once to its
/// end into a private file that the usual readers then read as any file (they need a regular
/// file: a pipe cannot be measured, mapped or read twice). Messages name it "standard input"
/// (`InputCopies`).
enum StandardInput {
    static let argument = "-"
    static let shown = "standard input"

    /// The files to read for `arguments`, with `-` replaced by standard input's copy.
    static func files(_ arguments: [String]) throws -> [String] {
        try arguments.map { $0 == argument ? try path() : $0 }
    }

    /// Standard input's copy (a GeoJSON file), made on first use (`InputCopies`).
    static func path() throws -> String {
        if let known = InputCopies.copy(of: shown) { return known }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw DataError(file: shown, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            bytes += buffer[0..<count]
        }
        return try InputCopies.write(bytes, name: "standard-input.geojson", shownAs: shown)
    }
}
