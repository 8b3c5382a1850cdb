import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// The gazetteer: every GeoNames place inside the theatre, plus every located place of the
/// reference timeline (which replaces the GeoNames entry for the same place, keeping its name).
enum SettlementsBuilder {
    struct Result {
        var settlements: [Settlement]
        var fromGeoNames: Int
        var merged: Int
        /// Who's On First localities added as settlements, and those merged into one already there.
        var fromWOF = 0
        var mergedWOF = 0
        var notes: [String]
    }

    static func build(recipe: GeoDataRecipe, geonames: [GeoNamesPlace], localities: [WOFLocality] = [], regions: [Region], theatre baseline: Baseline) throws -> Result {
        let geonamesSource = try recipe.source("geonames")
        let theatre = try Geometry.union(try baseline.pieces.map { try Geometry($0.geometry) })
        let preparedTheatre = try PreparedGeometry(theatre)
        var candidates: [GeoNamesPlace] = []
        for place in geonames where try preparedTheatre.covers(Geometry.point(x: place.longitude, y: place.latitude)) {
            candidates.append(place)
        }
        // Smallest containing current region first (a city inside its district's outline).
        let current = regions.filter { !$0.isHistorical }
        let prepared = try current.map { try PreparedGeometry(Geometry($0.geometry)) }
        let areas = current.map { Geodesic.measure($0.geometry).area }
        func region(of position: Position) throws -> String? {
            let point = Geometry.point(x: position.longitude, y: position.latitude)
            var best: Int?
            for index in current.indices where try prepared[index].covers(point) {
                if best == nil || areas[index] < areas[best!] { best = index }
            }
            return best.map { current[$0].id }
        }

        var settlements: [Settlement] = []
        var notes: [String] = []
        var merged = 0
        for place in recipe.places {
            let position = Position(place.lon, place.lat)
            guard let regionID = try region(of: position) else {
                throw DataError(file: "tools/geodata/recipe.json", message: "place \(place.id) at \(place.lat), \(place.lon) lies in no region")
            }
            var names = place.names ?? []
            var source = place.source
            if let note = place.note { notes.append("`\(place.id)`: \(note).") }
            if let geonamesName = place.geonames {
                let matches = candidates.enumerated().filter { $0.element.name == geonamesName }
                    .map { ($0.offset, Geodesic.distance(position, $0.element.position)) }
                    .filter { $0.1 < 10_000 }
                    .sorted { $0.1 < $1.1 }
                guard let match = matches.first else {
                    throw DataError(file: "tools/geodata/recipe.json", message: "place \(place.id): no GeoNames place \"\(geonamesName)\" within 10 km")
                }
                let geo = candidates.remove(at: match.0)
                if !names.contains(geo.name) && geo.name != place.name { names.append(geo.name) }
                let distance = Report.fixed(match.1 / 1000, decimals: 1)
                source += "; also GeoNames \"\(geo.name)\" (\(geonamesSource.licence)), \(distance) km from these coordinates"
                merged += 1
            }
            var settlement = Settlement(id: place.id, name: place.name, names: names, region: regionID, position: position, source: source)
            settlement.note = place.note
            settlements.append(settlement)
        }
        var used = Set(settlements.map(\.id))
        var fromGeoNames = 0
        for place in candidates {
            guard let regionID = try region(of: place.position) else {
                notes.append("GeoNames \(place.name) lies on no region and was left out")
                continue
            }
            var id = Names.slug(place.name)
            if used.contains(id) { id += "-" + regionID.lowercased() }
            var suffix = 2
            let base = id
            while used.contains(id) {
                id = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(id)
            settlements.append(Settlement(id: id, name: place.name, region: regionID, position: place.position, source: "\(geonamesSource.title) (\(geonamesSource.licence))"))
            fromGeoNames += 1
        }
        var result = Result(settlements: settlements, fromGeoNames: fromGeoNames, merged: merged, notes: notes)
        if let recipe = recipe.wof_localities {
            try addLocalities(localities, recipe: recipe, to: &result, used: &used, region: region)
        }
        result.settlements.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        return result
    }

    /// Adds each Who's On First locality of the recipe's regions: to the settlement of its
    /// region within `merge_km` one of whose names has the same key as one of its own (its names,
    /// GeoNames id and WOF id added), else as a settlement of its own. Localities in id order,
    /// so the result does not depend on the file's order.
    static func addLocalities(_ localities: [WOFLocality], recipe: GeoDataRecipe.Localities, to result: inout Result, used: inout Set<String>,
                              region: (Position) throws -> String?) throws {
        let wanted = Set(recipe.regions)
        var keysOf: [[String]] = result.settlements.map { settlement in ([settlement.name] + settlement.names).map(PlaceName.key) }
        for locality in localities.sorted(by: { $0.wofID < $1.wofID }) {
            guard let regionID = try region(locality.position), wanted.contains(regionID) else { continue }
            let keys = Set(locality.names.map(PlaceName.key))
            // Two WOF records of one GeoNames place (a village and its re-import) are one settlement.
            let sameGeoNames = locality.geonamesID.flatMap { id in result.settlements.indices.first { result.settlements[$0].geonamesID == id } }
            let nearest = sameGeoNames.map { ($0, Geodesic.distance(locality.position, result.settlements[$0].position)) } ?? result.settlements.indices
                .filter { result.settlements[$0].region == regionID && result.settlements[$0].wofID == nil && keysOf[$0].contains(where: keys.contains) }
                .map { ($0, Geodesic.distance(locality.position, result.settlements[$0].position)) }
                .filter { $0.1 <= recipe.merge_km * 1000 }
                .min { ($0.1, $0.0) < ($1.1, $1.0) }
            let source = "\(recipe.title), wof:id \(locality.wofID) (\(recipe.licence))"
            if let (index, distance) = nearest {
                var settlement = result.settlements[index]
                for name in locality.names where name != settlement.name && !settlement.names.contains(name) { settlement.names.append(name) }
                settlement.geonamesID = settlement.geonamesID ?? locality.geonamesID
                settlement.wofID = settlement.wofID ?? locality.wofID
                settlement.source = (settlement.source.map { $0 + "; " } ?? "") + "names and ids also from \(source), \(Report.fixed(distance / 1000, decimals: 1)) km away"
                result.settlements[index] = settlement
                keysOf[index] = ([settlement.name] + settlement.names).map(PlaceName.key)
                result.mergedWOF += 1
                continue
            }
            var id = Names.slug(locality.name)
            if used.contains(id) { id += "-" + regionID.lowercased() }
            let base = id
            var suffix = 2
            while used.contains(id) {
                id = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(id)
            var settlement = Settlement(id: id, name: locality.name, names: Array(locality.names.dropFirst()), region: regionID, position: locality.position, source: source)
            settlement.geonamesID = locality.geonamesID
            settlement.wofID = locality.wofID
            result.settlements.append(settlement)
            keysOf.append(([settlement.name] + settlement.names).map(PlaceName.key))
            result.fromWOF += 1
        }
    }
}
