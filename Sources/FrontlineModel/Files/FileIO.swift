import GeoJSON
import Geometry

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading inputs and writing outputs safely.
public enum FileIO {
    /// Inputs larger than this are refused before reading; override with `FRONTLINE_MAX_INPUT_MB`.
    public static var maximumInputBytes: Int {
        if let text = Environment.value("FRONTLINE_MAX_INPUT_MB"), let megabytes = Int(text), megabytes > 0 {
            return megabytes << 20
        }
        return 1024 << 20
    }

    /// Throws what `read` would for a path that is not a readable regular file (missing, a
    /// folder, a FIFO or device), for readers that open the file themselves (GDAL).
    public static func checkReadable(_ path: String) throws(DataError) {
        close(try openRegularFile(path).descriptor)
    }

    /// `path` opened for reading, with its status; refused unless it is a regular file.
    static func openRegularFile(_ path: String) throws(DataError) -> (descriptor: Int32, status: stat) {
        // Non-blocking, so that opening a FIFO without a writer returns at once and is refused
        // below instead of hanging the command; regular files ignore the flag.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw DataError(file: path, message: "cannot open: \(errnoMessage())") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = errnoMessage()
            close(descriptor)
            throw DataError(file: path, message: "cannot read: \(message)")
        }
        if let kind = nonRegularKind(status.st_mode) {
            close(descriptor)
            throw DataError(file: path, message: "is \(kind), not a regular file; inputs are read from files only")
        }
        return (descriptor, status)
    }

    /// The whole file as bytes. Throws a `DataError` naming the file for anything that stops it
    /// (missing, a folder, a FIFO or device, unreadable, over the size limit).
    public static func read(_ path: String) throws(DataError) -> [UInt8] {
        let (descriptor, status) = try openRegularFile(path)
        defer { close(descriptor) }
        let size = Int(status.st_size)
        let limit = maximumInputBytes
        if size > limit {
            throw DataError(file: path, message: "file is \(size >> 20) MB, over the \(limit >> 20) MB input limit; raise it with FRONTLINE_MAX_INPUT_MB=\((size >> 20) + 1) if this is intended")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + offset, size - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw DataError(file: path, message: "cannot read: \(errnoMessage())")
            }
            if count == 0 { break }
            offset += count
        }
        if offset < size { bytes.removeLast(size - offset) }
        // Files that grow while read (pipes, /proc) are read to their end, still within the limit.
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, 65536) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw DataError(file: path, message: "input is over the \(limit >> 20) MB input limit; raise it with FRONTLINE_MAX_INPUT_MB if this is intended")
            }
        }
        return bytes
    }

    /// "a folder", "a FIFO", "a device", "a socket" for what is not a regular file, else nil.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    /// True when `path` exists (file or folder).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a folder, sorted bytewise (deterministic whatever the file system returns).
    public static func listDirectory(_ path: String) throws(DataError) -> [String] {
        guard let directory = opendir(path) else { throw DataError(file: path, message: "cannot list folder: \(errnoMessage())") }
        defer { closedir(directory) }
        var names: [String] = []
        // d_name is read in place, as a C string: glibc allocates each entry only as long as its
        // name, so copying the 256-byte field out would read past the end of the entry.
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        while let entry = readdir(directory) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func errnoMessage() -> String {
        String(cString: strerror(errno))
    }
}

/// Folders for outputs.
public enum DataFolder {
    /// Creates `path` and its parents when missing.
    public static func create(_ path: String) throws(AtomicFile.WriteError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if FileIO.isDirectory(current) { continue }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw AtomicFile.WriteError(path: path, reason: FileIO.errnoMessage())
            }
        }
    }
}
