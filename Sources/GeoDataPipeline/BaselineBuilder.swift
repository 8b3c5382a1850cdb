import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// The theatre (the union of the recipe's country regions) split by the 1994 line of contact:
/// the faces on the held side go to the holding actor, the rest to the other.
enum BaselineBuilder {
    static func build(recipe: GeoDataRecipe, regions: [Region], line: ReferenceLine) throws -> Baseline {
        let spec = recipe.baseline
        guard let date = CalendarDate(spec.date) else { throw DataError(file: "tools/geodata/recipe.json", message: CalendarDate.problem(with: spec.date)) }
        let members = regions.filter { $0.country == spec.theatre_country && !$0.isHistorical }
        let theatre = try Geometry.union(try members.map { try Geometry($0.geometry) })
        let boundary = try theatre.boundary()
        // The line of contact ends on the border; snapping puts its ends exactly on it.
        let tolerance = Geodesic.degrees(metres: recipe.ceasefire.snap_metres)
        let cut = try Geometry(line.geometry).snapped(to: boundary, tolerance: tolerance)
        let noded = try boundary.union(cut)
        let insideTheatre = try PreparedGeometry(theatre)
        // Faces outside the theatre (enclaves of other countries, its holes) are dropped.
        let faces = try Geometry.polygonize([noded]).parts.filter { try insideTheatre.contains(try $0.pointOnSurface()) }
        var held: [String: [Geometry]] = [:]
        var rest: [Geometry] = []
        var notes: [String: String] = [:]
        for face in faces {
            let prepared = try PreparedGeometry(face)
            var owner: String?
            for rule in spec.held {
                guard let place = recipe.places.first(where: { $0.id == rule.containing }) else {
                    throw DataError(file: "tools/geodata/recipe.json", message: "baseline rule refers to unknown place \"\(rule.containing)\"")
                }
                if try prepared.contains(Geometry.point(x: place.lon, y: place.lat)) {
                    owner = rule.controller
                    notes[rule.controller] = rule.note
                }
            }
            if let owner { held[owner, default: []].append(face) } else { rest.append(face) }
        }
        guard !held.isEmpty else {
            throw DataError(file: "tools/geodata/recipe.json", message: "the line of contact does not cut off any face containing the held places")
        }
        let lineSource = "the \(line.id) line (lines.geojson)"
        var pieces: [Baseline.Piece] = []
        for controller in held.keys.sorted() {
            let geometry = try Geometry.union(held[controller]!)
            pieces.append(Baseline.Piece(id: "baseline:\(controller)", controller: controller, geometry: GeoJSONGeometry.multiPolygon(geometry.polygonRings).simplestForm, source: "\(notes[controller]!), cut off by \(lineSource)"))
        }
        let restGeometry = try Geometry.union(rest)
        pieces.append(Baseline.Piece(id: "baseline:\(spec.rest)", controller: spec.rest, geometry: GeoJSONGeometry.multiPolygon(restGeometry.polygonRings).simplestForm, source: "the rest of the theatre (all \(spec.theatre_country) regions)"))
        pieces.sort { $0.id < $1.id }
        return Baseline(date: date, pieces: pieces, source: spec.date_source)
    }
}
