import GeoJSON
import Geometry

/// KML 2.2 for Google Earth (`KMLWriter`).
public struct KMLDriver: FormatDriver {
    public init() {}
    public let metadata = FormatMetadata(name: "kml", fileExtensions: ["kml"], summary: "KML 2.2 with a TimeSpan per feature (Google Earth)")

    public func encode(_ table: FeatureTable, precision: Int?) throws -> [UInt8]? {
        Array(KMLWriter.document(table, precision: precision).utf8)
    }
}
