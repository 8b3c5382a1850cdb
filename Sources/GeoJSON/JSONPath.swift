/// Where a value sits in a JSON document, written as `features[12].geometry.coordinates[0][3]`.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public enum Component: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public static let root = JSONPath()

    public func appending(_ key: String) -> JSONPath { JSONPath(components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(components + [.index(index)]) }
    public func appending(_ other: JSONPath) -> JSONPath { JSONPath(components + other.components) }

    /// The index N when the path starts with `features[N]`: the feature an error belongs to.
    public var featureIndex: Int? {
        guard components.count >= 2, case .key("features") = components[0],
            case .index(let index) = components[1]
        else { return nil }
        return index
    }

    /// Paths deeper than this are shown with their middle elided (hostile input nests 100,000 deep).
    static let longestShown = 16

    public var description: String {
        if components.isEmpty { return "top level" }
        if components.count > Self.longestShown {
            let head = JSONPath(Array(components.prefix(8))).description
            let tail = JSONPath([.key("x")] + Array(components.suffix(4))).description.dropFirst(1)
            return "\(head)…\(tail) (\(components.count) levels deep)"
        }
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                if JSONPath.isPlainIdentifier(key) {
                    text += text.isEmpty ? key : ".\(key)"
                } else {
                    text += "[" + JSONWriter.quoted(key) + "]"
                }
            }
        }
        return text
    }

    static func isPlainIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(48...57).contains(first) else { return false }
        return key.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 95
                || byte == 45
        }
    }
}
