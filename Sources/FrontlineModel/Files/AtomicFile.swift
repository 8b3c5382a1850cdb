import GeoJSON
import Geometry

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes that never leave a partial file: the bytes go to a hidden temporary file in the target
/// folder, are flushed to disk, and only then renamed over the target (rename is atomic within a
/// file system). On any failure the temporary file is removed and the target is untouched.
public enum AtomicFile {
    /// An error writing an output; names the file and the reason.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// The reader went away (EPIPE: `| head`), which ends a command quietly, not as an error.
        public var closedPipe = false
        public init(path: String, reason: String) { (self.path, self.reason) = (path, reason) }
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Writes `bytes` to `path`: through a symbolic link to its target; straight into a
    /// character device, FIFO or socket (`/dev/stdout`, a pipe), which cannot be replaced;
    /// otherwise atomically, by a rename over a regular file or into a new name. A folder or a
    /// block device is refused.
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        do {
            try write(to: path) { append in try append(bytes) }
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(path: path, reason: "\(error)")  // unreachable: only appends throw
        }
    }

    /// `write` of what `produce` appends piece by piece, so that a large output is never held
    /// whole: into the stream, or into the temporary file renamed into place once all is there
    /// (removed if `produce` or an append throws).
    public static func write(to path: String, _ produce: (_ append: ([UInt8]) throws(WriteError) -> Void) throws -> Void) throws {
        let target = try OutputPath(path)
        switch target.kind {
        case .stream: try writeStream(to: target.path, reported: path, produce)
        case .file, .missing: try replace(target.path, reported: path, produce)
        }
    }

    /// The atomic write: a temporary file beside `path`, flushed, then renamed over it.
    static func replace(_ path: String, reported: String, _ produce: (([UInt8]) throws(WriteError) -> Void) throws -> Void) throws {
        let temporary = try createTemporary(near: path, reported: reported)
        do {
            try produce { bytes throws(WriteError) in try writeAll(bytes, to: temporary.descriptor, path: reported) }
            guard fsync(temporary.descriptor) == 0 else { throw WriteError(path: reported, reason: FileIO.errnoMessage()) }
            close(temporary.descriptor)
            // mkstemp creates 0600; outputs are ordinary files.
            chmod(temporary.path, 0o644)
            guard rename(temporary.path, path) == 0 else { throw WriteError(path: reported, reason: FileIO.errnoMessage()) }
        } catch {
            close(temporary.descriptor)
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes what `produce` appends into a device, FIFO or socket as it is (no truncation, no
    /// rename).
    static func writeStream(to path: String, reported: String, _ produce: (([UInt8]) throws(WriteError) -> Void) throws -> Void) throws {
        let descriptor = try openStream(path, reported: reported)
        defer { close(descriptor) }
        try produce { bytes throws(WriteError) in try writeAll(bytes, to: descriptor, path: reported) }
    }

    static func openStream(_ path: String, reported: String) throws(WriteError) -> Int32 {
        // Standard output is written where the shell left it (its offset, O_APPEND), not reopened.
        let descriptor = path == OutputPath.standardOutputDevice ? dup(STDOUT_FILENO) : open(path, O_WRONLY | O_NOCTTY)
        guard descriptor >= 0 else { throw WriteError(path: reported, reason: FileIO.errnoMessage()) }
        return descriptor
    }

    /// Lets `produce` write a file at a temporary path (for writers that need a path, such as
    /// SQLite), then puts it at `path` as `write` would; on failure removes it.
    public static func produce(_ path: String, _ produce: (String) throws -> Void) throws {
        let target = try OutputPath(path)
        // A stream gets the finished file's bytes; the file is made in the temporary folder.
        let near = target.kind == .stream ? temporaryFolder + "/" + (path.split(separator: "/").last.map(String.init) ?? "output") : target.path
        let temporary = try createTemporary(near: near, reported: path)
        close(temporary.descriptor)
        do {
            try produce(temporary.path)
            if target.kind == .stream {
                let bytes = try FileIO.read(temporary.path)
                try writeStream(to: target.path, reported: path) { append in try append(bytes) }
                unlink(temporary.path)
                return
            }
            let descriptor = open(temporary.path, O_RDONLY)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
            chmod(temporary.path, 0o644)
            guard rename(temporary.path, target.path) == 0 else { throw WriteError(path: path, reason: FileIO.errnoMessage()) }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    public static var temporaryFolder: String {
        Environment.value("TMPDIR") ?? "/tmp"
    }

    /// A file written piece by piece, for outputs too large to hold: the pieces go to a hidden
    /// temporary file beside `path` and are hashed as they pass; `commit` flushes and renames it
    /// into place, and a stream dropped without `commit` removes it.
    public final class Stream {
        public let path: String
        private let temporary: (path: String, descriptor: Int32)
        private var open = true
        public private(set) var byteCount = 0
        private var hasher = SHA256()

        /// A new regular file at `path` (an export's staging folder: no links to follow there).
        public init(_ path: String) throws(WriteError) {
            self.path = path
            temporary = try createTemporary(near: path, reported: path)
        }

        public func append(_ bytes: [UInt8]) throws(WriteError) {
            try writeAll(bytes, to: temporary.descriptor, path: path)
            hasher.update(bytes)
            byteCount += bytes.count
        }

        /// The SHA-256 of what was appended, in hex.
        public var sha256: String { hasher.hexDigest() }

        public func commit() throws(WriteError) {
            guard fsync(temporary.descriptor) == 0 else { throw WriteError(path: path, reason: FileIO.errnoMessage()) }
            close(temporary.descriptor)
            open = false
            chmod(temporary.path, 0o644)
            guard rename(temporary.path, path) == 0 else {
                unlink(temporary.path)
                throw WriteError(path: path, reason: FileIO.errnoMessage())
            }
        }

        deinit {
            if open {
                close(temporary.descriptor)
                unlink(temporary.path)
            }
        }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// The folder part of a path ("." when there is none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func createTemporary(near path: String, reported: String) throws(WriteError) -> (path: String, descriptor: Int32) {
        let folder = directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? "output"
        var template = Array("\(folder)/.\(name).frontline-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: reported, reason: FileIO.errnoMessage()) }
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (temporaryPath, descriptor)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(WriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                var error = WriteError(path: path, reason: FileIO.errnoMessage())
                error.closedPipe = errno == EPIPE
                throw error
            }
            offset += written
        }
    }
}
