import FrontlineEngine
import FrontlineModel
import GeoJSON
import Geometry

/// The files of a new data folder (`frontline init`): the regions, the actors, and a baseline
/// in which one controller holds every region, less the areas others are said to hold.
public struct DataFolderSetup: Sendable {
    /// Polygons an actor holds at the baseline date, read from a file.
    public struct Held: Sendable {
        public var file: String
        public var actor: String
        public var geometry: GeoJSONGeometry
        public init(file: String, actor: String, geometry: GeoJSONGeometry) { (self.file, self.actor, self.geometry) = (file, actor, geometry) }
    }

    public var regions: [Region]
    public var actors: [Actor]
    public var controller: String
    public var held: [Held]
    public var date: CalendarDate
    /// `dataset.json`, when the folder is given a title.
    public var info: DatasetInfo?

    public init(regions: [Region], actors: [Actor], controller: String, held: [Held], date: CalendarDate, info: DatasetInfo? = nil) {
        (self.regions, self.actors, self.controller, self.held, self.date, self.info) = (regions, actors, controller, held, date, info)
    }

    /// Colours for actors given without one (ColorBrewer Set1, which tells 9 apart).
    public static let palette = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999", "#ffff33"]

    /// `ID=NAME[:#RRGGBB]`.
    public static func actor(parsing text: String, index: Int) throws(DataError) -> Actor {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw DataError(file: "--actor", message: "expected ID=NAME[:#RRGGBB], got \"\(text)\"")
        }
        let id = String(text[..<equals])
        var name = String(text[text.index(after: equals)...])
        var color = palette[index % palette.count]
        if let colon = name.lastIndex(of: ":"), name[name.index(after: colon)...].hasPrefix("#") {
            color = String(name[name.index(after: colon)...])
            name = String(name[..<colon])
            guard Dataset.isHexColor(color) else { throw DataError(file: "--actor", message: "\"\(text)\": the colour must be #RRGGBB") }
        }
        guard !name.isEmpty else { throw DataError(file: "--actor", message: "\"\(text)\" names no one (ID=NAME)") }
        return Actor(id: id, name: name, color: color)
    }

    /// The baseline: a piece per current region under `controller` (the region's own geometry
    /// when no held area meets it), then a piece per held file, each limited to the regions and
    /// to what earlier held files leave. Overlays run on the engine's densified grid, so the
    /// pieces' edges stay geodesics between the written positions.
    public func baseline() throws -> FeatureCollection {
        let known = Set(actors.map(\.id))
        for (option, id) in [("--controller", controller)] + held.map({ ("--held \($0.file)", $0.actor) }) where !known.contains(id) {
            throw DataError(file: option, message: "unknown actor \"\(id)\": add it with --actor \(id)=NAME")
        }
        let current = regions.filter { !$0.isHistorical }
        var heldGeometries: [Geometry] = []
        for item in held {
            heldGeometries.append(try DataError.attributing(file: item.file, featureIndex: 0, featureID: nil, doing: "cannot read the held area") {
                try GridPolicy.prepare(item.geometry).polygonal()
            })
        }
        let heldUnion = heldGeometries.isEmpty ? nil : try Geometry.union(heldGeometries, gridSize: GridPolicy.gridSize)
        var features: [Feature] = []
        var regionGeometries: [Geometry] = []
        for region in current {
            var geometry = region.geometry
            let prepared = try GridPolicy.prepare(region.geometry)
            regionGeometries.append(prepared)
            if let heldUnion, try prepared.intersects(heldUnion) {
                let rest = try GridPolicy.withoutSlivers(try prepared.difference(heldUnion, gridSize: GridPolicy.gridSize))
                guard Geodesic.area(of: rest) > 0 else { continue }
                geometry = GridPolicy.output(rest)
            }
            features.append(Feature(id: .string("baseline:\(region.id)"), geometry: geometry, properties: JSONObject(["controller": .string(controller), "region": .string(region.id)])))
        }
        if !heldGeometries.isEmpty {
            let theatre = try Geometry.union(regionGeometries, gridSize: GridPolicy.gridSize)
            var taken: Geometry?
            for (index, item) in held.enumerated() {
                var piece = try heldGeometries[index].intersection(theatre, gridSize: GridPolicy.gridSize)
                if let taken { piece = try piece.difference(taken, gridSize: GridPolicy.gridSize) }
                piece = try GridPolicy.withoutSlivers(piece)
                taken = try taken.map { try Geometry.union([$0, heldGeometries[index]], gridSize: GridPolicy.gridSize) } ?? heldGeometries[index]
                guard Geodesic.area(of: piece) > 0 else {
                    throw DataError(file: item.file, message: "the area held by \(item.actor) lies outside the regions (or under an earlier --held)")
                }
                features.append(Feature(id: .string("held:\(index + 1):\(item.actor)"), geometry: GridPolicy.output(piece),
                                        properties: JSONObject(["controller": .string(item.actor), "source": .string(VectorSource.lastComponent(item.file))])))
            }
        }
        return FeatureCollection(features: features, foreignMembers: JSONObject(["date": .string(date.description)]))
    }

    /// Every file of the folder, by name.
    public func files() throws -> [(name: String, bytes: [UInt8])] {
        let encoder = GeoJSONEncoder()
        return [
            (Dataset.actorsFile, Actor.fileBytes(actors.map(\.json))),
            (Dataset.regionsFile, encoder.encode(FeatureCollection(features: regions.map(\.feature)))),
            (Dataset.baselineFile, encoder.encode(try baseline())),
        ] + (info.map { [(DatasetInfo.file, $0.fileBytes)] } ?? [])
    }
}
