import GeoJSON
import Geometry

/// The claims ledger: every claim of the given files, checked field by field against the data
/// folder (known actors, regions and settlements; real dates; no earlier than the baseline;
/// unique ids across files). Every problem is reported at once as
/// `FILE: feature N (id): path: message`.
public struct ClaimsLedger: Sendable {
    public var claims: [Claim]
    /// Repairs made under `--repair` (invalid polygons made valid), one line each.
    public var repairs: [String]

    /// The ledger files of a data folder: `claims/*.geojson` and `claims/*.json`, whatever the
    /// case of the extension, sorted. Hidden files (editors' and Frontline's own temporaries) are
    /// not claims.
    public static func files(in dataset: Dataset) throws(DataError) -> [String] {
        try listing(dataset).claims
    }

    /// One warning per visible file of `claims/` that is not read as claims (another extension),
    /// so that a ledger file misnamed `.geojsn` or `.txt` is not left out without a word.
    public static func unreadFiles(in dataset: Dataset) throws(DataError) -> [String] {
        try listing(dataset).others.map { "warning: \($0): not read as claims (claim files end in .geojson or .json)" }
    }

    static let claimExtensions = [".geojson", ".json"]

    static func listing(_ dataset: Dataset) throws(DataError) -> (claims: [String], others: [String]) {
        let folder = dataset.path(Dataset.claimsFolder)
        guard FileIO.isDirectory(folder) else { return ([], []) }
        var claims: [String] = [], others: [String] = []
        for name in try FileIO.listDirectory(folder) where !name.hasPrefix(".") {
            let lowered = name.lowercased()
            if claimExtensions.contains(where: lowered.hasSuffix) { claims.append(folder + "/" + name) } else { others.append(folder + "/" + name) }
        }
        return (claims, others)
    }

    /// `decoded`: files already read (`GeoJSONFile.loadCollection`), by path; the others are
    /// read here.
    public static func load(files: [String], dataset: Dataset, repair: Bool = false,
                            decoded: [String: Result<FeatureCollection, DataError>] = [:]) throws(DataError) -> ClaimsLedger {
        try load(files.lazy.map { file in
            (file, { () throws(DataError) in
                if let result = decoded[file] { return try result.get() }
                return try GeoJSONFile.loadCollection(file)
            })
        }, dataset: dataset, repair: repair)
    }

    /// A ledger from documents in memory (name, bytes), e.g. for fuzzing or a web upload.
    public static func load(documents: [(name: String, bytes: [UInt8])], dataset: Dataset, repair: Bool = false) throws(DataError) -> ClaimsLedger {
        try load(documents.lazy.map { document in
            (document.name, { () throws(DataError) in
                switch try GeoJSONFile.decode(document.bytes, file: document.name) {
                case .featureCollection(let collection): return collection
                default: throw DataError(file: document.name, message: "expected a FeatureCollection of claims")
                }
            })
        }, dataset: dataset, repair: repair)
    }

    /// Reads each file (lazily, one at a time) and checks every claim against the dataset.
    static func load(
        _ sources: some Sequence<(String, () throws(DataError) -> FeatureCollection)>, dataset: Dataset, repair: Bool
    ) throws(DataError) -> ClaimsLedger {
        var claims: [Claim] = []
        var repairs: [String] = []
        var diagnostics = DiagnosticCollector()
        var firstUse: [String: (String, Int)] = [:]
        let known = KnownIDs(dataset)
        for (file, read) in sources {
            let collection: FeatureCollection
            do {
                collection = try read()
            } catch {
                diagnostics.add(contentsOf: error.diagnostics)
                continue
            }
            for (index, feature) in collection.features.enumerated() {
                var reader = PropertyReader(file: file, index: index, feature: feature)
                let id = reader.stringID()
                if let id {
                    if let (otherFile, otherIndex) = firstUse[id] {
                        let other = otherFile == file ? "feature \(otherIndex)" : "\(otherFile) feature \(otherIndex)"
                        reader.report(reader.featurePath.appending("id"), "duplicate claim id \"\(id)\" (also \(other))")
                    } else {
                        firstUse[id] = (file, index)
                    }
                }
                if let claim = readClaim(&reader, id: id, file: file, index: index, known: known, baseline: dataset.baseline, repair: repair, repairs: &repairs) {
                    claims.append(claim)
                }
                diagnostics.add(contentsOf: reader.diagnostics)
            }
        }
        if !diagnostics.isEmpty { throw DataError(diagnostics.diagnostics) }
        claims.sort(by: Claim.ledgerOrder)
        return ClaimsLedger(claims: claims, repairs: repairs)
    }

    /// The ids a claim may refer to; nil where the file defining them could not be read (its
    /// problem is reported once, not again at every reference).
    struct KnownIDs {
        var actors: Set<String>?
        var regions: Set<String>?
        var settlements: Set<String>?
        /// The region of each settlement, to check a claim's settlements against its region.
        var regionOfSettlement: [String: String]
        /// The settlements by name, to resolve a claim's places (nil when their file could not be read).
        let gazetteer: LazyGazetteer?

        init(_ dataset: Dataset) {
            regionOfSettlement = Dictionary(dataset.settlements.map { ($0.id, $0.region) }, uniquingKeysWith: { first, _ in first })
            actors = dataset.referenceIDs(Dataset.actorsFile, dataset.actors.map(\.id))
            regions = dataset.referenceIDs(Dataset.regionsFile, dataset.regions.map(\.id))
            settlements = dataset.referenceIDs(Dataset.settlementsFile, dataset.settlements.map(\.id))
            gazetteer = settlements == nil ? nil : LazyGazetteer(dataset.settlements)
        }
    }

    /// The gazetteer, keyed on first use: keying every name of a large gazetteer costs more than
    /// reading a ledger whose claims name no places.
    final class LazyGazetteer {
        private let settlements: [Settlement]
        private(set) lazy var gazetteer = Gazetteer(settlements)

        init(_ settlements: [Settlement]) { self.settlements = settlements }
    }

    /// One feature as a claim, every problem reported through `reader` (nil when there is any).
    static func readClaim(
        _ reader: inout PropertyReader, id: String?, file: String, index: Int, known: KnownIDs, baseline: Baseline?, repair: Bool, repairs: inout [String]
    ) -> Claim? {
        let date = reader.date("date", required: true)
        let reported = reader.date("reported", required: false)
        if let date, let baseline, date < baseline.date {
            reader.report(reader.propertyPath("date"), "\(date) is before the baseline (\(baseline.date)): claims start from the baseline's partition")
        }
        let controller = reader.string("controller")
        if let controller, known.actors?.contains(controller) == false {
            reader.report(reader.propertyPath("controller"), "unknown actor \"\(controller)\" (not in \(Dataset.actorsFile))")
        }
        let claimant = reader.string("claimant")
        var status: Claim.Status?
        if let text = reader.string("status") {
            status = Claim.Status(rawValue: text)
            if status == nil {
                reader.report(reader.propertyPath("status"), "unknown status \"\(text)\": expected one of claimed, assessed, confirmed, retracted")
            }
        }
        let region = reader.string("region", required: false)
        if let region, known.regions?.contains(region) == false {
            reader.report(reader.propertyPath("region"), "unknown region \"\(region)\" (not in \(Dataset.regionsFile))")
        }
        var extent = Claim.Extent.full
        if let text = reader.string("extent", required: false) {
            if let value = Claim.Extent(rawValue: text) { extent = value } else {
                reader.report(reader.propertyPath("extent"), "unknown extent \"\(text)\": expected full or partial")
            }
        }
        var mode = Claim.Mode.change
        if let text = reader.string("mode", required: false) {
            if let value = Claim.Mode(rawValue: text) { mode = value } else {
                reader.report(reader.propertyPath("mode"), "unknown mode \"\(text)\": expected change or exact")
            }
        }
        let cededTo = reader.string("ceded_to", required: false)
        if let cededTo {
            if known.actors?.contains(cededTo) == false {
                reader.report(reader.propertyPath("ceded_to"), "unknown actor \"\(cededTo)\" (not in \(Dataset.actorsFile))")
            } else if mode != .exact {
                reader.report(reader.propertyPath("ceded_to"), "only an exact claim (\"mode\": \"exact\") cedes ground; remove ceded_to or set the mode")
            } else if cededTo == controller {
                reader.report(reader.propertyPath("ceded_to"), "an exact claim cannot cede ground to its own controller \"\(cededTo)\"")
            }
        } else if mode == .exact {
            reader.report(reader.featurePath.appending("properties"), "missing property \"ceded_to\": an exact claim names who holds what its controller gives up in the scope")
        }
        let names = reader.strings("settlements")
        for (offset, name) in names.enumerated() {
            if known.settlements?.contains(name) == false {
                reader.report(reader.propertyPath("settlements").appending(offset), "unknown settlement \"\(name)\" (not in \(Dataset.settlementsFile))")
            } else if let region, let actual = known.regionOfSettlement[name], actual != region {
                // Its cell is clipped to its own region, so it would add nothing to this claim.
                reader.report(reader.propertyPath("settlements").appending(offset), "settlement \"\(name)\" is in region \(actual), not in the claim's region \(region)")
            }
        }
        let places = readPlaces(&reader, region: region, gazetteer: known.gazetteer)
        let source = readSource(&reader)
        let note = reader.string("note", required: false)
        var geometry = reader.feature.geometry?.flattened
        if let shape = geometry {
            let allowed: Set<String> = ["Polygon", "MultiPolygon", "Point", "MultiPoint"]
            if !allowed.contains(shape.typeName) {
                reader.report(reader.featurePath.appending("geometry").appending("type"), "a claim's geometry must be null, Polygon, MultiPolygon, Point or MultiPoint, found \(shape.typeName)")
            } else if shape.allPositionLists.allSatisfy(\.isEmpty) {
                reader.report(reader.featurePath.appending("geometry").appending("coordinates"), "the \(shape.typeName) is empty; use \"geometry\": null for a claim without a shape of its own")
            } else if !shape.polygons.isEmpty {
                geometry = checkPolygons(shape, repair: repair, reader: &reader, repairs: &repairs)
            }
        }
        guard reader.diagnostics.isEmpty, let id, let date, let controller, let claimant, let status, let source else { return nil }
        return Claim(
            id: id, date: date, reported: reported, controller: controller, claimant: claimant, status: status,
            region: region, extent: extent, mode: mode, cededTo: cededTo, settlements: names, places: places, geometry: geometry, source: source,
            note: note, file: file, index: index)
    }

    /// The claim's `places`: names as the sources spell them, each resolved to one settlement
    /// of the claim's region (of any region when it has none). An ambiguous name lists the
    /// candidates; an unknown one the three closest there and any settlement of that name elsewhere.
    static func readPlaces(_ reader: inout PropertyReader, region: String?, gazetteer lazyGazetteer: LazyGazetteer?) -> [Claim.Place] {
        let names = reader.strings("places")
        guard !names.isEmpty, let gazetteer = lazyGazetteer?.gazetteer else { return [] }
        var places: [Claim.Place] = []
        let scope = region.map { Set([$0]) }
        for (offset, name) in names.enumerated() {
            let match = gazetteer.match(name, regions: scope)
            if case .found(let settlement) = match {
                places.append(Claim.Place(name: name, settlement: settlement.id))
            } else if let problem = Gazetteer.problem(match, name: name, region: region) {
                reader.report(reader.propertyPath("places").appending(offset), problem)
            }
        }
        return places
    }

    static func readSource(_ reader: inout PropertyReader) -> Claim.Source? {
        guard let value = reader.feature.properties?["source"], !value.isNull else {
            reader.report(reader.featurePath.appending("properties"), "missing property \"source\" (an object with a url or a title)")
            return nil
        }
        guard let object = value.objectValue else {
            reader.report(reader.propertyPath("source"), "expected an object with a url or a title, found \(value.typeDescription)")
            return nil
        }
        var source = Claim.Source()
        var valid = true
        for key in ["url", "title", "publisher", "quote"] {
            guard let member = object[key], !member.isNull else { continue }
            guard let text = member.stringValue else {
                reader.report(reader.propertyPath("source").appending(key), "expected a string, found \(member.typeDescription)")
                valid = false
                continue
            }
            switch key {
            case "url": source.url = text
            case "title": source.title = text
            case "publisher": source.publisher = text
            default: source.quote = text
            }
        }
        if let files = object["files"], !files.isNull {
            let path = reader.propertyPath("source").appending("files")
            if let elements = files.arrayElements {
                for (offset, element) in elements.enumerated() {
                    if let name = element.objectValue?["name"]?.stringValue, let sha256 = element.objectValue?["sha256"]?.stringValue {
                        source.files.append(Claim.SourceFile(name: name, sha256: sha256))
                    } else {
                        reader.report(path.appending(offset), "expected an object with the strings name and sha256")
                        valid = false
                    }
                }
            } else {
                reader.report(path, "expected an array of {name, sha256}, found \(files.typeDescription)")
                valid = false
            }
        }
        if (source.url ?? "").isEmpty && (source.title ?? "").isEmpty {
            reader.report(reader.propertyPath("source"), "a source needs a url or a title")
            valid = false
        }
        return valid ? source : nil
    }

    /// Invalid polygons are an error with GEOS's reason and location, or, with `repair`, made
    /// valid by GEOS make-valid and reported.
    static func checkPolygons(_ shape: GeoJSONGeometry, repair: Bool, reader: inout PropertyReader, repairs: inout [String]) -> GeoJSONGeometry? {
        do {
            return try ValidityPolicy.check(
                shape, repair: repair, file: reader.file, featureIndex: reader.index, featureID: reader.featureID,
                path: reader.featurePath.appending("geometry"), repairs: &repairs)
        } catch {
            reader.diagnostics += error.diagnostics
            return nil
        }
    }
}
