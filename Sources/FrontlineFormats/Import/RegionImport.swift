import FrontlineEngine
import FrontlineModel
import GeoJSON
import Geometry

/// `frontline import`: turns any boundary file (GADM, geoBoundaries, OSM exports, Natural Earth)
/// into a Frontline `regions.geojson`: one feature per region with a string id and the
/// properties `name`, `country`, `level` and `source`.
public struct RegionImport: Sendable {
    public var idField: String?
    public var nameField: String?
    public var countryField: String?
    /// Fixed country (ISO alpha-2) when the file has no country field.
    public var country: String?
    public var level = "admin1"
    /// Keep only features whose attribute equals one of the values given for it: conditions on
    /// one field are alternatives (as are the comma-separated values of one condition), and
    /// conditions on different fields must all hold.
    public var conditions: [(field: String, value: String)] = []
    /// Keep only features whose bounding box intersects this box.
    public var bounds: Bounds?
    public var layer: String?
    /// Merge features that share an id into one MultiPolygon instead of refusing them.
    public var mergesDuplicates = false
    /// Make invalid polygons valid (GEOS make-valid) instead of refusing them.
    public var repair = false
    /// The repairs made, one line each (filled by `regions(from:)`).
    public private(set) var repairs: [String] = []

    public init() {}

    /// The field ids were taken from when no `--id-field` was given (nil: feature ids).
    public private(set) var chosenIDField: String?

    /// Reads `path` and builds the regions, sorted by id. Problems name the file and feature.
    public mutating func regions(from path: String) throws(DataError) -> FeatureCollection {
        try regions(from: [path])
    }

    /// The attributes of the first features of `path` with a few values each (`--list-fields`).
    public static func fieldSummary(_ path: String, layer: String? = nil) throws(DataError) -> [(field: String, distinct: Int, examples: [String])] {
        let features = try VectorSource.read(path, layer: layer).features
        var order: [String] = []
        var values: [String: [String]] = [:]
        for feature in features {
            let properties = feature.properties ?? JSONObject()
            for key in properties.sortedKeys {
                let value = properties[key]!
                if values[key] == nil { order.append(key) }
                values[key, default: []].append(text(value) ?? value.typeDescription)
            }
        }
        return order.map { key in
            var seen: [String] = []
            for value in values[key]! where !seen.contains(value) && seen.count < 3 { seen.append(value) }
            return (key, Set(values[key]!).count, seen)
        }
    }

    /// A field whose values are present, non-empty and unique over `features`, preferring
    /// names that say id or code, then name; nil when none is.
    static func uniqueField(_ features: [Feature]) -> (field: String?, candidates: [String]) {
        guard let first = features.first?.properties else { return (nil, []) }
        var unique: [String] = []
        for key in first.sortedKeys {
            var seen: Set<String> = []
            let allUnique = features.allSatisfy { feature in
                guard let value = feature.properties?[key], let text = text(value), !text.isEmpty else { return false }
                return seen.insert(text).inserted
            }
            if allUnique { unique.append(key) }
        }
        func rank(_ key: String) -> Int {
            let lower = key.lowercased()
            if lower == "id" || lower.hasSuffix("_id") || lower.hasSuffix("id") || lower.contains("code") || lower.hasPrefix("iso") { return 0 }
            if lower.contains("name") { return 1 }
            return 2
        }
        let sorted = unique.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        return (sorted.first, sorted)
    }

    /// Reads every file and builds the regions of them all, sorted by id. Without `idField`,
    /// feature ids, else a field whose values are unique (see `chosenIDField`).
    public mutating func regions(from paths: [String]) throws(DataError) -> FeatureCollection {
        var collector = DiagnosticCollector()
        var byID: [String: (Feature, [Int])] = [:]
        var matched: [(path: String, layer: VectorSource.Layer, index: Int, feature: Feature)] = []
        var read = 0
        for path in paths {
            let layer = try VectorSource.read(path, layer: self.layer)
            read += layer.features.count
            for (index, feature) in layer.features.enumerated() where matches(feature) { matched.append((path, layer, index, feature)) }
        }
        var idField = self.idField
        if idField == nil, matched.contains(where: { $0.feature.id == nil }) {
            let (field, _) = Self.uniqueField(matched.map(\.feature))
            guard let field else {
                let fields = matched.first?.feature.properties?.sortedKeys.joined(separator: ", ") ?? "none"
                throw DataError(file: paths.joined(separator: ", "), message: "features have no id and no field has a unique value for each: pass --id-field (fields: \(fields); see --list-fields)")
            }
            idField = field
            chosenIDField = field
        }
        for (path, layer, index, feature) in matched {
            guard var geometry = feature.geometry, !geometry.polygons.isEmpty else {
                collector.add(Diagnostic(file: path, featureIndex: index, message: "has no polygon geometry; regions are areas"))
                continue
            }
            do {
                geometry = try ValidityPolicy.check(
                    geometry, repair: repair, file: path, featureIndex: index, featureID: feature.id?.description,
                    path: JSONPath([.key("features"), .index(index), .key("geometry")]), repairs: &repairs) ?? geometry
            } catch {
                collector.add(contentsOf: error.diagnostics)
                continue
            }
            let properties = feature.properties ?? JSONObject()
            let id: String
            if let idField {
                guard let value = properties[idField], let text = Self.text(value), !text.isEmpty else {
                    collector.add(Diagnostic(file: path, featureIndex: index, path: JSONPath([.key("properties"), .key(idField)]), message: "id field \"\(idField)\" is missing or empty"))
                    continue
                }
                id = text
            } else {
                id = feature.id!.description
            }
            var output = JSONObject()
            let nameValue = nameField.flatMap { properties[$0] }.flatMap(Self.text)
            if let nameField, nameValue == nil {
                collector.add(Diagnostic(file: path, featureIndex: index, featureID: id, path: JSONPath([.key("properties"), .key(nameField)]), message: "name field \"\(nameField)\" is missing"))
                continue
            }
            output["name"] = .string(nameValue ?? id)
            if let country = countryField.flatMap({ properties[$0] }).flatMap(Self.text) ?? country {
                output["country"] = .string(country)
            }
            output["level"] = .string(level)
            output["source"] = .string(layer.description)
            let region = Feature(id: .string(id), geometry: GeoJSONGeometry.multiPolygon(geometry.polygons).simplestForm, properties: output)
            if let existing = byID[id] {
                guard mergesDuplicates else {
                    collector.add(Diagnostic(file: path, featureIndex: index, featureID: id, message: "id \"\(id)\" is also used by feature \(existing.1[0]); choose a unique --id-field or pass --merge"))
                    continue
                }
                var merged = existing.0
                merged.geometry = GeoJSONGeometry.multiPolygon((existing.0.geometry?.polygons ?? []) + geometry.polygons)
                byID[id] = (merged, existing.1 + [index])
            } else {
                byID[id] = (region, [index])
            }
        }
        try collector.throwIfAny()
        if byID.isEmpty {
            throw DataError(file: paths.joined(separator: ", "), message: "no feature matches the filters (\(read) features read)")
        }
        let features = byID.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { byID[$0]!.0 }
        return FeatureCollection(features: features)
    }

    func matches(_ feature: Feature) -> Bool {
        var allowed: [String: Set<String>] = [:]
        for condition in conditions {
            // The whole value too, so that a value holding a comma still matches as written.
            allowed[condition.field, default: []].formUnion([condition.value] + condition.value.split(separator: ",").map(String.init))
        }
        for (field, values) in allowed {
            guard let value = feature.properties?[field], let text = Self.text(value), values.contains(text) else { return false }
        }
        if let bounds {
            guard let box = feature.geometry?.computedBoundingBox,
                Bounds(minX: box[0], minY: box[1], maxX: box[2], maxY: box[3]).intersects(bounds)
            else { return false }
        }
        return true
    }

    /// An attribute as text: strings as they are, integral numbers without ".0".
    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): return string
        case .number(let number): return JSONWriter.formatNumber(number)
        case .bool(let bool): return bool ? "true" : "false"
        default: return nil
        }
    }
}
