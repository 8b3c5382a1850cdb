import GeoJSON
import Geometry

#if canImport(Glibc)
    import Glibc
#endif

/// Replacing a whole output folder so that a failure never leaves a half-written set: the new
/// set is built in a hidden temporary folder beside the target, then exchanged with the old one
/// in one atomic `renameat2(RENAME_EXCHANGE)` (Linux ≥ 3.15), and only then is the old set
/// deleted. Killed at any moment, the target holds either the whole old set or the whole new one.
public enum AtomicFolder {
    /// The prefix of staging folders for `target` made by process `pid`.
    static func stagingPrefix(for target: String, pid: Int32? = nil) -> (parent: String, prefix: String) {
        let parent = AtomicFile.directory(of: target)
        let name = target.split(separator: "/").last.map(String.init) ?? "out"
        return (parent, ".\(name).frontline-" + (pid.map { "\($0)-" } ?? ""))
    }

    /// A new private folder (0700, `mkdtemp`) named `PREFIX-XXXXXX` in the temporary folder
    /// (`$TMPDIR`, else /tmp), for a process's own copies (a database's ledger, standard input);
    /// `what` names it in the error.
    public static func makePrivate(prefix: String, what: String) throws(AtomicFile.WriteError) -> String {
        var template = Array((AtomicFile.temporaryFolder + "/" + prefix + "-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw AtomicFile.WriteError(path: AtomicFile.temporaryFolder, reason: "cannot make a folder for \(what): \(FileIO.errnoMessage())")
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// A fresh hidden folder next to `target` (same file system, so renames are atomic), named
    /// with this process's id so that an interrupted run's leftovers can be recognized.
    public static func makeStaging(for target: String) throws(AtomicFile.WriteError) -> String {
        let target = try OutputPath.followingLinks(target)
        let (parent, prefix) = stagingPrefix(for: target, pid: getpid())
        try DataFolder.create(parent)
        removeStale(for: target)
        var template = Array("\(parent)/\(prefix)XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw AtomicFile.WriteError(path: target, reason: FileIO.errnoMessage())
        }
        let staging = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkdtemp makes it private (0700); once swapped in it is an ordinary output folder.
        chmod(staging, 0o755)
        return staging
    }

    /// Puts `staging` in place of `target` and removes what `target` held before.
    public static func commit(_ staging: String, to target: String) throws(AtomicFile.WriteError) {
        // A link to a folder is written through: its target is exchanged, the link stays.
        let target = try OutputPath.followingLinks(target)
        if FileIO.exists(target) {
            guard FileIO.isDirectory(target) else {
                throw AtomicFile.WriteError(path: target, reason: "exists and is not a folder")
            }
            if let exchange = renameExchange, exchange(AT_FDCWD, staging, AT_FDCWD, target, 2 /* RENAME_EXCHANGE */) == 0 {
                removeTree(staging)
                return
            }
            // No atomic exchange (old kernel or file system): move the old set aside first.
            let aside = staging + ".old"
            guard rename(target, aside) == 0 else { throw AtomicFile.WriteError(path: target, reason: FileIO.errnoMessage()) }
            guard rename(staging, target) == 0 else {
                let reason = FileIO.errnoMessage()
                _ = rename(aside, target)
                throw AtomicFile.WriteError(path: target, reason: reason)
            }
            removeTree(aside)
        } else {
            guard rename(staging, target) == 0 else { throw AtomicFile.WriteError(path: target, reason: FileIO.errnoMessage()) }
        }
    }

    /// Removes the staging folders this process made for `target` (on SIGINT or SIGTERM).
    /// The work may still be writing into it: it is first renamed away, so that further writes
    /// fail instead of landing in a folder being deleted.
    public static func removeStaging(for target: String) {
        let (parent, prefix) = stagingPrefix(for: target, pid: getpid())
        for name in (try? FileIO.listDirectory(parent)) ?? [] where name.hasPrefix(prefix) && !name.hasSuffix(".removing") {
            let doomed = parent + "/" + name + ".removing"
            if rename(parent + "/" + name, doomed) == 0 {
                // A file whose creation raced the rename may still appear: sweep until empty.
                for _ in 0..<100 where FileIO.exists(doomed) {
                    removeTree(doomed)
                    if FileIO.exists(doomed) { usleep(1000) }
                }
            }
        }
    }

    /// Removes staging folders left for `target` by processes that no longer run (a SIGKILL
    /// mid-export leaves one; the target itself was never touched).
    static func removeStale(for target: String) {
        let (parent, prefix) = stagingPrefix(for: target)
        for name in (try? FileIO.listDirectory(parent)) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { removeTree(parent + "/" + name) }
        }
    }

    /// Removes a folder and everything in it (no symbolic links are followed).
    public static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            for name in (try? FileIO.listDirectory(path)) ?? [] { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's renameat2, looked up at run time (Swift's Glibc module does not export it).
    static let renameExchange: RenameAt2? = {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
}
