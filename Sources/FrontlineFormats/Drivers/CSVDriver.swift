import FrontlineModel
import GeoJSON
import Geometry

/// CSV with the geometry as WKT (GEOS's `GEOSWKTWriter_write_r`), for QGIS "Delimited text" and
/// spreadsheets: id, the common attributes, the source, then `wkt`.
public struct CSVDriver: FormatDriver {
    public init() {}
    public let metadata = FormatMetadata(name: "csv", fileExtensions: ["csv"], summary: "CSV with WKT geometry")

    public static let columns = ["id", "kind", "date", "valid_from", "valid_to", "layer", "controller", "claim", "status", "claimant", "area_km2", "length_km", "source", "wkt"]

    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? {
        Array(try Self.csv(table, precision: precision).utf8)
    }

    static func csv(_ table: FeatureTable, precision: Int?) throws -> String {
        var lines = [columns.joined(separator: ",")]
        for item in table.features {
            var cells: [String] = []
            for column in columns {
                switch column {
                case "id": cells.append(item.id)
                case "kind": cells.append(item.kind.rawValue)
                case "wkt":
                    // Already on the --precision grid (`FeatureTable.prepared`); GEOS's WKT
                    // writer prints the shortest digits that read back the same.
                    cells.append(try item.geometry.map { try Geometry($0).wkt } ?? "")
                case "date":
                    cells.append(Report.plainText(item.properties["date"] ?? table.metadata["date"], decimals: nil))
                case "source":
                    let source = item.properties["source"]?.objectValue
                    cells.append(source?["url"]?.stringValue ?? source?["title"]?.stringValue ?? "")
                default:
                    cells.append(Report.plainText(item.properties[column], decimals: nil))
                }
            }
            lines.append(cells.map(CSV.escape).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
