import CGEOS
import CPROJ

/// The GEOS and PROJ versions this process runs with, and the minimums Frontline needs.
public enum LibraryVersions {
    public static let minimumGEOS = (3, 11)
    public static let minimumPROJ = (9, 0)

    /// Run-time GEOS version, e.g. "3.11.1-CAPI-1.17.1" (`GEOSversion`).
    public static var geos: String { String(cString: GEOSversion()) }

    /// Run-time PROJ version, e.g. "9.1.1" (`proj_info`).
    public static var proj: String { String(cString: proj_info().version) }

    static func majorMinor(_ version: String) -> (Int, Int)? {
        let numbers = version.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1])
    }

    /// Throws a clear error when the libraries loaded at run time are older than supported
    /// (a binary built elsewhere can meet older shared libraries).
    public static func check() throws(GeometryError) {
        try check(geos: geos, proj: proj)
    }

    static func check(geos: String, proj: String) throws(GeometryError) {
        guard let geosVersion = majorMinor(geos), geosVersion >= minimumGEOS else {
            throw .unsupportedLibrary("GEOS \(geos) is too old: Frontline needs GEOS \(minimumGEOS.0).\(minimumGEOS.1) or newer (Debian: apt-get install libgeos-dev; or run tools/setup)")
        }
        guard let projVersion = majorMinor(proj), projVersion >= minimumPROJ else {
            throw .unsupportedLibrary("PROJ \(proj) is too old: Frontline needs PROJ \(minimumPROJ.0).\(minimumPROJ.1) or newer (Debian: apt-get install libproj-dev; or run tools/setup)")
        }
    }
}
