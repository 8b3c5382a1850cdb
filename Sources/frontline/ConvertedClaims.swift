import FrontlineFormats
import FrontlineModel
import GeoJSON

#if canImport(Glibc)
    import Glibc
#endif

/// A claims file in another format than GeoJSON (`--claims edits.gpkg`, `validate claims.shp`,
/// a layer a team edited in QGIS): read once through GDAL (`VectorSource`), written as GeoJSON
/// into a private folder that the ledger's strict loader reads as any claims file, so that every
/// check is the same. Messages name the original file (`display`); the copies are removed when
/// the process ends.
enum ConvertedClaims {
    private static let copies = Locked<[(copy: String, original: String)]>([])
    private static let folder = Locked<String?>(nil)
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
        let directory = try folder.withLock { folder throws -> String in
            if let folder { return folder }
            let made = try AtomicFolder.makePrivate(prefix: "frontline-claims", what: "a copy of the claims files")
            folder = made
            atexit { ConvertedClaims.remove() }
            return made
        }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let path = directory + "/\(copies.withLock { $0.count })-" + name + ".geojson"
        try AtomicFile.write(GeoJSONEncoder().encode(FeatureCollection(features: features)), to: path)
        copies.withLock { $0.append((path, file)) }
        return path
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

    /// A line with each copy's path shown as its original's.
    static func display(_ line: String) -> String {
        copies.withLock { copies in copies.reduce(line) { $0.replacing($1.copy, with: $1.original) } }
    }

    static func remove() {
        for (copy, _) in copies.withLock({ $0 }) { unlink(copy) }
        if let folder = folder.withLock({ $0 }) { rmdir(folder) }
    }
}
