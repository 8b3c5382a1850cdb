/// One problem in a GeoJSON document: the JSON path of the offending value, the feature it
/// belongs to (index and id, when known), and what is wrong.
public struct GeoJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: JSONPath
    public var message: String
    /// The feature's `id`, when the feature had a readable one.
    public var featureID: FeatureID?
    /// Line and column of a JSON syntax error (1-based); nil for errors found after parsing.
    public var line: Int?
    public var column: Int?

    public init(path: JSONPath, message: String, featureID: FeatureID? = nil, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.message = message
        self.featureID = featureID
        self.line = line
        self.column = column
    }

    public init(syntax: JSONSyntaxError) {
        self.init(
            path: syntax.path, message: "invalid JSON at line \(syntax.line), column \(syntax.column): \(syntax.message)",
            line: syntax.line, column: syntax.column)
    }

    /// The index N of `features[N]` this error belongs to, if any.
    public var featureIndex: Int? { path.featureIndex }

    /// `feature N (id): path: message`, or `path: message` outside any feature.
    public var description: String {
        var text = ""
        if let index = featureIndex {
            text += "feature \(index)"
            if let featureID, !featureID.description.isEmpty { text += " (\(featureID))" }
            text += ": "
        }
        return text + "\(path): \(message)"
    }
}

/// Every problem found in one document (decoding goes on past a bad feature to report them all).
public struct GeoJSONErrorList: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [GeoJSONError]
    /// True when more problems were found than were kept.
    public var truncated: Bool

    public init(_ errors: [GeoJSONError], truncated: Bool = false) {
        self.errors = errors
        self.truncated = truncated
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
