import GeoJSON
import Geometry

/// Reads a feature's members with typed checks, recording a `Diagnostic` (file, feature index
/// and id, JSON path) for every missing or mistyped value instead of stopping at the first.
struct PropertyReader {
    let file: String
    let index: Int
    let feature: Feature
    var diagnostics: [Diagnostic] = []

    init(file: String, index: Int, feature: Feature) {
        self.file = file
        self.index = index
        self.feature = feature
    }

    var featureID: String? { feature.id?.description }

    mutating func report(_ path: JSONPath?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, featureIndex: index, featureID: featureID, path: path, message: message))
    }

    func propertyPath(_ key: String) -> JSONPath {
        JSONPath([.key("features"), .index(index), .key("properties"), .key(key)])
    }

    var featurePath: JSONPath { JSONPath([.key("features"), .index(index)]) }

    /// The feature's id, which must be a non-empty string.
    mutating func stringID() -> String? {
        switch feature.id {
        case .string(let id) where !id.isEmpty: return id
        case .string: report(featurePath.appending("id"), "id must not be empty")
        case .number(let number): report(featurePath.appending("id"), "id must be a string, found the number \(JSONWriter.formatNumber(number))")
        case nil: report(featurePath, "missing member \"id\" (a string)")
        }
        return nil
    }

    mutating func string(_ key: String, required: Bool = true) -> String? {
        guard let value = feature.properties?[key], !value.isNull else {
            if required { report(featurePath.appending("properties"), "missing property \"\(key)\"") }
            return nil
        }
        guard let string = value.stringValue else {
            report(propertyPath(key), "expected a string, found \(value.typeDescription)")
            return nil
        }
        if required && string.isEmpty { report(propertyPath(key), "must not be empty") }
        return string
    }

    mutating func number(_ key: String) -> Double? {
        guard let value = feature.properties?[key], !value.isNull else { return nil }
        guard let number = value.numberValue else {
            report(propertyPath(key), "expected a number, found \(value.typeDescription)")
            return nil
        }
        return number
    }

    /// A non-negative whole number below 2^53 (an id of another database), nil when absent.
    mutating func identifier(_ key: String) -> Int? {
        guard let number = number(key) else { return nil }
        guard number >= 0, number < 9_007_199_254_740_992, number.rounded() == number else {
            report(propertyPath(key), "expected a whole number from 0 to 2^53, found \(number)")
            return nil
        }
        return Int(number)
    }

    mutating func strings(_ key: String) -> [String] {
        guard let value = feature.properties?[key], !value.isNull else { return [] }
        guard let elements = value.arrayElements else {
            report(propertyPath(key), "expected an array of strings, found \(value.typeDescription)")
            return []
        }
        var result: [String] = []
        for (offset, element) in elements.enumerated() {
            guard let string = element.stringValue else {
                report(propertyPath(key).appending(offset), "expected a string, found \(element.typeDescription)")
                continue
            }
            result.append(string)
        }
        return result
    }

    mutating func date(_ key: String, required: Bool) -> CalendarDate? {
        guard let text = string(key, required: required) else { return nil }
        guard let date = CalendarDate(text) else {
            report(propertyPath(key), CalendarDate.problem(with: text))
            return nil
        }
        return date
    }

    /// The geometry, which must be present and one of `allowed` types.
    mutating func geometry(_ allowed: Set<String>, what: String) -> GeoJSONGeometry? {
        guard let geometry = feature.geometry else {
            report(featurePath.appending("geometry"), "\(what) needs a geometry (\(allowed.sorted().joined(separator: " or "))), found null")
            return nil
        }
        guard allowed.contains(geometry.typeName) else {
            report(featurePath.appending("geometry").appending("type"), "\(what) must be \(allowed.sorted().joined(separator: " or ")), found \(geometry.typeName)")
            return nil
        }
        return geometry.flattened
    }
}
