import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// Natural Earth admin-1 polygons → Frontline regions with ISO 3166-2 ids, English and local
/// names, levels, sources and published areas. Mislabelled polygons are fixed by location.
struct RegionsBuilder {
    let recipe: GeoDataRecipe
    let iso: [ISOSubdivision]
    let geonames: [GeoNamesPlace]

    struct Result {
        var regions: [Region]
        var fixes: [(id: String, fix: String)]
        var unusedISOCodes: [String]
        var summary: [String]
    }

    /// A place a rule refers to: a recipe place id, or `geonames:NAME`.
    func locate(_ key: String, country: String) -> Position? {
        if key.hasPrefix("geonames:") {
            let name = String(key.dropFirst("geonames:".count))
            return geonames.first { $0.name == name && $0.country == country }?.position
        }
        return recipe.places.first { $0.id == key }.map { Position($0.lon, $0.lat) }
    }

    func build(shapefile path: String) throws -> Result {
        let layer = try VectorSource.read(path)
        var groups: [String: [(geometry: GeoJSONGeometry, neName: String, fix: String?)]] = [:]
        var diagnostics: [Diagnostic] = []
        for (index, feature) in layer.features.enumerated() {
            guard let name = feature.properties?["name"]?.stringValue, let country = feature.properties?["iso_a2"]?.stringValue,
                recipe.regions.select.contains(where: { $0.iso_a2 == country && ($0.name == nil || $0.name == name) })
            else { continue }
            guard let geometry = feature.geometry else {
                diagnostics.append(Diagnostic(file: path, featureIndex: index, message: "\(name) has no geometry"))
                continue
            }
            let shape = try Geometry(geometry)
            let prepared = try PreparedGeometry(shape)
            var chosen: (id: String, fix: String?)?
            for rule in recipe.regions.rules where rule.name == name && rule.iso_a2 == country {
                if let place = rule.containing {
                    guard let position = locate(place, country: country) else {
                        throw DataError(file: "tools/geodata/recipe.json", message: "rule for \"\(name)\" refers to unknown place \"\(place)\"")
                    }
                    guard try prepared.contains(Geometry.point(x: position.longitude, y: position.latitude)) else { continue }
                }
                chosen = (rule.id, rule.fix)
                break
            }
            if chosen == nil, country == recipe.regions.match_rest_by_iso_name {
                let key = Names.matchingKey(name)
                let candidates = iso.filter { $0.code.hasPrefix(country + "-") && Names.matchingKey($0.name) == key }
                if candidates.count == 1 { chosen = (candidates[0].code, nil) }
            }
            guard let chosen else {
                diagnostics.append(Diagnostic(file: path, featureIndex: index, message: "no ISO 3166-2 code for \(country) \"\(name)\": add a rule to tools/geodata/recipe.json"))
                continue
            }
            groups[chosen.id, default: []].append((geometry, name, chosen.fix))
        }
        if !diagnostics.isEmpty { throw DataError(diagnostics) }

        var regions: [Region] = []
        var fixes: [(String, String)] = []
        for id in groups.keys.sorted() {
            let parts = groups[id]!
            guard let subdivision = iso.first(where: { $0.code == id }) else {
                throw DataError(file: "tools/geodata/recipe.json", message: "\(id) is not an ISO 3166-2 code in iso-codes")
            }
            let geometry: GeoJSONGeometry
            if parts.count == 1 {
                geometry = parts[0].geometry
            } else {
                // Pieces of one unit (Shusha city and district) dissolve into one outline.
                geometry = GeoJSONGeometry.multiPolygon(try Geometry.union(try parts.map { try Geometry($0.geometry) }).polygonRings).simplestForm
            }
            let country = String(id.prefix(2))
            let neNames = parts.map(\.neName)
            let english = recipe.regions.english_names[id] ?? (country == "AZ" ? Names.englishFromAzerbaijani(subdivision.name) : neNames[0])
            var region = Region(id: id, name: english, country: country, level: ["Municipality", "City"].contains(subdivision.type) ? "city" : "admin1", geometry: geometry)
            region.nameLocal = subdivision.name
            let neDescription = neNames.count == 1 ? "polygon \"\(neNames[0])\"" : "polygons " + neNames.map { "\"\($0)\"" }.joined(separator: " + ")
            region.source = "Natural Earth 1:10m admin-1 (public domain), \(neDescription); id and local name: ISO 3166-2 (Debian iso-codes)"
            if let official = recipe.regions.official_areas[id] {
                region.officialAreaKm2 = official.km2
                region.officialAreaSource = official.source
            }
            for fix in Set(parts.compactMap(\.fix)).sorted() { fixes.append((id, fix)) }
            regions.append(region)
        }
        let usedCodes = Set(regions.map(\.id))
        let unused = iso.filter { $0.code.hasPrefix(recipe.regions.match_rest_by_iso_name + "-") && !usedCodes.contains($0.code) }.map(\.code).sorted()
        return Result(
            regions: regions, fixes: fixes, unusedISOCodes: unused,
            summary: ["regions: \(regions.count) from Natural Earth; ISO codes without a polygon: \(unused.joined(separator: ", "))"])
    }
}
