import GeoJSON
import Geometry

/// The file formats snapshots and exports are written in.
public enum FeatureFormat: String, Sendable, CaseIterable {
    /// RFC 7946 GeoJSON, one feature per line.
    case geojson
    /// GeoJSON Text Sequences (RFC 8142): each feature after an RS byte, for streaming tools.
    case geojsonseq
    /// KML 2.2 with a TimeSpan per feature (Google Earth's time slider animates it).
    case kml
    /// OGC GeoPackage, one layer per feature kind.
    case gpkg
    /// CSV with the geometry as WKT (QGIS "Delimited text", spreadsheets).
    case csv

    public var fileExtension: String {
        switch self {
        case .geojson: return "geojson"
        case .geojsonseq: return "geojsons"
        case .kml: return "kml"
        case .gpkg: return "gpkg"
        case .csv: return "csv"
        }
    }

    /// Writes `collection` to `path` atomically.
    public func write(_ collection: FeatureCollection, to path: String, precision: Int? = nil, actors: [Actor] = []) throws {
        switch self {
        case .gpkg:
            try GeoPackageWriter.write(GeoPackageWriter.layers(byKind: collection), to: path)
        default:
            try AtomicFile.write(try bytes(collection, precision: precision, actors: actors), to: path)
        }
    }

    /// The encoded bytes (not for GeoPackage, which is an SQLite file).
    public func bytes(_ collection: FeatureCollection, precision: Int? = nil, actors: [Actor] = []) throws -> [UInt8] {
        switch self {
        case .geojson: return GeoJSONEncoder(precision: precision).encode(collection)
        case .geojsonseq: return GeoJSONSequence.encode(collection, precision: precision)
        case .kml: return Array(KMLWriter.document(collection, actors: actors, precision: precision).utf8)
        case .csv: return Array(try WKTTable.csv(collection, precision: precision).utf8)
        case .gpkg: throw DataError(file: "gpkg", message: "a GeoPackage is written to a file, not to bytes")
        }
    }
}

/// RFC 8142: each feature is a record `RS feature LF`; the collection's foreign members (such as
/// `date`) are copied into every feature's properties, since a sequence has no collection.
public enum GeoJSONSequence {
    public static func encode(_ collection: FeatureCollection, precision: Int?) -> [UInt8] {
        let encoder = GeoJSONEncoder(precision: precision)
        var output: [UInt8] = []
        for var feature in collection.features {
            for key in collection.foreignMembers.sortedKeys where feature.properties?[key] == nil {
                feature.properties?[key] = collection.foreignMembers[key]
            }
            output.append(0x1E)
            encoder.writeFeature(feature, into: &output)
            output.append(0x0A)
        }
        return output
    }
}

/// Features as CSV rows: id, the common properties, and the geometry as WKT (GEOS writer).
public enum WKTTable {
    public static let columns = ["id", "kind", "date", "valid_from", "valid_to", "layer", "controller", "claim", "status", "claimant", "area_km2", "length_km", "source", "wkt"]

    public static func csv(_ collection: FeatureCollection, precision: Int?) throws -> String {
        var lines = [columns.joined(separator: ",")]
        for feature in collection.features {
            var cells: [String] = []
            for column in columns {
                switch column {
                case "id": cells.append(feature.id?.description ?? "")
                case "wkt":
                    var wkt = ""
                    if let geometry = feature.geometry {
                        let shape = try Geometry(geometry)
                        wkt = precision.map { try? shape.withPrecision(pow10(-$0)) }.flatMap { $0?.wkt } ?? shape.wkt
                    }
                    cells.append(wkt)
                case "date":
                    cells.append(Report.plainText(feature.properties?["date"] ?? collection.foreignMembers["date"], decimals: nil))
                case "source":
                    let source = feature.properties?["source"]?.objectValue
                    cells.append(source?["url"]?.stringValue ?? source?["title"]?.stringValue ?? "")
                default:
                    cells.append(Report.plainText(feature.properties?[column], decimals: nil))
                }
            }
            lines.append(cells.map(CSV.escape).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<abs(exponent) { value *= 10 }
        return exponent < 0 ? 1 / value : value
    }
}
