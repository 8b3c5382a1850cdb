#if canImport(Glibc)
    import Glibc
#endif

/// The process's environment variables that set defaults (`FRONTLINE_DATA`, `TMPDIR`, ...).
public enum Environment {
    /// The variable's value, or nil when it is unset or empty (an empty value sets nothing).
    public static func value(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }
}
