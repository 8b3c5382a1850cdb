/// A JSON value as RFC 8259 defines it.
///
/// Numbers are IEEE doubles (non-finite values never appear: the parser rejects them).
/// Nested arrays made only of numbers, the shape of GeoJSON coordinates, are held in the compact
/// `numbers` case; it means exactly the same as the equivalent `array`, and `==` treats them alike.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// A nested array of numbers stored flat (see `NumericArray`); same meaning as `array`.
    case numbers(NumericArray)
    case object(JSONObject)

    /// The elements when this value is an array (either representation), else nil.
    public var arrayElements: [JSONValue]? {
        switch self {
        case .array(let elements): return elements
        case .numbers(let numeric): return numeric.elements
        default: return nil
        }
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The JSON type name used in error messages ("a string", "an array", ...).
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array, .numbers: return "an array"
        case .object: return "an object"
        }
    }
}

extension JSONValue: Equatable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        case (.numbers(let a), .numbers(let b)): return a == b
        case (.array, .array), (.array, .numbers), (.numbers, .array):
            return lhs.arrayElements! == rhs.arrayElements!
        default: return false
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(uniqueKeysWithValues: elements))
    }
    public init(nilLiteral: ()) { self = .null }
}

/// A JSON object: member names are unique (the parser rejects duplicates).
/// Iteration order is the sorted order of names (by UTF-8 bytes), which is also the output order.
public struct JSONObject: Sendable, Equatable {
    public private(set) var members: [String: JSONValue]

    public init() { members = [:] }

    public init(uniqueKeysWithValues pairs: some Sequence<(String, JSONValue)>) {
        members = Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    public init(_ members: [String: JSONValue]) { self.members = members }

    public subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }

    /// Member names sorted by their UTF-8 bytes: the deterministic order used for output.
    public var sortedKeys: [String] { members.keys.sorted(by: JSONObject.keyOrder) }

    /// Sort order of member names: byte-wise on UTF-8, so it never depends on locale or platform.
    public static func keyOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
