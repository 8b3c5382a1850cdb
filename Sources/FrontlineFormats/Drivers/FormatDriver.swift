import FrontlineModel
import GeoJSON
import Geometry

/// A file format, as GDAL has drivers: it names itself and its file extension, says what it
/// can read and write, and encodes a `FeatureTable` (a snapshot or a timeline). Adding a format
/// is adding one driver and a case of `FeatureFormat`.
public protocol FormatDriver: Sendable {
    /// The name users give with `--format`.
    var name: String { get }
    /// Without the dot; the first is the one written.
    var fileExtensions: [String] { get }
    /// One line for `--help` and docs.
    var summary: String { get }
    /// Whether `import` can read regions from it.
    var readsVectors: Bool { get }
    /// The encoded bytes, or nil for a format that is a database written in place.
    func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]?
    /// Writes the table to `path` atomically (a temporary file, then a rename).
    func write(_ table: FeatureTable, to path: String, precision: Int?) throws
}

extension FormatDriver {
    public var readsVectors: Bool { false }

    public func write(_ table: FeatureTable, to path: String, precision: Int?) throws {
        guard let bytes = try encode(table, precision: precision) else {
            throw InternalError("driver \(name) neither encodes nor writes")
        }
        try AtomicFile.write(bytes, to: path)
    }
}

/// The formats snapshots and exports are written in (`--format`), each with its driver.
public enum FeatureFormat: String, Sendable, CaseIterable {
    case geojson, geojsonseq, kml, gpkg, csv

    public var driver: any FormatDriver {
        switch self {
        case .geojson: return GeoJSONDriver()
        case .geojsonseq: return GeoJSONSequenceDriver()
        case .kml: return KMLDriver()
        case .gpkg: return GeoPackageDriver()
        case .csv: return CSVDriver()
        }
    }

    public var fileExtension: String { driver.fileExtensions[0] }
}
