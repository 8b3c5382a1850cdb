import GeoJSON
import Geometry

/// The frontline: the boundary shared by areas of different controllers. For each pair, the
/// part of one's boundary lying in the other's (closed) area; the theatre's outer border borders
/// no other controller, so international borders never count.
public enum FrontlineGeometry {
    public struct Result: Sendable {
        /// Lines, merged.
        public var lines: Geometry
        /// Geodesic length in m.
        public var length: Double
        /// Length in m bordering each controller.
        public var lengthByController: [String: Double]
    }

    /// With `outline` (the theatre's outline, indexed with the snapping tolerance), boundary
    /// whose segments lie within the tolerance of it is a border or a coast, not frontline.
    public static func compute(_ controls: [String: Geometry], excludingNear outline: SharedBorder? = nil) throws -> Result {
        let controllers = controls.keys.sorted()
        var segments: [Geometry] = []
        var byController: [String: Double] = [:]
        for (i, a) in controllers.enumerated() {
            for b in controllers[(i + 1)...] {
                var shared = try lineParts(try controls[a]!.boundary().intersection(controls[b]!, gridSize: GridPolicy.gridSize))
                if let outline, !shared.isEmpty {
                    let runs = outline.linesAway(from: shared)
                    shared = runs.isEmpty ? Geometry.emptyCollection(.multiLineString) : try Geometry(.multiLineString(runs.map { PositionList($0) }))
                }
                guard !shared.isEmpty else { continue }
                let length = Geodesic.length(of: shared)
                byController[a, default: 0] += length
                byController[b, default: 0] += length
                segments.append(shared)
            }
        }
        let lines = segments.isEmpty ? Geometry.emptyCollection(.multiLineString) : try Geometry.union(segments).lineMerged()
        return Result(lines: lines, length: Geodesic.length(of: lines), lengthByController: byController)
    }

    /// Only the lines of an overlay result (points where areas merely touch are dropped).
    static func lineParts(_ geometry: Geometry) throws -> Geometry {
        switch geometry.kind {
        case .lineString, .multiLineString: return geometry
        case .geometryCollection:
            let lines = geometry.geoJSON.lines
            return lines.isEmpty ? Geometry.emptyCollection(.multiLineString) : try Geometry(.multiLineString(lines))
        default: return Geometry.emptyCollection(.multiLineString)
        }
    }
}
