import FrontlineModel
import GeoJSON
import Geometry

/// Which regions are neighbours, and along how long a border.
///
/// Plain `touches` fails on real data, where neighbouring polygons from one source leave slivers
/// and gaps of a few metres. Here two regions are neighbours when their shared border, measured
/// with a snapping tolerance of `snapMetres`, is longer than `minimumMetres`. The border is the
/// part of each one's outline lying within the tolerance of the other (mean of both sides); such a
/// zone also catches a stub up to the tolerance long where each run of border ends, so each run is
/// shortened by twice the tolerance, and where the outlines coincide exactly (a clean coverage)
/// their exact common length is used. Candidate pairs come from an STRtree of the envelopes.
public struct Adjacency: Sendable {
    public struct Pair: Sendable, Equatable {
        public var a: String
        public var b: String
        public var sharedBorderKm: Double
        /// The shared border as seen from `a`'s side.
        public var border: GeoJSONGeometry
    }

    public var minimumMetres: Double
    public var snapMetres: Double

    public init(minimumMetres: Double = 100, snapMetres: Double = 20) {
        self.minimumMetres = minimumMetres
        self.snapMetres = snapMetres
    }

    /// Neighbouring pairs among `regions` (historical regions, which overlap current ones, are
    /// left out), with `a < b`, sorted. Pairs are tested in parallel.
    public func pairs(_ regions: [Region]) throws -> [Pair] {
        let current = regions.filter { !$0.isHistorical }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let geometries = try current.map { try Geometry($0.geometry) }
        let snap = Geodesic.degrees(metres: snapMetres)
        let tree = STRtree(geometries.map { geometry in
            Geometry.rectangle(geometry.bounds!.expanded(by: snap))
        })
        var candidates: [(Int, Int)] = []
        for (index, geometry) in geometries.enumerated() {
            for other in tree.query(geometry) where other > index { candidates.append((index, other)) }
        }
        let outlines = try geometries.map { try $0.boundary() }
        let zones = try SharedCache(count: geometries.count) { index in try geometries[index].buffer(snap, quadrantSegments: 2) }
        let found: [Pair?] = try Parallel.map(candidates) { pair in
            let (i, j) = pair
            let nearB = try zones.value(j)
            guard try nearB.intersects(outlines[i]) else { return nil }
            let fromA = try outlines[i].intersection(nearB).lineMerged()
            let zonedA = Geodesic.length(of: fromA)
            // A clean coverage: the outlines coincide along all of the border the zone sees, so
            // their exact common line is the answer and the other side need not be measured.
            let common = try outlines[i].intersection(outlines[j])
            let exact = Geodesic.length(of: common)
            if exact > 0, exact >= zonedA - 2 * snapMetres * Double(fromA.partCount) {
                guard exact > minimumMetres else { return nil }
                return Pair(a: current[i].id, b: current[j].id, sharedBorderKm: exact / 1000, border: try common.lineMerged().geoJSON)
            }
            let nearA = try zones.value(i)
            let fromB = try outlines[j].intersection(nearA).lineMerged()
            let runs = Double(max(fromA.partCount, fromB.partCount))
            let zoned = (zonedA + Geodesic.length(of: fromB)) / 2 - 2 * snapMetres * runs
            let length = max(exact, zoned)
            guard length > minimumMetres else { return nil }
            return Pair(a: current[i].id, b: current[j].id, sharedBorderKm: length / 1000, border: fromA.geoJSON)
        }
        return found.compactMap { $0 }
    }

    public static let columns = [Report.Column("a"), Report.Column("b"), Report.Column("shared_border_km", decimals: 2)]

    public static func report(_ pairs: [Pair]) -> Report {
        Report(columns: columns, rows: pairs.map { JSONObject(["a": .string($0.a), "b": .string($0.b), "shared_border_km": .number($0.sharedBorderKm)]) })
    }

    /// Graphviz: `graph adjacency { "A" -- "B" [label="12.34 km"]; }`.
    public static func dot(_ pairs: [Pair], regions: [Region]) -> String {
        var lines = ["graph adjacency {", "  node [shape=box];"]
        let used = Set(pairs.flatMap { [$0.a, $0.b] })
        for region in regions where used.contains(region.id) {
            lines.append("  \(JSONWriter.quoted(region.id)) [label=\(JSONWriter.quoted(region.name))];")
        }
        for pair in pairs {
            lines.append("  \(JSONWriter.quoted(pair.a)) -- \(JSONWriter.quoted(pair.b)) [label=\"\(Report.fixed(pair.sharedBorderKm, decimals: 2)) km\"];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The shared borders as line features (`id` "A|B").
    public static func geoJSON(_ pairs: [Pair]) -> FeatureCollection {
        FeatureCollection(features: pairs.map { pair in
            Feature(id: .string("\(pair.a)|\(pair.b)"), geometry: pair.border, properties: JSONObject([
                "a": .string(pair.a), "b": .string(pair.b), "shared_border_km": .number(pair.sharedBorderKm),
            ]))
        })
    }
}
