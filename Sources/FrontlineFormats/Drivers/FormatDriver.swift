import FrontlineModel
import GDAL
import GeoJSON
import Geometry

/// A file format, as GDAL has drivers: it names itself and its file extension, says what it
/// can read and write, and encodes a `FeatureTable` (a snapshot or a timeline). Adding a format
/// is adding one driver and a case of `FeatureFormat`.
public protocol FormatDriver: Sendable {
    /// What the format is called, its extensions, what it does (GDAL's driver metadata).
    var metadata: FormatMetadata { get }
    /// The encoded bytes, or nil for a format that is a database written in place.
    func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]?
    /// Writes the table to `path` atomically (a temporary file, then a rename).
    func write(_ table: FeatureTable, to path: String, precision: Int?) throws
    /// The features of one layer of the file at `path`, in WGS 84 longitude/latitude
    /// (`import`, `VectorSource`); for formats whose metadata says they read.
    func read(_ path: String, layer: String?) throws(DataError) -> VectorSource.Layer
}

/// A format's declaration of itself, as a GDAL driver's metadata.
public struct FormatMetadata: Sendable {
    /// The name users give with `--format`.
    public var name: String
    /// Without the dot; the first is the one written.
    public var fileExtensions: [String]
    /// One line for `--help` and docs.
    public var summary: String
    /// Whether `read` reads it (`import` takes it).
    public var reads = false
    /// Whether `encode` or `write` writes it (`snapshot`, `export` take it).
    public var writes = true
    /// Whether features without geometry are left out of what it writes (the format, as the
    /// installed GDAL writes it, cannot hold them); the commands say which.
    public var omitsFeaturesWithoutGeometry = false

    public init(name: String, fileExtensions: [String], summary: String, reads: Bool = false, writes: Bool = true, omitsFeaturesWithoutGeometry: Bool = false) {
        (self.name, self.fileExtensions, self.summary, self.reads, self.writes) = (name, fileExtensions, summary, reads, writes)
        self.omitsFeaturesWithoutGeometry = omitsFeaturesWithoutGeometry
    }
}

extension FormatDriver {
    public var name: String { metadata.name }
    public var fileExtensions: [String] { metadata.fileExtensions }

    public func write(_ table: FeatureTable, to path: String, precision: Int?) throws {
        guard let bytes = try encode(table, precision: precision) else {
            throw InternalError("driver \(name) neither encodes nor writes")
        }
        try AtomicFile.write(bytes, to: path)
    }

    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? { nil }

    public func read(_ path: String, layer: String?) throws(DataError) -> VectorSource.Layer {
        throw DataError(file: path, message: "\(name) files cannot be read")
    }

    /// What writing `table` leaves out, one line each for a warning: nothing, unless the format
    /// cannot hold features without geometry (`omitsFeaturesWithoutGeometry`).
    public func omissions(_ table: FeatureTable, file: String) -> [String] {
        guard metadata.omitsFeaturesWithoutGeometry else { return [] }
        let left = table.features.filter { $0.geometry == nil }.map(\.id)
        guard !left.isEmpty else { return [] }
        return ["\(file): \(left.count) feature\(left.count == 1 ? "" : "s") without geometry left out (\(name) as GDAL \(GDALLibrary.version) writes it cannot hold them): "
            + left.prefix(5).joined(separator: ", ") + (left.count > 5 ? ", …" : "")]
    }

    /// Whether `path` ends in one of the format's extensions (any case).
    public func handles(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return fileExtensions.contains { lowered.hasSuffix("." + $0) }
    }
}

/// The formats snapshots and exports are written in (`--format`), each with its driver.
public enum FeatureFormat: String, Sendable, CaseIterable {
    case geojson, geojsonseq, kml, gpkg, csv, flatgeobuf

    public var driver: any FormatDriver {
        switch self {
        case .geojson: return GeoJSONDriver()
        case .geojsonseq: return GeoJSONSequenceDriver()
        case .kml: return KMLDriver()
        case .gpkg: return GeoPackageDriver()
        case .csv: return CSVDriver()
        case .flatgeobuf: return GDALWriterDriver.flatGeobuf
        }
    }

    public var fileExtension: String { driver.fileExtensions[0] }

    /// Whether the format is written as a file in place (by SQLite or GDAL) rather than encoded
    /// to bytes: it needs `--out` (`-` streams the finished file to standard output).
    public var writesInPlace: Bool { self == .gpkg || self == .flatgeobuf }
}
