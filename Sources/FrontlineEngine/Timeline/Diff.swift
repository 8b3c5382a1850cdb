import FrontlineModel
import GeoJSON
import Geometry

/// What changed hands between two dates: per controller the area held at each date, the area
/// gained and lost (geodesic areas of the geometric differences) and the net change; per region
/// and controller the area gained and lost inside it; and the changed pieces as geometry.
public struct ControlDiff: Sendable {
    public struct ControllerChange: Sendable {
        public var areaFromKm2: Double
        public var areaToKm2: Double
        public var gainedKm2: Double
        public var lostKm2: Double
        public var netKm2: Double { areaToKm2 - areaFromKm2 }
    }

    public struct RegionChange: Sendable {
        public var region: String
        public var controller: String
        public var gainedKm2: Double
        public var lostKm2: Double
    }

    public var from: CalendarDate
    public var to: CalendarDate
    public var layer: Layer
    public var controllers: [String: ControllerChange]
    public var regions: [RegionChange]
    /// (controller, "gained" | "lost", geometry)
    public var pieces: [(controller: String, change: String, geometry: Geometry)]

    /// Compares the states of `layer` at `from` and `to`, limited to `regionIDs` when given.
    public static func compute(_ tracker: Tracker, from: CalendarDate, to: CalendarDate, layer: Layer, regionIDs: [String] = []) throws -> ControlDiff {
        var states: [CalendarDate: ControlState] = [:]
        try tracker.walk(layer: layer, dates: [from, to]) { date, state in states[date] = state }
        let before = try states[from]!.controlGeometries()
        let after = try states[to]!.controlGeometries()
        var mask: Geometry?
        var unknown: [String] = []
        if !regionIDs.isEmpty {
            var geometries: [Geometry] = []
            for id in regionIDs {
                if let geometry = try tracker.resolver.regions.geometry(id) { geometries.append(geometry) } else { unknown.append(id) }
            }
            if !unknown.isEmpty {
                throw DataError(file: tracker.dataset.path(Dataset.regionsFile), message: "unknown region\(unknown.count > 1 ? "s" : "") \(unknown.joined(separator: ", ")) (see frontline regions)")
            }
            mask = try Geometry.union(geometries, gridSize: GridPolicy.gridSize)
        }
        func masked(_ geometry: Geometry?) throws -> Geometry? {
            guard let geometry else { return nil }
            guard let mask else { return geometry }
            return try geometry.intersection(mask, gridSize: GridPolicy.gridSize).polygonal()
        }
        let beforeAreas = states[from]!.areas()
        let afterAreas = states[to]!.areas()
        var controllers: [String: ControllerChange] = [:]
        var pieces: [(String, String, Geometry)] = []
        let empty = Geometry.emptyCollection(.multiPolygon)
        for controller in Set(before.keys).union(after.keys).union(tracker.actors.map(\.id)).sorted() {
            let old = try masked(before[controller]) ?? empty
            let new = try masked(after[controller]) ?? empty
            let gained = try GridPolicy.withoutSlivers(try new.difference(old, gridSize: GridPolicy.gridSize))
            let lost = try GridPolicy.withoutSlivers(try old.difference(new, gridSize: GridPolicy.gridSize))
            let areaFrom = mask == nil ? (beforeAreas[controller] ?? 0) : Geodesic.area(of: old)
            let areaTo = mask == nil ? (afterAreas[controller] ?? 0) : Geodesic.area(of: new)
            controllers[controller] = ControllerChange(
                areaFromKm2: areaFrom / 1e6, areaToKm2: areaTo / 1e6,
                gainedKm2: Geodesic.area(of: gained) / 1e6, lostKm2: Geodesic.area(of: lost) / 1e6)
            if !gained.isEmpty { pieces.append((controller, "gained", gained)) }
            if !lost.isEmpty { pieces.append((controller, "lost", lost)) }
        }
        // Per region: only regions whose box meets a changed piece are intersected.
        var regions: [RegionChange] = []
        let candidates = tracker.dataset.regions.filter { !$0.isHistorical && (regionIDs.isEmpty || regionIDs.contains($0.id)) }
            + tracker.dataset.regions.filter { $0.isHistorical && regionIDs.contains($0.id) }
        for region in candidates.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            guard let geometry = try tracker.resolver.regions.geometry(region.id), let box = geometry.bounds else { continue }
            var byController: [String: (Double, Double)] = [:]
            for (controller, change, piece) in pieces {
                guard let pieceBox = piece.bounds, pieceBox.intersects(box) else { continue }
                let area = Geodesic.area(of: try GridPolicy.withoutSlivers(try piece.intersection(geometry, gridSize: GridPolicy.gridSize))) / 1e6
                guard area > 0 else { continue }
                var entry = byController[controller] ?? (0, 0)
                if change == "gained" { entry.0 += area } else { entry.1 += area }
                byController[controller] = entry
            }
            for controller in byController.keys.sorted() {
                let (gained, lost) = byController[controller]!
                regions.append(RegionChange(region: region.id, controller: controller, gainedKm2: gained, lostKm2: lost))
            }
        }
        return ControlDiff(from: from, to: to, layer: layer, controllers: controllers, regions: regions, pieces: pieces)
    }

    /// `{"from","to","layer","controllers":{ID:{...}},"regions":[...]}`
    public var json: JSONValue {
        var controllerObject = JSONObject()
        for (id, change) in controllers {
            controllerObject[id] = .object(JSONObject([
                "area_from_km2": .number(change.areaFromKm2), "area_to_km2": .number(change.areaToKm2),
                "gained_km2": .number(change.gainedKm2), "lost_km2": .number(change.lostKm2), "net_km2": .number(change.netKm2),
            ]))
        }
        return .object(JSONObject([
            "from": .string(from.description), "to": .string(to.description), "layer": .string(layer.rawValue),
            "controllers": .object(controllerObject),
            "regions": .array(regions.map { change in
                .object(JSONObject([
                    "region": .string(change.region), "controller": .string(change.controller),
                    "gained_km2": .number(change.gainedKm2), "lost_km2": .number(change.lostKm2),
                ]))
            }),
        ]))
    }

    /// Controllers then regions as one table (`scope` = controller or region id).
    public var report: Report {
        let columns = [
            Report.Column("scope"), Report.Column("controller"), Report.Column("area_from_km2", decimals: 1),
            Report.Column("area_to_km2", decimals: 1), Report.Column("gained_km2", decimals: 1),
            Report.Column("lost_km2", decimals: 1), Report.Column("net_km2", decimals: 1),
        ]
        var rows: [JSONObject] = []
        for id in controllers.keys.sorted() {
            let change = controllers[id]!
            rows.append(JSONObject([
                "scope": "all", "controller": .string(id), "area_from_km2": .number(change.areaFromKm2),
                "area_to_km2": .number(change.areaToKm2), "gained_km2": .number(change.gainedKm2),
                "lost_km2": .number(change.lostKm2), "net_km2": .number(change.netKm2),
            ]))
        }
        for change in regions {
            rows.append(JSONObject([
                "scope": .string(change.region), "controller": .string(change.controller),
                "gained_km2": .number(change.gainedKm2), "lost_km2": .number(change.lostKm2),
                "net_km2": .number(change.gainedKm2 - change.lostKm2),
            ]))
        }
        return Report(columns: columns, rows: rows)
    }

    /// The gained and lost areas as features (`id` "gained:AZ", "lost:AM", ...).
    public var geoJSON: FeatureCollection {
        FeatureCollection(
            features: pieces.map { piece in
                Feature(id: .string("\(piece.change):\(piece.controller)"), geometry: piece.geometry.geoJSON(decimals: GridPolicy.gridDecimals), properties: JSONObject([
                    "kind": .string(piece.change), "controller": .string(piece.controller),
                    "area_km2": .number(Geodesic.area(of: piece.geometry) / 1e6),
                ]))
            },
            foreignMembers: JSONObject(["from": .string(from.description), "to": .string(to.description), "layer": .string(layer.rawValue)]))
    }
}
