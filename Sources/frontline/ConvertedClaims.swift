import FrontlineFormats
import FrontlineModel
import GeoJSON

/// A claims file in another format than GeoJSON (`--claims edits.gpkg`, `validate claims.shp`,
/// a layer a team edited in QGIS): read once through GDAL (`VectorSource`), written as GeoJSON
/// into a private folder that the ledger's strict loader reads as any claims file, so that every
/// check is the same (`InputCopies`: messages name the original file; the copies go at exit).
enum ConvertedClaims {
    /// Claim members that are objects or arrays: a format without JSON columns (Shapefile's
    /// dBASE) holds them as text, given back as JSON.
    static let structured = ["source", "settlements", "places"]

    /// `files` with each one that is not GeoJSON replaced by its GeoJSON copy.
    static func geoJSON(_ files: [String]) throws -> [String] {
        try files.map { file in
            if GeoJSONDriver().handles(file) || file == StandardInput.argument { return file }
            return try copy(file)
        }
    }

    static func copy(_ file: String) throws -> String {
        let layer = try VectorSource.read(file)
        let features = layer.features.map { feature -> Feature in
            var feature = feature
            for key in structured {
                guard case .string(let text)? = feature.properties?[key], let value = structuredValue(text) else { continue }
                feature.properties?[key] = value
            }
            return feature
        }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return try InputCopies.write(GeoJSONEncoder().encode(FeatureCollection(features: features)), name: name + ".geojson", shownAs: file)
    }

    /// An object or array held as text: JSON, or a list as GDAL writes one into a text column
    /// (`(2:talish,sugovushan)`, what `ogr2ogr` makes of a GeoJSON array in a GeoPackage).
    static func structuredValue(_ text: String) -> JSONValue? {
        if text.hasPrefix("{") || text.hasPrefix("["), let value = try? JSONParser().parse(Array(text.utf8)) { return value }
        guard text.hasPrefix("("), text.hasSuffix(")"), let colon = text.firstIndex(of: ":"),
              let count = Int(text[text.index(after: text.startIndex)..<colon]) else { return nil }
        let items = text[text.index(after: colon)..<text.index(before: text.endIndex)].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard items.count == count || (count == 0 && items == [""]) else { return nil }
        return .array(count == 0 ? [] : items.map { .string($0) })
    }

}
