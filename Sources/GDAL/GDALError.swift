import CGDAL

/// A failure of GDAL on a file: the file and GDAL's own message (`CPLGetLastErrorMsg`).
public struct GDALError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { (self.path, self.message) = (path, message) }
    public var description: String { "\(path): \(message)" }

    /// `what` failed on `path`, with the last message GDAL gave on this thread.
    static func last(_ what: String, path: String) -> GDALError {
        let detail = CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
        CPLErrorReset()
        return GDALError(path: path, message: detail.isEmpty ? what : "\(what): \(detail)")
    }
}

/// GDAL as this process runs it: registered once, quiet (errors are read, not printed).
public enum GDALLibrary {
    /// The GDAL this process runs with, e.g. "3.6.2" (`GDALVersionInfo("RELEASE_NAME")`).
    public static var version: String { String(cString: GDALVersionInfo("RELEASE_NAME")) }

    /// Registers the drivers (`GDALAllRegister`) before the first use, once; messages go
    /// nowhere but to `CPLGetLastErrorMsg`, so that GDAL never writes on stderr by itself.
    static let registered: Bool = {
        GDALAllRegister()
        CPLSetErrorHandler(CPLQuietErrorHandler)
        return true
    }()

    /// The short names of the vector drivers that can create files (`GDAL_DCAP_CREATE`).
    public static var creatableVectorDrivers: [String] {
        _ = registered
        var names: [String] = []
        for index in 0..<GDALGetDriverCount() {
            guard let driver = GDALGetDriver(index) else { continue }
            let vector = GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, nil) != nil
            let creates = GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, nil) != nil
            if vector && creates, let name = GDALGetDriverShortName(driver) { names.append(String(cString: name)) }
        }
        return names
    }

    /// The file extension a driver writes (`GDAL_DMD_EXTENSION`, else the first of
    /// `GDAL_DMD_EXTENSIONS`), nil for a driver that names none (a database, a service).
    public static func fileExtension(ofDriver name: String) -> String? {
        _ = registered
        guard let driver = GDALGetDriverByName(name) else { return nil }
        for key in [GDAL_DMD_EXTENSION, GDAL_DMD_EXTENSIONS] {
            if let value = GDALGetMetadataItem(driver, key, nil), let first = String(cString: value).split(separator: " ").first {
                return String(first)
            }
        }
        return nil
    }
}
