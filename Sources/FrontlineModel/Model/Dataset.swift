import GeoJSON
import Geometry

/// The files of a data folder (`GeoData/` by default), loaded and checked.
///
/// Every loader goes on past a bad feature and reports every problem, each naming the file,
/// the feature and the JSON path; a `DataError` carries them all.
public struct Dataset: Sendable {
    public var directory: String
    public var regions: [Region]
    public var actors: [Actor]
    public var settlements: [Settlement]
    public var baseline: Baseline?
    public var lines: [ReferenceLine]
    /// `dataset.json`, when the folder has one: its title and credits.
    public var info: DatasetInfo?
    /// Files of the folder that could not be read at all (missing, not JSON): references to
    /// what they define are not checked, so that one missing file is one problem, not hundreds.
    public var unreadableFiles: Set<String> = []

    public static let regionsFile = "regions.geojson"
    public static let actorsFile = "actors.json"
    public static let settlementsFile = "settlements.geojson"
    public static let baselineFile = "baseline.geojson"
    public static let linesFile = "lines.geojson"
    public static let claimsFolder = "claims"

    public init(directory: String, regions: [Region], actors: [Actor], settlements: [Settlement], baseline: Baseline?, lines: [ReferenceLine]) {
        self.directory = directory
        self.regions = regions
        self.actors = actors
        self.settlements = settlements
        self.baseline = baseline
        self.lines = lines
    }

    public func path(_ name: String) -> String { directory + "/" + name }

    /// The folder at `directory` with nothing read from it: where its files are.
    public static func empty(_ directory: String) -> Dataset {
        Dataset(directory: directory, regions: [], actors: [], settlements: [], baseline: nil, lines: [])
    }

    /// Every file a command reads from the folder at `directory`: its data files, `dataset.json` and the
    /// ledger (`claimFiles` when given, else the claim files of its `claims/`), for the checks
    /// that an output is not an input and for `serve`'s watch of its ledger.
    public static func inputFiles(directory: String, claimFiles: [String] = []) -> [String] {
        let folder = empty(directory)
        let names = [regionsFile, actorsFile, settlementsFile, baselineFile, linesFile, DatasetInfo.file]
        return names.map(folder.path) + (claimFiles.isEmpty ? (try? ClaimsLedger.files(in: folder)) ?? [] : claimFiles)
    }

    /// The ids `file` defines, to check references against; nil when the file could not be
    /// read (its problem is reported once, not again at every reference).
    public func referenceIDs(_ file: String, _ ids: [String]) -> Set<String>? {
        unreadableFiles.contains(file) ? nil : Set(ids)
    }

    public func region(_ id: String) -> Region? { regions.first { $0.id == id } }

    /// What to load: commands load only what they use.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let regions = Parts(rawValue: 1)
        public static let actors = Parts(rawValue: 2)
        public static let settlements = Parts(rawValue: 4)
        public static let baseline = Parts(rawValue: 8)
        public static let lines = Parts(rawValue: 16)
        public static let info = Parts(rawValue: 32)
        public static let all: Parts = [.regions, .actors, .settlements, .baseline, .lines, .info]
    }

    /// Loads `parts` of the folder. Settlements need regions, the baseline needs actors.
    public static func load(_ directory: String, parts: Parts = .all, checkValidity: Bool = true) throws(DataError) -> Dataset {
        let (dataset, diagnostics) = loadPartially(directory, parts: parts, checkValidity: checkValidity)
        if !diagnostics.isEmpty { throw DataError(diagnostics) }
        return dataset
    }

    /// Loads what it can and returns it with every problem found, for `validate`, which goes on
    /// to check the parts that did load.
    public static func loadPartially(_ directory: String, parts: Parts = .all, checkValidity: Bool = true) -> (Dataset, [Diagnostic]) {
        var dataset = empty(directory)
        guard FileIO.isDirectory(directory) else {
            return (dataset, [Diagnostic(file: directory, message: "data folder not found (pass --data DIR or set FRONTLINE_DATA)")])
        }
        var collector = DiagnosticCollector()
        var needed = parts
        if parts.contains(.settlements) { needed.insert(.regions) }
        if parts.contains(.baseline) { needed.insert(.actors) }
        var regionIDs: Set<String>? = []
        var actorIDs: Set<String>? = []
        if needed.contains(.regions) {
            let loaded = collectRegions(dataset.path(regionsFile), checkValidity: checkValidity)
            (dataset.regions, regionIDs) = (loaded.items, loaded.fileRead ? loaded.ids : nil)
            if !loaded.fileRead { dataset.unreadableFiles.insert(regionsFile) }
            collector.add(contentsOf: loaded.diagnostics)
        }
        if needed.contains(.actors) {
            let loaded = collectActors(dataset.path(actorsFile))
            (dataset.actors, actorIDs) = (loaded.items, loaded.fileRead ? loaded.ids : nil)
            if !loaded.fileRead { dataset.unreadableFiles.insert(actorsFile) }
            collector.add(contentsOf: loaded.diagnostics)
        }
        // A folder without a gazetteer (a tracker's, whose claims are polygons) has no settlements.
        if needed.contains(.settlements) && FileIO.exists(dataset.path(settlementsFile)) {
            let loaded = collectSettlements(dataset.path(settlementsFile), regionIDs: regionIDs, regions: dataset.regions)
            dataset.settlements = loaded.items
            if !loaded.fileRead { dataset.unreadableFiles.insert(settlementsFile) }
            collector.add(contentsOf: loaded.diagnostics)
        }
        if needed.contains(.baseline) {
            do {
                dataset.baseline = try loadBaseline(dataset.path(baselineFile), actorIDs: actorIDs, checkValidity: checkValidity)
            } catch { collector.add(contentsOf: error.diagnostics) }
        }
        if needed.contains(.lines) && FileIO.exists(dataset.path(linesFile)) {
            do { dataset.lines = try loadLines(dataset.path(linesFile)) } catch { collector.add(contentsOf: error.diagnostics) }
        }
        if needed.contains(.info) && FileIO.exists(dataset.path(DatasetInfo.file)) {
            do { dataset.info = try DatasetInfo.load(dataset.path(DatasetInfo.file)) } catch { collector.add(contentsOf: error.diagnostics) }
        }
        return (dataset, collector.diagnostics)
    }

    static func duplicateCheck(_ id: String, index: Int, seen: inout [String: Int], reader: inout PropertyReader) {
        if let first = seen[id] {
            reader.report(reader.featurePath.appending("id"), "duplicate id \"\(id)\" (also feature \(first))")
        } else {
            seen[id] = index
        }
    }

    /// GEOS validity of an areal geometry, reported with GEOS's reason and location.
    static func checkGeometry(_ geometry: GeoJSONGeometry, reader: inout PropertyReader) {
        do {
            if let problem = try Geometry(geometry).validityProblem() {
                reader.report(reader.featurePath.appending("geometry"), "invalid geometry: \(problem) (fix it, or pass --repair where the command offers it)")
            }
        } catch {
            reader.report(reader.featurePath.appending("geometry"), "geometry rejected by GEOS: \(error)")
        }
    }

    public static func loadRegions(_ path: String, checkValidity: Bool = true) throws(DataError) -> [Region] {
        let loaded = collectRegions(path, checkValidity: checkValidity)
        if !loaded.diagnostics.isEmpty { throw DataError(loaded.diagnostics) }
        return loaded.items
    }

    /// What a loader could read: the good items, every id it saw (for reference checks, so a
    /// broken feature does not also make every reference to it "unknown"), and the problems.
    struct Loaded<Item> {
        var items: [Item] = []
        var ids: Set<String> = []
        var diagnostics: [Diagnostic] = []
        /// False when the file itself could not be read (missing, not JSON, not a collection).
        var fileRead = true
    }

    /// Reads every feature of a FeatureCollection file through its own reader, the id checked
    /// against duplicates, and keeps what `read` makes of each feature that has no problem.
    static func collect<Item>(_ path: String, _ read: (inout PropertyReader, String?) -> Item?) -> Loaded<Item> {
        let collection: FeatureCollection
        do { collection = try GeoJSONFile.loadCollection(path) } catch { return Loaded(diagnostics: error.diagnostics, fileRead: false) }
        var items: [Item] = []
        var diagnostics = DiagnosticCollector()
        var seen: [String: Int] = [:]
        for (index, feature) in collection.features.enumerated() {
            var reader = PropertyReader(file: path, index: index, feature: feature)
            let id = reader.stringID()
            if let id { duplicateCheck(id, index: index, seen: &seen, reader: &reader) }
            if let item = read(&reader, id), reader.diagnostics.isEmpty { items.append(item) }
            diagnostics.add(contentsOf: reader.diagnostics)
        }
        return Loaded(items: items, ids: Set(seen.keys), diagnostics: diagnostics.diagnostics)
    }

    static func collectRegions(_ path: String, checkValidity: Bool) -> Loaded<Region> {
        collect(path) { reader, id in
            let name = reader.string("name")
            let country = reader.string("country")
            let level = reader.string("level")
            let nameLocal = reader.string("name_local", required: false)
            let source = reader.string("source", required: false)
            let official = reader.number("official_area_km2")
            let officialSource = reader.string("official_area_source", required: false)
            if let official, !(official > 0) { reader.report(reader.propertyPath("official_area_km2"), "must be a positive number of km²") }
            let geometry = reader.geometry(["Polygon", "MultiPolygon"], what: "a region")
            if let geometry, checkValidity { checkGeometry(geometry, reader: &reader) }
            guard reader.diagnostics.isEmpty, let id, let name, let country, let level, let geometry else { return nil }
            var region = Region(id: id, name: name, country: country, level: level, geometry: geometry)
            region.nameLocal = nameLocal
            region.source = source
            region.officialAreaKm2 = official
            region.officialAreaSource = officialSource
            return region
        }
    }

    /// `regionIDs` nil: the regions could not be read, and references to them are not checked.
    public static func loadSettlements(_ path: String, regionIDs: Set<String>?, regions: [Region] = []) throws(DataError) -> [Settlement] {
        let loaded = collectSettlements(path, regionIDs: regionIDs, regions: regions)
        if !loaded.diagnostics.isEmpty { throw DataError(loaded.diagnostics) }
        return loaded.items
    }

    static func collectSettlements(_ path: String, regionIDs: Set<String>?, regions: [Region]) -> Loaded<Settlement> {
        let placement = RegionPlacement(regions)
        return collect(path) { reader, id in
            let name = reader.string("name")
            let names = reader.strings("names")
            let region = reader.string("region")
            if let region, let regionIDs, !regionIDs.contains(region) {
                reader.report(reader.propertyPath("region"), "unknown region \"\(region)\" (not in \(regionsFile))")
            }
            let source = reader.string("source", required: false)
            let note = reader.string("note", required: false)
            let geonamesID = reader.identifier("geonames_id")
            let wofID = reader.identifier("wof_id")
            let geometry = reader.geometry(["Point"], what: "a settlement")
            guard reader.diagnostics.isEmpty, let id, let name, let region, case .point(let position)? = geometry?.shape else { return nil }
            if let problem = placement.problem(position, region: region) {
                reader.report(reader.featurePath.appending("geometry"), problem)
                return nil
            }
            var settlement = Settlement(id: id, name: name, names: names, region: region, position: position, source: source)
            settlement.note = note
            settlement.geonamesID = geonamesID
            settlement.wofID = wofID
            return settlement
        }
    }

    /// A settlement stands for its Voronoi cell clipped to its region: one whose point lies
    /// outside that region would stand for nothing there (a claim naming it would lose its
    /// place), so it is refused, naming the region the point does lie in when there is one.
    struct RegionPlacement {
        let regions: [Region]
        let prepared: [String: PreparedGeometry]

        init(_ regions: [Region]) {
            self.regions = regions
            var prepared: [String: PreparedGeometry] = [:]
            for region in regions { prepared[region.id] = try? PreparedGeometry(Geometry(region.geometry)) }
            self.prepared = prepared
        }

        /// Nil when the point is inside (or on the boundary of) `region`, or the region is unknown.
        func problem(_ position: Position, region: String) -> String? {
            let (x, y) = (position.longitude, position.latitude)
            guard let area = prepared[region], (try? area.intersects(x: x, y: y)) == false else { return nil }
            let actual = regions.first { (try? prepared[$0.id]?.intersects(x: x, y: y)) == true }
            let there = actual.map { "it lies in \($0.id) (\($0.name))" } ?? "it lies in no region"
            return "the point [\(x), \(y)] is outside its region \(region): \(there); fix the point or the region"
        }
    }

    public static func loadActors(_ path: String) throws(DataError) -> [Actor] {
        let loaded = collectActors(path)
        if !loaded.diagnostics.isEmpty { throw DataError(loaded.diagnostics) }
        return loaded.items
    }

    static func collectActors(_ path: String) -> Loaded<Actor> {
        let bytes: [UInt8]
        do { bytes = try FileIO.read(path) } catch { return Loaded(diagnostics: error.diagnostics, fileRead: false) }
        let value: JSONValue
        do { value = try JSONParser().parse(bytes) } catch {
            return Loaded(diagnostics: [Diagnostic(file: path, path: error.path, message: "invalid JSON at line \(error.line), column \(error.column): \(error.message)")], fileRead: false)
        }
        guard let elements = value.arrayElements else {
            return Loaded(diagnostics: [Diagnostic(file: path, path: .root, message: "expected an array of actors, found \(value.typeDescription)")], fileRead: false)
        }
        var actors: [Actor] = []
        var diagnostics = DiagnosticCollector()
        var seen: Set<String> = []
        for (index, element) in elements.enumerated() {
            let path0 = JSONPath([.index(index)])
            guard let object = element.objectValue else {
                diagnostics.add(Diagnostic(file: path, path: path0, message: "expected an object, found \(element.typeDescription)"))
                continue
            }
            var fields: [String: String] = [:]
            for key in ["id", "name", "color", "note"] {
                guard let member = object[key] else {
                    if key != "note" { diagnostics.add(Diagnostic(file: path, path: path0, message: "missing member \"\(key)\"")) }
                    continue
                }
                guard let string = member.stringValue else {
                    diagnostics.add(Diagnostic(file: path, path: path0.appending(key), message: "expected a string, found \(member.typeDescription)"))
                    continue
                }
                fields[key] = string
            }
            if let color = fields["color"], !isHexColor(color) {
                diagnostics.add(Diagnostic(file: path, path: path0.appending("color"), message: "expected a colour #rrggbb, found \"\(color)\""))
                fields["color"] = nil
            }
            if let id = fields["id"] {
                if id.isEmpty { diagnostics.add(Diagnostic(file: path, path: path0.appending("id"), message: "must not be empty")) }
                if !seen.insert(id).inserted {
                    diagnostics.add(Diagnostic(file: path, path: path0.appending("id"), message: "duplicate actor id \"\(id)\""))
                }
            }
            if let id = fields["id"], let name = fields["name"], let color = fields["color"] {
                actors.append(Actor(id: id, name: name, color: color, note: fields["note"]))
            }
        }
        return Loaded(items: actors, ids: seen, diagnostics: diagnostics.diagnostics)
    }

    public static func isHexColor(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "#")
            && bytes.dropFirst().allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    /// `actorIDs` nil: the actors could not be read, and references to them are not checked.
    public static func loadBaseline(_ path: String, actorIDs: Set<String>?, checkValidity: Bool = true) throws(DataError) -> Baseline {
        let collection = try GeoJSONFile.loadCollection(path)
        var diagnostics = DiagnosticCollector()
        var date: CalendarDate?
        switch collection.foreignMembers["date"] {
        case .string(let text)?:
            date = CalendarDate(text)
            if date == nil { diagnostics.add(Diagnostic(file: path, path: JSONPath([.key("date")]), message: CalendarDate.problem(with: text))) }
        case let other?:
            diagnostics.add(Diagnostic(file: path, path: JSONPath([.key("date")]), message: "expected a date string, found \(other.typeDescription)"))
        case nil:
            diagnostics.add(Diagnostic(file: path, path: .root, message: "missing member \"date\" (the date of the baseline partition, YYYY-MM-DD)"))
        }
        var pieces: [Baseline.Piece] = []
        var seen: [String: Int] = [:]
        for (index, feature) in collection.features.enumerated() {
            var reader = PropertyReader(file: path, index: index, feature: feature)
            let id = feature.id?.description ?? "baseline:\(index)"
            if feature.id != nil { duplicateCheck(id, index: index, seen: &seen, reader: &reader) }
            let controller = reader.string("controller")
            if let controller, let actorIDs, !actorIDs.contains(controller) {
                reader.report(reader.propertyPath("controller"), "unknown actor \"\(controller)\" (not in \(actorsFile))")
            }
            let source = reader.string("source", required: false)
            let geometry = reader.geometry(["Polygon", "MultiPolygon"], what: "a baseline piece")
            if let geometry, checkValidity { checkGeometry(geometry, reader: &reader) }
            if reader.diagnostics.isEmpty, let controller, let geometry {
                pieces.append(Baseline.Piece(id: id, controller: controller, geometry: geometry, source: source))
            }
            diagnostics.add(contentsOf: reader.diagnostics)
        }
        if collection.features.isEmpty {
            diagnostics.add(Diagnostic(file: path, path: JSONPath([.key("features")]), message: "the baseline has no features: it must cover the theatre"))
        }
        if !diagnostics.isEmpty { throw DataError(diagnostics.diagnostics) }
        return Baseline(date: date!, pieces: pieces, source: collection.foreignMembers["source"]?.stringValue)
    }

    public static func loadLines(_ path: String) throws(DataError) -> [ReferenceLine] {
        let collection = try GeoJSONFile.loadCollection(path)
        var lines: [ReferenceLine] = []
        var diagnostics = DiagnosticCollector()
        for (index, feature) in collection.features.enumerated() {
            var reader = PropertyReader(file: path, index: index, feature: feature)
            let id = reader.stringID()
            let name = reader.string("name")
            let geometry = reader.geometry(["LineString", "MultiLineString"], what: "a reference line")
            if reader.diagnostics.isEmpty, let id, let name, let geometry {
                lines.append(ReferenceLine(id: id, name: name, geometry: geometry, properties: feature.properties ?? JSONObject()))
            }
            diagnostics.add(contentsOf: reader.diagnostics)
        }
        if !diagnostics.isEmpty { throw DataError(diagnostics.diagnostics) }
        return lines
    }
}
