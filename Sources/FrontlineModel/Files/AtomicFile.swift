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
        public init(path: String, reason: String) { (self.path, self.reason) = (path, reason) }
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let temporary = try createTemporary(near: path)
        do throws(WriteError) {
            try writeAll(bytes, to: temporary.descriptor, path: path)
            guard fsync(temporary.descriptor) == 0 else { throw WriteError(path: path, reason: FileIO.errnoMessage()) }
            close(temporary.descriptor)
            // mkstemp creates 0600; outputs are ordinary files.
            chmod(temporary.path, 0o644)
            guard rename(temporary.path, path) == 0 else { throw WriteError(path: path, reason: FileIO.errnoMessage()) }
        } catch {
            close(temporary.descriptor)
            unlink(temporary.path)
            throw error
        }
    }

    /// Lets `produce` write a file at a temporary path in the target folder (for writers that
    /// need a path, such as SQLite), then renames it over `path`; on failure removes it.
    public static func produce(_ path: String, _ produce: (String) throws -> Void) throws {
        let temporary = try createTemporary(near: path)
        close(temporary.descriptor)
        do {
            try produce(temporary.path)
            let descriptor = open(temporary.path, O_RDONLY)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
            chmod(temporary.path, 0o644)
            guard rename(temporary.path, path) == 0 else { throw WriteError(path: path, reason: FileIO.errnoMessage()) }
        } catch {
            unlink(temporary.path)
            throw error
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

    static func createTemporary(near path: String) throws(WriteError) -> (path: String, descriptor: Int32) {
        let folder = directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? "output"
        var template = Array("\(folder)/.\(name).frontline-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, reason: FileIO.errnoMessage()) }
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
                throw WriteError(path: path, reason: FileIO.errnoMessage())
            }
            offset += written
        }
    }
}
