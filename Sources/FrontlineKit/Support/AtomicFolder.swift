#if canImport(Glibc)
    import Glibc
#endif

/// Replacing a whole output folder so that a failure never leaves a half-written set: the new
/// set is built in a hidden temporary folder beside the target, then exchanged with the old one
/// in one atomic `renameat2(RENAME_EXCHANGE)` (Linux ≥ 3.15), and only then is the old set
/// deleted. Killed at any moment, the target holds either the whole old set or the whole new one.
public enum AtomicFolder {
    /// A fresh hidden folder next to `target` (same file system, so renames are atomic).
    public static func makeStaging(for target: String) throws(AtomicFile.WriteError) -> String {
        let parent = AtomicFile.directory(of: target)
        try DataFolder.create(parent)
        let name = target.split(separator: "/").last.map(String.init) ?? "out"
        var template = Array("\(parent)/.\(name).frontline-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw AtomicFile.WriteError(path: target, reason: FileIO.errnoMessage())
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Puts `staging` in place of `target` and removes what `target` held before.
    public static func commit(_ staging: String, to target: String) throws(AtomicFile.WriteError) {
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
