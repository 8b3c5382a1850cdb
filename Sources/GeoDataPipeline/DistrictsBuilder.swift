import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// Replaces Natural Earth's polygons of the recipe's `wof_districts` with Who's On First's,
/// keeping the regions a partition of the same land: each switched district takes its Who's On
/// First polygon within the theatre (taken from whichever region held it), and what the Natural
/// Earth polygons of the switched districts covered that no Who's On First polygon does goes,
/// piece by piece, to the region it shares the longest border with.
struct DistrictsBuilder {
    let recipe: GeoDataRecipe.Districts
    /// The committed polygons (tools/geodata/wof-districts.geojson).
    let path: String

    struct Result {
        var regions: [Region]
        /// Each switched district's Natural Earth polygon, for the comparison in QUALITY.md.
        var naturalEarth: [String: GeoJSONGeometry]
        var summary: [String]
    }

    /// Edges are geodesics (the edge model): densified before the planar overlays, the cut
    /// outlines keep their shape when the engine densifies them again.
    static func alongGeodesics(_ geometry: GeoJSONGeometry) -> GeoJSONGeometry {
        Geodesic.densify(geometry, tolerance: GridPolicy.densifyTolerance)
    }

    func apply(to regions: [Region]) throws -> Result {
        let layer = try VectorSource.read(path)
        var polygons: [Int: (geometry: Geometry, name: String)] = [:]
        for feature in layer.features {
            guard let id = feature.properties?["wof:id"]?.numberValue.map({ Int($0) }), let geometry = feature.geometry else { continue }
            // Some Mesoshapes rings touch themselves; GEOS's repair keeps their area as drawn.
            polygons[id] = (try Geometry(Self.alongGeodesics(geometry)).makeValid().polygonal(), feature.properties?["wof:name"]?.stringValue ?? "")
        }
        let partition = regions.filter { !$0.isHistorical }
        let byID = Dictionary(uniqueKeysWithValues: partition.map { ($0.id, $0) })
        var current: [String: Geometry] = [:]
        for region in partition { current[region.id] = try Geometry(Self.alongGeodesics(region.geometry)) }
        // Every overlay on one grid (the engine's), so that outlines cut by different overlays
        // meet exactly and leave no hairline gaps between neighbours.
        let grid = GridPolicy.gridSize
        for (id, shape) in current { current[id] = try shape.withPrecision(grid) }
        let theatre = try Geometry.union(current.keys.sorted().map { current[$0]! }, gridSize: grid)

        var naturalEarth: [String: GeoJSONGeometry] = [:]
        var sources: [String: String] = [:]
        // The districts switched so far, as one area: a later district takes none of it.
        var taken = Geometry.emptyCollection(.multiPolygon)
        for district in recipe.districts.sorted(by: { $0.id < $1.id }) {
            guard let region = byID[district.id] else {
                throw DataError(file: path, message: "wof_districts names \(district.id), which is not a region")
            }
            let parts = try district.wof.map { wof throws -> Geometry in
                guard let polygon = polygons[wof] else { throw DataError(file: path, message: "no polygon with wof:id \(wof) (for \(district.id))") }
                return polygon.geometry
            }
            var shape = try Geometry.union(parts, gridSize: grid).intersection(theatre, gridSize: grid).polygonal()
            if !taken.isEmpty { shape = try shape.difference(taken, gridSize: grid).polygonal() }
            naturalEarth[district.id] = region.geometry
            let names = district.wof.map { "\($0) \"\(polygons[$0]!.name)\"" }.joined(separator: " + ")
            sources[district.id] = "Who's On First (CC0), Mesoshapes polygon\(district.wof.count > 1 ? "s" : "") \(names) within the theatre"
                + (district.note.map { " (\($0))" } ?? "") + "; id and local name: ISO 3166-2 (Debian iso-codes)"
            current[district.id] = shape
            taken = try Geometry.union([taken, shape], gridSize: grid).polygonal()
        }
        guard let country = polygons[recipe.country]?.geometry, let countryCode = recipe.districts.first.map({ String($0.id.prefix(2)) }) else {
            throw DataError(file: path, message: "no polygon with wof:id \(recipe.country) (the country)")
        }
        var changed = Set<String>()
        for region in partition where naturalEarth[region.id] == nil {
            let before = current[region.id]!
            guard try before.intersects(taken) else { continue }
            current[region.id] = try before.difference(taken, gridSize: grid).polygonal()
            changed.insert(region.id)
        }

        // What no region holds now (what the switched districts' Natural Earth polygons covered
        // and no Who's On First polygon does): each piece to the region sharing the longest
        // border with it.
        let left = try theatre.difference(try Geometry.union(current.keys.sorted().map { current[$0]! }, gridSize: grid), gridSize: grid).polygonal()
        var leftKm2 = 0.0
        for piece in left.parts {
            let border = SharedBorder(piece, tolerance: Geodesic.degrees(metres: 20))
            let box = piece.bounds!
            let inCountry = Geodesic.area(of: try piece.intersection(country)) >= Geodesic.area(of: piece) / 2
            let candidates = partition.filter { ($0.country == countryCode) == inCountry }.map(\.id)
            let lengths = candidates.compactMap { id -> (id: String, metres: Double)? in
                guard let other = current[id]!.bounds, other.minX <= box.maxX, box.minX <= other.maxX, other.minY <= box.maxY, box.minY <= other.maxY else { return nil }
                return (id, border.length(with: current[id]!))
            }
            // Ties (none expected) go to the first id, so the build stays deterministic.
            guard let best = lengths.max(by: { $0.metres < $1.metres || ($0.metres == $1.metres && $0.id > $1.id) })?.id else {
                throw DataError(file: path, message: "a piece of the districts' Natural Earth polygons touches no region")
            }
            current[best] = try Geometry.union([current[best]!, piece], gridSize: grid).polygonal()
            if naturalEarth[best] == nil { changed.insert(best) }
            leftKm2 += Geodesic.area(of: piece) / 1e6
        }

        var result: [Region] = []
        for var region in regions {
            if let shape = current[region.id], naturalEarth[region.id] != nil || changed.contains(region.id) {
                if let problem = try shape.validityProblem() {
                    throw DataError(file: path, message: "\(region.id) is not valid after the switch: \(problem)")
                }
                region.geometry = try shape.normalized().geoJSON.simplestForm
                if let source = sources[region.id] {
                    region.source = source
                } else {
                    region.source = (region.source ?? "") + "; its borders with the Who's On First districts taken from them (SOURCES.md)"
                }
            }
            result.append(region)
        }
        return Result(
            regions: result, naturalEarth: naturalEarth,
            summary: ["districts: \(naturalEarth.count) from Who's On First; \(changed.count) neighbours re-cut; \(left.partCount) pieces (\(Report.fixed(leftKm2, decimals: 1)) km²) of their Natural Earth polygons no Who's On First polygon covers, each given to its longest-bordering region"])
    }
}
