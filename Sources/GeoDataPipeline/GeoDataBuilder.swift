import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// Rebuilds every generated file of `GeoData/` from the public sources a recipe names
/// (`frontline build-geodata`, run by `tools/build-geodata`). The same sources and recipe always
/// give byte-identical files. The claims ledger (`claims/`) is the primary record and is not
/// generated.
public struct GeoDataBuilder {
    public let recipe: GeoDataRecipe
    /// The folder holding each source package unpacked under its `root` name.
    public let sourcesRoot: String

    /// The hand-kept ledger source (`tools/geodata/claims.json`); no claims are built without it.
    public let claimsSource: String?
    /// The committed Who's On First localities (`tools/geodata/wof-localities.csv`), added to
    /// the gazetteer as the recipe's `wof_localities` says.
    public let localitiesSource: String?
    /// The committed Who's On First district polygons (`tools/geodata/wof-districts.geojson`),
    /// used as the recipe's `wof_districts` says.
    public let districtsSource: String?

    public init(recipe: GeoDataRecipe, sourcesRoot: String, claimsSource: String? = nil, localitiesSource: String? = nil, districtsSource: String? = nil) {
        self.recipe = recipe
        self.sourcesRoot = sourcesRoot
        self.claimsSource = claimsSource
        self.localitiesSource = localitiesSource
        self.districtsSource = districtsSource
    }

    /// The built files (name → bytes) and a few lines describing what was done.
    public struct Output {
        public var files: [(name: String, bytes: [UInt8])]
        public var summary: [String]
    }

    func sourcePath(_ key: String) throws(DataError) -> String {
        let source = try recipe.source(key)
        return "\(sourcesRoot)/\(source.root)/\(source.path)"
    }

    public func build() throws -> Output {
        var summary: [String] = []
        let geonames = try GeoNamesFile.read(try sourcePath("geonames"))
        let iso = try ISOCodesFile.read(try sourcePath("iso_codes"))
        let regionsBuild = try RegionsBuilder(recipe: recipe, iso: iso, geonames: geonames).build(shapefile: try sourcePath("natural_earth_admin1"))
        summary += regionsBuild.summary
        var regions = regionsBuild.regions
        var districts: DistrictsBuilder.Result?
        if let block = recipe.wof_districts {
            guard let districtsSource else {
                throw DataError(file: "recipe", message: "the recipe takes districts from Who's On First: give their file (--districts)")
            }
            let switched = try DistrictsBuilder(recipe: block, path: districtsSource).apply(to: regions)
            regions = switched.regions
            summary += switched.summary
            districts = switched
        }

        let disputed = try VectorSource.read(try sourcePath("natural_earth_disputed"), layer: try recipe.source("natural_earth_disputed").layer)
        let nagornoKarabakh = try LinesBuilder.historicalRegion(recipe.nagorno_karabakh, from: disputed, recipe: recipe)
        regions.append(nagornoKarabakh)
        regions.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        summary.append("NK: \(Report.fixed(Geodesic.measure(nagornoKarabakh.geometry).areaKm2, decimals: 1)) km² polygonized from \"\(recipe.nagorno_karabakh.lines)\" lines")

        let ceasefire = try LinesBuilder.mergedLine(recipe.ceasefire, from: disputed, recipe: recipe)
        summary.append("\(recipe.ceasefire.id): one line of \(Report.fixed(Geodesic.measure(ceasefire.geometry).lengthKm, decimals: 1)) km")

        let baseline = try BaselineBuilder.build(recipe: recipe, regions: regions, line: ceasefire)
        for piece in baseline.pieces {
            summary.append("baseline \(piece.controller): \(Report.fixed(Geodesic.measure(piece.geometry).areaKm2, decimals: 1)) km²")
        }

        if recipe.wof_localities != nil && localitiesSource == nil {
            throw DataError(file: "recipe", message: "the recipe adds Who's On First localities: give their file (--localities)")
        }
        let localities = try localitiesSource.map { path throws(DataError) in try WOFLocalitiesFile.read(path) } ?? []
        let settlements = try SettlementsBuilder.build(recipe: recipe, geonames: geonames, localities: localities, regions: regions, theatre: baseline)
        summary.append("settlements: \(settlements.settlements.count) (\(settlements.fromGeoNames) from GeoNames, \(recipe.places.count) from the reference timeline, \(settlements.merged) of them matched to a GeoNames place, \(settlements.fromWOF) from Who's On First, \(settlements.mergedWOF) more merged with one)")

        let actors = recipe.actors.map { Actor(id: $0.id, name: $0.name, color: $0.color, note: $0.note) }
        let encoder = GeoJSONEncoder()
        var files: [(String, [UInt8])] = []
        files.append((Dataset.regionsFile, encoder.encode(FeatureCollection(features: regions.map(\.feature)))))
        files.append((Dataset.linesFile, encoder.encode(FeatureCollection(features: [ceasefire.feature]))))
        files.append((Dataset.baselineFile, encoder.encode(baseline.collection)))
        files.append((Dataset.settlementsFile, encoder.encode(FeatureCollection(features: settlements.settlements.map(\.feature)))))
        files.append((Dataset.actorsFile, Actor.fileBytes(actors.map(\.json))))
        if let about = recipe.dataset {
            files.append((DatasetInfo.file, DatasetInfo(title: about.title, description: about.description, attribution: about.attribution).fileBytes))
        }
        files.append(("SOURCES.md", Array(SourcesDocument.markdown(recipe: recipe, fixes: regionsBuild.fixes, unusedISO: regionsBuild.unusedISOCodes, settlements: settlements).utf8)))
        var held: HeldByDateTable?
        if let claimsSource {
            let claimFiles = try ClaimsBuilder.build(claimsSource, baseline: baseline)
            files += claimFiles.map { ($0.name, $0.bytes) }
            summary.append("claims: \(claimFiles.count) ledger files")
            // The held-area table reads the folder as the commands do: it needs the ledger.
            if let spec = recipe.held_by_date { held = try HeldByDateTable.measure(spec, files: files.map { (name: $0.0, bytes: $0.1) }) }
        }
        files.append(("QUALITY.md", Array(try QualityDocument.markdown(recipe: recipe, regions: regions, baseline: baseline, held: held, districts: districts, settlements: settlements.settlements).utf8)))
        return Output(files: files.sorted { $0.0 < $1.0 }.map { (name: $0.0, bytes: $0.1) }, summary: summary)
    }
}

extension ReferenceLine {
    public var feature: Feature {
        Feature(id: .string(id), geometry: geometry, properties: properties)
    }
}

extension Baseline {
    /// `baseline.geojson`: a FeatureCollection dated by the foreign member `date`.
    public var collection: FeatureCollection {
        var foreign = JSONObject()
        foreign["date"] = .string(date.description)
        if let source { foreign["source"] = .string(source) }
        let features = pieces.map { piece in
            var properties = JSONObject(["controller": .string(piece.controller)])
            if let source = piece.source { properties["source"] = .string(source) }
            return Feature(id: .string(piece.id), geometry: piece.geometry, properties: properties)
        }
        return FeatureCollection(features: features, foreignMembers: foreign)
    }
}
