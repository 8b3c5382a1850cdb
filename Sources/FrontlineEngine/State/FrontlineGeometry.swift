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
                var shared = try sharedBoundary(controls[a]!, controls[b]!)
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
        // The pairs' shared boundaries meet only at their ends (the controls are a partition): they
        // need merging end to end, not a union, whose noding of every edge again was the peak of
        // memory on large claims.
        let lines = segments.isEmpty ? Geometry.emptyCollection(.multiLineString)
            : try (segments.count == 1 ? segments[0] : try Geometry.collection(segments)).lineMerged()
        return Result(lines: lines, length: Geodesic.length(of: lines), lengthByController: byController)
    }

    /// Runs of at most this many positions are overlaid one at a time (`sharedBoundary`).
    static let runLength = 20_000

    /// The part of `a`'s boundary lying in `b`, merged into whole lines. A long boundary (a
    /// tracker's coast, a claim of a million vertices) is cut into runs, each overlaid on its own:
    /// an overlay clips the other operand to the run's box and holds its edges as graph objects
    /// of some hundred bytes each, so a million-vertex boundary at once took over a gigabyte.
    /// The overlay gives an edge per vertex; merged at once, they are not a million lines.
    static func sharedBoundary(_ a: Geometry, _ b: Geometry) throws -> Geometry {
        let boundary = try a.boundary()
        var pieces: [Geometry] = []
        // One run at a time: a run and its overlay are dropped before the next is made.
        try Self.forEachRun(of: boundary, maximum: runLength) { run in
            pieces.append(try lineParts(try run.intersection(b, gridSize: GridPolicy.gridSize)).lineMerged())
        }
        return pieces.count == 1 ? pieces[0] : try Geometry.collection(pieces).lineMerged()
    }

    /// Calls `body` with `lines` as runs of at most `maximum` positions, each run's last
    /// position the next one's first, so that the runs cover the lines exactly; with `lines`
    /// itself when it is that short.
    static func forEachRun(of lines: Geometry, maximum: Int, _ body: (Geometry) throws -> Void) throws {
        guard lines.vertexCount > maximum else { return try body(lines) }
        for line in lines.geoJSON.lines {
            var start = 0
            while start < line.count - 1 {
                let end = min(start + maximum - 1, line.count - 1)
                let values = Array(line.values[(start * line.dimension)..<((end + 1) * line.dimension)])
                try body(try Geometry(.lineString(PositionList(flat: values, dimension: line.dimension))))
                start = end
            }
        }
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
