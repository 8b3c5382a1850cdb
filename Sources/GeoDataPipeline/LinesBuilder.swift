import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// Natural Earth's disputed-boundary lines → the former oblast (polygonized) and the 1994
/// line of contact (merged).
enum LinesBuilder {
    /// The LineStrings of the features named `name`, in file order.
    static func lines(named name: String, in layer: VectorSource.Layer) -> [GeoJSONGeometry] {
        layer.features.filter { $0.properties?["name"]?.stringValue == name }.flatMap { feature in
            (feature.geometry?.lines ?? []).map { GeoJSONGeometry.lineString($0) }
        }
    }

    /// Line ends are joined by snapping each line, in turn, to what is already assembled (so two
    /// ends never swap places), then the noded lines are polygonized.
    static func historicalRegion(_ spec: GeoDataRecipe.HistoricalRegion, from layer: VectorSource.Layer, recipe: GeoDataRecipe) throws -> Region {
        let parts = try lines(named: spec.lines, in: layer).map { try Geometry($0) }
        guard var assembled = parts.first else {
            throw DataError(file: layer.description, message: "no line named \"\(spec.lines)\"")
        }
        let tolerance = Geodesic.degrees(metres: spec.snap_metres)
        for part in parts.dropFirst() {
            assembled = try assembled.union(try part.snapped(to: assembled, tolerance: tolerance))
        }
        assembled = try assembled.snapped(to: assembled, tolerance: tolerance).unaryUnion()
        let faces = try Geometry.polygonize([assembled])
        guard !faces.isEmpty else {
            throw DataError(file: layer.description, message: "the \"\(spec.lines)\" lines do not close into a polygon after snapping within \(spec.snap_metres) m")
        }
        let outline = try faces.unaryUnion()
        let source = try recipe.source("natural_earth_disputed")
        var region = Region(id: spec.id, name: spec.name, country: spec.country, level: spec.level, geometry: GeoJSONGeometry.multiPolygon(outline.polygonRings).simplestForm)
        region.nameLocal = spec.name_local
        region.source = "\(source.title) (\(source.licence)): \"\(spec.lines)\" lines, ends joined within \(Int(spec.snap_metres)) m and polygonized"
        if let official = recipe.regions.official_areas[spec.id] {
            region.officialAreaKm2 = official.km2
            region.officialAreaSource = official.source
        }
        return region
    }

    static func mergedLine(_ spec: GeoDataRecipe.Line, from layer: VectorSource.Layer, recipe: GeoDataRecipe) throws -> ReferenceLine {
        let parts = try lines(named: spec.lines, in: layer).map { try Geometry($0) }
        guard !parts.isEmpty else { throw DataError(file: layer.description, message: "no line named \"\(spec.lines)\"") }
        let merged = try Geometry.collection(parts).unaryUnion().lineMerged()
        guard merged.kind == .lineString else {
            throw DataError(file: layer.description, message: "the \"\(spec.lines)\" segments merge into \(merged.partCount) lines, not one")
        }
        let source = try recipe.source("natural_earth_disputed")
        let length = Geodesic.measure(merged).lengthKm
        let properties = JSONObject([
            "name": .string(spec.name),
            "date": .string(spec.date),
            "length_km": .number(length),
            "note": .string(spec.note),
            "source": .string("\(source.title) (\(source.licence)): \"\(spec.lines)\""),
        ])
        return ReferenceLine(id: spec.id, name: spec.name, geometry: merged.geoJSON, properties: properties)
    }
}
