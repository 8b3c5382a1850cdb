import FrontlineModel
import GeoJSON
import Geometry

/// Turns a tracker's snapshot files (one date's map per file: DeepStateMap, ISW, ...) into exact
/// claims: per date, controller and status, the controller holds exactly the area the tracker
/// shows. Statuses are cumulative: the `claimed` claim of a date covers every category mapped to
/// `confirmed`, `assessed` or `claimed` (a grey zone widens the claimed layer, it does not
/// replace the occupied area), and the `assessed` claim covers `confirmed` and `assessed`.
public struct TrackerIngest: Sendable {
    /// Where each file's date comes from.
    public enum DateSource: Sendable {
        case fixed(CalendarDate)
        case field(String)
        /// A regular expression whose first group, searched in the file's name, is the date.
        case fileName(String)
    }

    /// `PATTERN=CONTROLLER[:STATUS]`: a category matching `pattern` goes to `controller` with
    /// `status`; a nil controller (`=-`) drops it.
    public struct Mapping: Sendable {
        public var pattern: String
        public var controller: String?
        public var status: Claim.Status

        /// Parses `PATTERN=CONTROLLER[:STATUS]`, split at the last `=` (a pattern may hold `=`).
        public init(parsing text: String) throws(DataError) {
            guard let equals = text.lastIndex(of: "=") else {
                throw DataError(file: "--map", message: "expected PATTERN=CONTROLLER[:STATUS], got \"\(text)\"")
            }
            pattern = String(text[..<equals])
            let target = String(text[text.index(after: equals)...])
            if target == "-" {
                (controller, status) = (nil, .assessed)
                return
            }
            let parts = target.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            controller = parts[0]
            guard !parts[0].isEmpty else { throw DataError(file: "--map", message: "\"\(text)\" names no controller (use PATTERN=- to drop a category)") }
            if parts.count == 2 {
                guard let value = Claim.Status(rawValue: parts[1]), value != .retracted else {
                    throw DataError(file: "--map", message: "\"\(text)\": unknown status \"\(parts[1])\": expected assessed, claimed or confirmed")
                }
                status = value
            } else {
                status = .assessed
            }
        }
    }

    public var dateSource: DateSource
    /// The controller of every feature when there is no mapping.
    public var controller: String?
    public var cededTo: String
    public var categoryField = "name"
    public var mappings: [Mapping] = []
    public var source: Claim.Source
    public var claimant: String
    public var idPrefix: String

    public init(dateSource: DateSource, controller: String?, cededTo: String, source: Claim.Source, claimant: String, idPrefix: String) {
        self.dateSource = dateSource
        self.controller = controller
        self.cededTo = cededTo
        self.source = source
        self.claimant = claimant
        self.idPrefix = idPrefix
    }

    /// What was read and what was left out, for the summary on stderr.
    public struct Summary: Sendable {
        public var files = 0
        public var features = 0
        public var dropped: [String: Int] = [:]
        public var unmatched: [String: Int] = [:]
        public var nonPolygonal: [String: Int] = [:]
        public var flattened = 0
        /// Points and lines inside GeometryCollections whose polygons were kept.
        public var collectionParts = 0

        public var lines: [String] {
            var lines = ["ingest: \(files) file\(files == 1 ? "" : "s"), \(features) feature\(features == 1 ? "" : "s")"]
            func counted(_ counts: [String: Int], _ what: String) {
                guard !counts.isEmpty else { return }
                let total = counts.values.reduce(0, +)
                let list = counts.keys.sorted().map { "\(String(reflecting: $0)) \(counts[$0]!)" }.joined(separator: ", ")
                lines.append("ingest: \(total) feature\(total == 1 ? "" : "s") \(what): \(list)")
            }
            counted(dropped, "dropped by a --map PATTERN=- rule")
            counted(unmatched, "left out, their category matching no --map pattern")
            counted(nonPolygonal, "left out, with no polygon (geometry types)")
            if collectionParts > 0 { lines.append("ingest: \(collectionParts) point or line part\(collectionParts == 1 ? "" : "s") of GeometryCollections left out (their polygons kept)") }
            if flattened > 0 { lines.append("ingest: \(flattened) feature\(flattened == 1 ? "" : "s") had 3-D positions; heights were dropped (areas are on the ellipsoid)") }
            return lines
        }
    }

    /// One input file's bytes and features.
    public struct Input: Sendable {
        public var path: String
        public var bytes: [UInt8]
        public var features: [Feature]
        public init(path: String, bytes: [UInt8], features: [Feature]) { (self.path, self.bytes, self.features) = (path, bytes, features) }
    }

    /// The claims of every input, ordered by date then id, and the summary.
    public func claims(_ inputs: [Input]) throws(DataError) -> (claims: FeatureCollection, summary: Summary) {
        let patterns = try compiledPatterns()
        let nameRegex = try fileNameRegex()
        var summary = Summary()
        // (date, controller) → status → polygons; and the files behind each date.
        var groups: [CalendarDate: [String: [Claim.Status: [GeoJSONGeometry]]]] = [:]
        var filesOfDate: [CalendarDate: [(name: String, sha256: String)]] = [:]
        for input in inputs {
            summary.files += 1
            let fileDate = try date(of: input, nameRegex: nameRegex)
            let file = (name: VectorSource.lastComponent(input.path), sha256: SHA256.hex(input.bytes))
            for (index, feature) in input.features.enumerated() {
                summary.features += 1
                let category = feature.properties?[categoryField].flatMap { $0.stringValue ?? $0.numberValue.map { JSONWriter.formatNumber($0) } } ?? ""
                let target: (controller: String, status: Claim.Status)
                if patterns.isEmpty {
                    guard let controller else { throw DataError(file: "--controller", message: "needed when no --map is given") }
                    target = (controller, .assessed)
                } else {
                    guard let mapping = patterns.first(where: { $0.matches(category) })?.mapping else {
                        summary.unmatched[category, default: 0] += 1
                        continue
                    }
                    guard let controller = mapping.controller else {
                        summary.dropped[category, default: 0] += 1
                        continue
                    }
                    target = (controller, mapping.status)
                }
                guard let date = try featureDate(feature, index: index, input: input) ?? fileDate else { continue }
                guard let geometry = feature.geometry, !geometry.polygons.isEmpty else {
                    summary.nonPolygonal[feature.geometry?.typeName ?? "null", default: 0] += 1
                    continue
                }
                if case .geometryCollection(let members) = geometry.shape {
                    summary.collectionParts += members.filter { $0.polygons.isEmpty }.count
                }
                var polygons = GeoJSONGeometry.multiPolygon(geometry.polygons)
                if polygons.allPositionLists.contains(where: { $0.dimension == 3 }) {
                    summary.flattened += 1
                    polygons = polygons.mappingPositionLists { list in PositionList(flat: Self.flat(list), dimension: 2) }
                }
                groups[date, default: [:]][target.controller, default: [:]][target.status, default: []].append(polygons)
                // With --date-field one file feeds several dates: each claim names the files behind its date.
                if !(filesOfDate[date] ?? []).contains(where: { $0.name == file.name && $0.sha256 == file.sha256 }) { filesOfDate[date, default: []].append(file) }
            }
        }
        var features: [Feature] = []
        for date in groups.keys.sorted() {
            for controller in groups[date]!.keys.sorted() {
                features += try exactClaims(date: date, controller: controller, byStatus: groups[date]![controller]!, files: filesOfDate[date] ?? [])
            }
        }
        return (FeatureCollection(features: features), summary)
    }

    static func flat(_ list: PositionList) -> [Double] {
        guard list.dimension == 3 else { return list.values }
        var values: [Double] = []
        values.reserveCapacity(list.count * 2)
        for index in 0..<list.count { values += [list.values[index * 3], list.values[index * 3 + 1]] }
        return values
    }

    /// The cumulative claims of one date and controller, narrowest first (`confirmed`,
    /// `assessed`, `claimed`), so that in each layer the widest one applies last.
    func exactClaims(date: CalendarDate, controller: String, byStatus: [Claim.Status: [GeoJSONGeometry]], files: [(name: String, sha256: String)]) throws(DataError) -> [Feature] {
        var features: [Feature] = []
        var covered: [GeoJSONGeometry] = []
        for (rank, status) in [Claim.Status.confirmed, .assessed, .claimed].enumerated() {
            guard let shapes = byStatus[status] else { continue }
            covered += shapes
            let area: GeoJSONGeometry
            do {
                area = try Geometry.union(try covered.map { shape throws(GeometryError) in try Geometry(shape) }).polygonal().geoJSON
            } catch {
                throw DataError(file: files.map(\.name).joined(separator: ", "), message: "cannot union the \(status) areas of \(controller) on \(date): \(error)")
            }
            var source = self.source
            source.files = files.map { Claim.SourceFile(name: $0.name, sha256: $0.sha256) }
            let claim = Claim(
                id: "\(idPrefix)\(date)-\(controller)-\(rank + 1)-\(status.rawValue)", date: date, controller: controller, claimant: claimant,
                status: status, mode: .exact, cededTo: cededTo, geometry: area, source: source)
            features.append(claim.feature)
        }
        return features
    }

    struct CompiledMapping {
        var regex: Regex<AnyRegexOutput>
        var mapping: Mapping
        func matches(_ text: String) -> Bool { (try? regex.firstMatch(in: text)) != nil }
    }

    func compiledPatterns() throws(DataError) -> [CompiledMapping] {
        var result: [CompiledMapping] = []
        for mapping in mappings {
            do {
                result.append(CompiledMapping(regex: try Regex(mapping.pattern), mapping: mapping))
            } catch {
                throw DataError(file: "--map", message: "the pattern \"\(mapping.pattern)\" is not a regular expression: \(error)")
            }
        }
        return result
    }

    /// `--date-from-name`'s expression, compiled once.
    func fileNameRegex() throws(DataError) -> Regex<AnyRegexOutput>? {
        guard case .fileName(let pattern) = dateSource else { return nil }
        do { return try Regex(pattern) } catch {
            throw DataError(file: "--date-from-name", message: "the pattern \"\(pattern)\" is not a regular expression: \(error)")
        }
    }

    /// The file's date (nil with `--date-field`: each feature has its own).
    func date(of input: Input, nameRegex: Regex<AnyRegexOutput>?) throws(DataError) -> CalendarDate? {
        switch dateSource {
        case .fixed(let date): return date
        case .field: return nil
        case .fileName(let pattern):
            let name = VectorSource.lastComponent(input.path)
            guard let regex = nameRegex, let match = try? regex.firstMatch(in: name) else {
                throw DataError(file: input.path, message: "no date: the name does not match --date-from-name \"\(pattern)\"")
            }
            guard match.output.count > 1, let group = match.output[1].substring else {
                throw DataError(file: input.path, message: "no date: --date-from-name \"\(pattern)\" has no group (put the date in parentheses)")
            }
            guard let date = Self.parseDate(String(group)) else {
                throw DataError(file: input.path, message: "no date: \"\(group)\" (from --date-from-name \"\(pattern)\") is neither YYYY-MM-DD, YYYYMMDD nor unix seconds")
            }
            return date
        }
    }

    func featureDate(_ feature: Feature, index: Int, input: Input) throws(DataError) -> CalendarDate? {
        guard case .field(let field) = dateSource else { return nil }
        let path = JSONPath([.key("features"), .index(index), .key("properties"), .key(field)])
        let value = feature.properties?[field]
        if let number = value?.numberValue, let date = Self.date(unixSeconds: number) { return date }
        if let text = value?.stringValue, let date = Self.parseDate(text) { return date }
        throw DataError([Diagnostic(file: input.path, featureIndex: index, featureID: feature.id?.description, path: path,
                                    message: value == nil ? "no date: missing property \"\(field)\" (--date-field)" : "no date: \(value!.typeDescription) is neither YYYY-MM-DD[Thh:mm…], YYYYMMDD nor unix seconds")])
    }

    /// `YYYY-MM-DD` (optionally followed by a time, whose date is taken as it is written),
    /// `YYYYMMDD`, or unix seconds (UTC).
    public static func parseDate(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bytes = Array(trimmed.utf8)
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            guard bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else { return nil }
            return CalendarDate(String(trimmed.prefix(10)))
        }
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if bytes.count == 8 {
            return CalendarDate("\(trimmed.prefix(4))-\(trimmed.dropFirst(4).prefix(2))-\(trimmed.suffix(2))")
        }
        return Double(trimmed).flatMap(date(unixSeconds:))
    }

    static func date(unixSeconds: Double) -> CalendarDate? {
        guard unixSeconds.isFinite, abs(unixSeconds) < 1e13 else { return nil }
        // Day 0 of `CalendarDate.dayNumber` is 1970-01-01.
        return CalendarDate(dayNumber: Int((unixSeconds / 86400).rounded(.down)))
    }
}
