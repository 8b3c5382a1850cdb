import GeoJSON

/// `dataset.json`: what a data folder is about, for the pages and maps made from it: a title
/// ("Nagorno-Karabakh conflict"), a sentence on what it covers, and the credit line for its
/// boundaries and places. Optional: a folder without it is titled by its actors.
///
/// ```json
/// {"title": "Nagorno-Karabakh conflict", "description": "…", "attribution": "Boundaries: …"}
/// ```
public struct DatasetInfo: Sendable, Equatable {
    public var title: String
    public var description: String?
    /// Who drew the boundaries and the places (a map's credit line).
    public var attribution: String?

    public static let file = "dataset.json"

    public init(title: String, description: String? = nil, attribution: String? = nil) {
        self.title = title
        self.description = description
        self.attribution = attribution
    }

    public var json: JSONValue {
        var object = JSONObject(["title": .string(title)])
        if let description { object["description"] = .string(description) }
        if let attribution { object["attribution"] = .string(attribution) }
        return .object(object)
    }

    /// The file's bytes: one member a line, keys sorted, so that a change is one line of a diff.
    public var fileBytes: [UInt8] {
        guard case .object(let object) = json else { return [] }
        let lines = object.members.keys.sorted().map { key in
            "  " + JSONWriter.serialize(.string(key)) + ": " + JSONWriter.serialize(object[key]!)
        }
        return Array(("{\n" + lines.joined(separator: ",\n") + "\n}\n").utf8)
    }

    /// The period a ledger covers, as a title shows it: "1994–2023", or one year alone.
    public static func period(from first: CalendarDate, to last: CalendarDate) -> String {
        first.year == last.year ? "\(first.year)" : "\(first.year)–\(last.year)"
    }

    /// Reads `path`: an object with a string `title` and optional string `description` and
    /// `attribution`; every problem named with its JSON path.
    public static func load(_ path: String) throws(DataError) -> DatasetInfo {
        let bytes = try FileIO.read(path)
        let value: JSONValue
        do { value = try JSONParser().parse(bytes) } catch {
            throw DataError([Diagnostic(file: path, path: error.path, message: "invalid JSON at line \(error.line), column \(error.column): \(error.message)")])
        }
        guard let object = value.objectValue else {
            throw DataError([Diagnostic(file: path, path: .root, message: "expected an object with a \"title\", found \(value.typeDescription)")])
        }
        var diagnostics = DiagnosticCollector()
        var fields: [String: String] = [:]
        for key in object.members.keys.sorted() {
            guard ["title", "description", "attribution"].contains(key) else {
                diagnostics.add(Diagnostic(file: path, path: JSONPath([.key(key)]), message: "unknown member (known: title, description, attribution)"))
                continue
            }
            guard let text = object[key]?.stringValue else {
                diagnostics.add(Diagnostic(file: path, path: JSONPath([.key(key)]), message: "expected a string, found \(object[key]!.typeDescription)"))
                continue
            }
            if text.allSatisfy(\.isWhitespace) {
                diagnostics.add(Diagnostic(file: path, path: JSONPath([.key(key)]), message: "must not be empty"))
                continue
            }
            fields[key] = text
        }
        if object["title"] == nil { diagnostics.add(Diagnostic(file: path, path: .root, message: "missing member \"title\"")) }
        guard diagnostics.diagnostics.isEmpty, let title = fields["title"] else { throw DataError(diagnostics.diagnostics) }
        return DatasetInfo(title: title, description: fields["description"], attribution: fields["attribution"])
    }
}
