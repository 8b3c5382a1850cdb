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
        var notes: [String]
    }

    static func build(recipe: GeoDataRecipe, geonames: [GeoNamesPlace], regions: [Region], theatre baseline: Baseline) throws -> Result {
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
        settlements.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        return Result(settlements: settlements, fromGeoNames: fromGeoNames, merged: merged, notes: notes)
    }
}
