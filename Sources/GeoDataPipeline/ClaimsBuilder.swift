import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// The shipped ledger: `tools/geodata/claims.json` (one entry per claim, each with the file it
/// goes to) written as `claims/<file>.geojson`. `geometry_from: "baseline:AM"` copies the
/// geometry of the generated baseline's AM piece (Azerbaijan's 2023 claim to the whole area
/// held by Armenian forces).
enum ClaimsBuilder {
    static func build(_ path: String, baseline: Baseline) throws -> [(name: String, bytes: [UInt8])] {
        let value: JSONValue
        let bytes = try FileIO.read(path)
        do { value = try JSONParser().parse(bytes) } catch {
            throw DataError(file: path, message: "invalid JSON at line \(error.line): \(error.message)")
        }
        guard let entries = value.objectValue?["claims"]?.arrayElements else {
            throw DataError(file: path, message: "expected an object with a \"claims\" array")
        }
        var files: [String: [Feature]] = [:]
        for (index, entry) in entries.enumerated() {
            guard var object = entry.objectValue, let file = object["file"]?.stringValue, let id = object["id"]?.stringValue else {
                throw DataError(file: path, message: "claims[\(index)] needs \"file\" and \"id\" strings")
            }
            var geometry: GeoJSONGeometry?
            if let reference = object["geometry_from"]?.stringValue {
                guard reference.hasPrefix("baseline:"), let piece = baseline.pieces.first(where: { $0.id == reference }) else {
                    throw DataError(file: path, message: "claims[\(index)] (\(id)): unknown geometry_from \"\(reference)\"")
                }
                geometry = piece.geometry
            }
            for key in ["file", "id", "geometry_from"] { object[key] = nil }
            files[file, default: []].append(Feature(id: .string(id), geometry: geometry, properties: object))
        }
        let encoder = GeoJSONEncoder()
        return files.keys.sorted().map { name in
            let features = files[name]!.sorted { a, b in
                let keyA = (a.properties?["date"]?.stringValue ?? "", a.properties?["reported"]?.stringValue ?? a.properties?["date"]?.stringValue ?? "", a.id!.description)
                let keyB = (b.properties?["date"]?.stringValue ?? "", b.properties?["reported"]?.stringValue ?? b.properties?["date"]?.stringValue ?? "", b.id!.description)
                return keyA < keyB
            }
            return ("\(Dataset.claimsFolder)/\(name).geojson", encoder.encode(FeatureCollection(features: features)))
        }
    }
}
