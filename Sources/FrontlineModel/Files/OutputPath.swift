#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an output named on the command line really goes: symbolic links followed to their
/// target (a link is written through, never replaced), and what is there, which decides how it
/// may be written. The one place every output path is resolved (files and folders alike).
public struct OutputPath: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Nothing there yet.
        case missing
        /// A regular file, which is replaced atomically.
        case file
        /// A character device, FIFO or socket, written as it is.
        case stream
    }

    /// The resolved path.
    public var path: String
    public var kind: Kind

    /// `--out -`: standard output, written as a stream whatever it is (a pipe, a terminal, a
    /// file the shell opened), never replaced.
    public static let standardOutputName = "-"
    static let standardOutputDevice = "/dev/stdout"

    /// An output path for messages: "standard output" for `-`.
    public static func described(_ path: String) -> String { path == standardOutputName ? "standard output" : path }

    /// Resolves `path`; refuses a folder, a block device and a chain of links that does not end.
    public init(_ path: String) throws(AtomicFile.WriteError) {
        if path == Self.standardOutputName {
            (self.path, kind) = (Self.standardOutputDevice, .stream)
            return
        }
        var status = stat()
        // stat follows links, /proc's magic ones too (/dev/stdout → /proc/self/fd/1 → a pipe).
        guard stat(path, &status) == 0 else {
            // Nothing there, or a dangling link: the file is created where the link points.
            (self.path, kind) = (try Self.followingLinks(path), .missing)
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: (self.path, kind) = (Self.canonical(path) ?? path, .file)
        // Opened by the name given: a magic link has no path to resolve to.
        case S_IFCHR, S_IFIFO, S_IFSOCK: (self.path, kind) = (path, .stream)
        case S_IFDIR: throw AtomicFile.WriteError(path: path, reason: "is a folder; name a file")
        case S_IFBLK: throw AtomicFile.WriteError(path: path, reason: "is a block device; refusing to write over a disk")
        default: throw AtomicFile.WriteError(path: path, reason: "is not a regular file")
        }
    }

    /// `path` with every symbolic link along the last component followed (a dangling link gives
    /// the path it points to, so the file is created there).
    public static func followingLinks(_ path: String) throws(AtomicFile.WriteError) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { throw AtomicFile.WriteError(path: path, reason: FileIO.errnoMessage()) }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : AtomicFile.directory(of: current) + "/" + target
        }
        throw AtomicFile.WriteError(path: path, reason: "too many levels of symbolic links")
    }

    /// Refuses an output that is one of the command's `inputs` (the same file, however named),
    /// or, for a folder output, a folder that is or holds one of them: writing there would
    /// replace or delete what the command reads.
    public static func refuseInputs(_ output: String, inputs: [String], folder: Bool = false) throws(AtomicFile.WriteError) {
        guard let out = canonical(output) else { return }
        for input in inputs {
            guard let canonicalInput = canonical(input) else { continue }
            if canonicalInput == out {
                throw AtomicFile.WriteError(path: output, reason: "is an input of this command (\(input)); choose another output")
            }
            if folder, canonicalInput.hasPrefix(out == "/" ? "/" : out + "/") {
                throw AtomicFile.WriteError(path: output, reason: "holds an input of this command (\(input)); choose another folder")
            }
        }
    }

    /// The absolute path with links and `..` resolved (`realpath`), nil when it does not exist.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
