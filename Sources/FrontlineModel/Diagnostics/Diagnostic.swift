import GeoJSON
import Geometry

/// One problem in the user's data, located as precisely as we can: the file, the feature (index
/// and id), the JSON path of the offending value. Printed as
/// `FILE: feature N (id): path: message` (parts that are unknown are left out).
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var featureIndex: Int?
    public var featureID: String?
    public var path: JSONPath?
    public var message: String

    public init(file: String, featureIndex: Int? = nil, featureID: String? = nil, path: JSONPath? = nil, message: String) {
        self.file = file
        self.featureIndex = featureIndex
        self.featureID = featureID
        self.path = path
        self.message = message
    }

    /// A decoding problem of `file`, keeping its path and feature.
    public init(file: String, _ error: GeoJSONError) {
        self.init(file: file, featureIndex: error.featureIndex, featureID: error.featureID?.description, path: error.path, message: error.message)
    }

    /// One line, whatever the file name, id or message hold (`String.oneLine`).
    public var description: String {
        var text = file + ": "
        if let featureIndex {
            text += "feature \(featureIndex)"
            if let featureID, !featureID.isEmpty { text += " (\(featureID))" }
            text += ": "
        }
        if let path { text += "\(path): " }
        return (text + message).oneLine
    }
}

/// Bad input data: every problem found, so the user can fix them all in one pass. Commands exit
/// with status 1 and print one line per diagnostic.
public struct DataError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public init(file: String, message: String) {
        self.init([Diagnostic(file: file, message: message)])
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a loader goes on past the first problem. Past `limit` problems
/// of one file (a file of the wrong kind can have a million), the rest are only counted, and a
/// last line says how many were left out.
public struct DiagnosticCollector: Sendable {
    public static let limitPerFile = 1000
    private var kept: [Diagnostic] = []
    private var omitted: [String: Int] = [:]
    private var perFile: [String: Int] = [:]

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) {
        let count = perFile[diagnostic.file, default: 0]
        perFile[diagnostic.file] = count + 1
        if count < Self.limitPerFile { kept.append(diagnostic) } else { omitted[diagnostic.file, default: 0] += 1 }
    }

    public mutating func add(contentsOf other: [Diagnostic]) { for diagnostic in other { add(diagnostic) } }
    public var isEmpty: Bool { kept.isEmpty }

    /// Every kept diagnostic, then one line per file whose further problems were left out.
    public var diagnostics: [Diagnostic] {
        kept + omitted.keys.sorted().map { file in
            Diagnostic(file: file, message: "\(omitted[file]!) more problems not shown (the first \(Self.limitPerFile) are listed)")
        }
    }

    /// Throws every collected diagnostic, if there is any.
    public func throwIfAny() throws(DataError) {
        if !diagnostics.isEmpty { throw DataError(diagnostics) }
    }
}
