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
    /// The encoded bytes handed to `append` in pieces, the same bytes as `encode`'s, so that a
    /// large table is never held whole as text; false for a format written in place.
    func encode(_ table: FeatureTable, precision: Int?, into append: ([UInt8]) throws -> Void) throws -> Bool
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
    /// The longest text a field holds (dBASE: 254 bytes), when the format has a limit; longer
    /// values are cut, and the commands say where.
    public var maximumTextBytes: Int?

    public init(name: String, fileExtensions: [String], summary: String, reads: Bool = false, writes: Bool = true, omitsFeaturesWithoutGeometry: Bool = false,
                maximumTextBytes: Int? = nil) {
        (self.name, self.fileExtensions, self.summary, self.reads, self.writes) = (name, fileExtensions, summary, reads, writes)
        self.omitsFeaturesWithoutGeometry = omitsFeaturesWithoutGeometry
        self.maximumTextBytes = maximumTextBytes
    }
}

extension FormatDriver {
    public var name: String { metadata.name }
    public var fileExtensions: [String] { metadata.fileExtensions }

    public func write(_ table: FeatureTable, to path: String, precision: Int?) throws {
        try AtomicFile.write(to: path) { append in
            guard try encode(table, precision: precision, into: append) else {
                throw InternalError("driver \(name) neither encodes nor writes")
            }
        }
    }

    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? { nil }

    /// In one piece: `encode`'s bytes.
    public func encode(_ table: FeatureTable, precision: Int?, into append: ([UInt8]) throws -> Void) throws -> Bool {
        guard let bytes = try encode(table, precision: precision) else { return false }
        try append(bytes)
        return true
    }

    public func read(_ path: String, layer: String?) throws(DataError) -> VectorSource.Layer {
        throw DataError(file: path, message: "\(name) files cannot be read")
    }

    /// What writing `table` leaves out, one line each for a warning: nothing, unless the format
    /// cannot hold features without geometry (`omitsFeaturesWithoutGeometry`).
    public func omissions(_ table: FeatureTable, file: String) -> [String] {
        var lines: [String] = []
        let left = table.features.filter { $0.geometry == nil }.map(\.id)
        if metadata.omitsFeaturesWithoutGeometry && !left.isEmpty {
            lines.append("\(file): \(left.count) feature\(left.count == 1 ? "" : "s") without geometry left out (\(name) as GDAL \(GDALLibrary.version) writes it cannot hold them): "
                + left.prefix(5).joined(separator: ", ") + (left.count > 5 ? ", …" : ""))
        }
        if let limit = metadata.maximumTextBytes {
            // Each field whose text is longer than the format holds, with how many values.
            var cut: [String: Int] = [:]
            for feature in table.features {
                for (key, value) in feature.properties.members {
                    if value != .null, AttributeColumns.text(value, kind: .json).utf8.count > limit { cut[key, default: 0] += 1 }
                }
            }
            if !cut.isEmpty {
                lines.append("\(file): text longer than \(limit) bytes cut (\(name) holds no more): "
                    + cut.keys.sorted().map { "\($0) (\(cut[$0]!))" }.joined(separator: ", "))
            }
        }
        return lines
    }

    /// Whether `path` ends in one of the format's extensions (any case).
    public func handles(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return fileExtensions.contains { lowered.hasSuffix("." + $0) }
    }
}

/// The formats snapshots and exports are written in (`--format`), each with its driver: the
/// named ones (`allCases`), and any other vector driver of GDAL's that creates files, by its
/// name (`gdal(_:)`: GML, MapInfo File, SQLite, ...) when it names a file extension.
public struct FeatureFormat: Sendable, Hashable, CustomStringConvertible {
    /// The name users give (`geojson`), or for a GDAL driver its short name (`GML`).
    public let rawValue: String
    /// GDAL's driver, for a format reached by GDAL's name alone.
    let gdalDriver: String?

    public static let geojson = FeatureFormat(named: "geojson")
    public static let geojsonseq = FeatureFormat(named: "geojsonseq")
    public static let kml = FeatureFormat(named: "kml")
    public static let gpkg = FeatureFormat(named: "gpkg")
    public static let csv = FeatureFormat(named: "csv")
    public static let flatgeobuf = FeatureFormat(named: "flatgeobuf")
    public static let shapefile = FeatureFormat(named: "shapefile")
    /// The formats Frontline names, each written deterministically.
    public static let allCases: [FeatureFormat] = [.geojson, .geojsonseq, .kml, .gpkg, .csv, .flatgeobuf, .shapefile]

    private init(named name: String) { (rawValue, gdalDriver) = (name, nil) }

    /// One of `allCases` by its name.
    public init?(rawValue: String) {
        guard let format = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = format
    }

    /// Any other vector driver of GDAL's that creates files, by its short name in any case
    /// (`GDALGetDriverByName`); nil when GDAL has none of that name.
    public static func gdal(_ name: String) -> FeatureFormat? {
        // A driver that names no file extension writes to a database or a service, not a file.
        guard let driver = GDALLibrary.creatableVectorDrivers.first(where: { $0.lowercased() == name.lowercased() }),
              GDALLibrary.fileExtension(ofDriver: driver) != nil else { return nil }
        return FeatureFormat(rawValue: driver, gdalDriver: driver)
    }

    private init(rawValue: String, gdalDriver: String) { (self.rawValue, self.gdalDriver) = (rawValue, gdalDriver) }

    public var description: String { rawValue }

    public var driver: any FormatDriver {
        if let gdalDriver { return GDALWriterDriver.any(gdalDriver) }
        switch rawValue {
        case "geojsonseq": return GeoJSONSequenceDriver()
        case "kml": return KMLDriver()
        case "gpkg": return GeoPackageDriver()
        case "csv": return CSVDriver()
        case "flatgeobuf": return GDALWriterDriver.flatGeobuf
        case "shapefile": return GDALWriterDriver.shapefile
        default: return GeoJSONDriver()
        }
    }

    public var fileExtension: String { driver.fileExtensions[0] }

    /// Whether the format is written as a file in place (by GDAL) rather than encoded to bytes:
    /// it needs `--out` (`-` streams the finished file to standard output).
    public var writesInPlace: Bool { self == .gpkg || self == .flatgeobuf || self == .shapefile || gdalDriver != nil }
}
