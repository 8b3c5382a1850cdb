import CGEOS
import Foundation

/// The border a polygonal geometry shares with others, measured without an overlay: its
/// boundary segments go into a spatial hash, and each segment of another geometry is matched
/// against the segments near it. Two segments share the stretch where their projections
/// overlap, when the shorter one lies within `tolerance` of the longer one's line; so a border
/// that one side splits at a vertex the other lacks (a T-junction) still counts in full.
///
/// Measuring one piece against its neighbours this way costs a fraction of a snap-rounded
/// overlay per neighbour (`GEOSIntersectionPrec_r`), whose fixed cost alone dominates on
/// pieces of a few hundred vertices.
public struct SharedBorder: Sendable {
    /// Segment end points, x scaled by cos(latitude) so that distances are isotropic.
    private let segments: [Double]
    /// Each segment's length in metres.
    private let metres: [Double]
    private let cells: [Int: [Int32]]
    private let scale: Double
    private let cellSize: Double
    private let tolerance: Double
    private let bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)

    /// Segments lying along `outline` (their middle within its tolerance), which count as no
    /// shared border: a border or a coast is not frontline.
    private var excluded: [Bool] = []

    /// Indexes the boundary of `geometry` (lines and rings, read with
    /// `GEOSCoordSeq_copyToBuffer_r`). `tolerance` is in degrees of latitude. With `outline`,
    /// segments whose middle lies within the outline's tolerance of it are left out.
    public init(_ geometry: Geometry, tolerance: Double, excludingNear outline: SharedBorder? = nil) {
        self.tolerance = tolerance
        let (box, scale) = Self.frame(geometry)
        self.scale = scale
        let bounds = (minX: box.minX * scale - tolerance, minY: box.minY - tolerance, maxX: box.maxX * scale + tolerance, maxY: box.maxY + tolerance)
        self.bounds = bounds
        var segments: [Double] = []
        var metres: [Double] = []
        var total = 0.0
        Self.forEachSegment(of: geometry) { x1, y1, x2, y2 in
            segments.append(x1 * scale)
            segments.append(y1)
            segments.append(x2 * scale)
            segments.append(y2)
            metres.append(Self.metres(x1, y1, x2, y2))
            total += Self.norm((x2 - x1) * scale, y2 - y1)
        }
        let count = metres.count
        // Cells no smaller than the tolerance, so that a segment is filed in a few cells only.
        let cellSize = max(count > 0 ? 2 * total / Double(count) : 1, tolerance, 1e-9)
        var cells: [Int: [Int32]] = [:]
        for index in 0..<count {
            Self.forEachCell(from: (segments[4 * index], segments[4 * index + 1]), to: (segments[4 * index + 2], segments[4 * index + 3]),
                             margin: tolerance, bounds: bounds, cellSize: cellSize) { cells[$0, default: []].append(Int32(index)) }
        }
        (self.segments, self.metres, self.cells, self.cellSize) = (segments, metres, cells, cellSize)
        if let outline {
            var flags = [Bool](repeating: false, count: count)
            for index in 0..<count {
                let x: Double = (segments[4 * index] + segments[4 * index + 2]) / (2 * scale)
                let y: Double = (segments[4 * index + 1] + segments[4 * index + 3]) / 2
                flags[index] = outline.isNear(x: x, y: y)
            }
            excluded = flags
        }
    }

    /// Length in metres of the boundary, less the segments left out as lying along the outline.
    public var lengthAway: Double {
        var total = 0.0
        for index in metres.indices where excluded.isEmpty || !excluded[index] { total += metres[index] }
        return total
    }

    /// `SharedBorder(geometry, tolerance: t, excludingNear: outline).lengthAway` for any `t`, to
    /// the last bit, without indexing the boundary: what a checkpoint's frontline needs, each date.
    public static func lengthAway(of geometry: Geometry, excludingNear outline: SharedBorder) -> Double {
        let scale = frame(geometry).scale
        var total = 0.0
        forEachSegment(of: geometry) { x1, y1, x2, y2 in
            // The middle as `init` finds it, from the ends as it scales them.
            if !outline.isNear(x: (x1 * scale + x2 * scale) / (2 * scale), y: (y1 + y2) / 2) { total += metres(x1, y1, x2, y2) }
        }
        return total
    }

    /// The geometry's bounds and the scale of its x (cos of their middle latitude).
    private static func frame(_ geometry: Geometry) -> (box: Bounds, scale: Double) {
        let box = geometry.bounds ?? Bounds(minX: 0, minY: 0, maxX: 0, maxY: 0)
        return (box, cos((box.minY + box.maxY) / 2 * .pi / 180))
    }

    /// Each segment of the geometry's lines and rings, in order (`Geometry.forEachLine`).
    private static func forEachSegment(of geometry: Geometry, _ body: (Double, Double, Double, Double) -> Void) {
        geometry.forEachLine { coordinates in
            let count = coordinates.count / 2
            guard count >= 2 else { return }
            for index in 0..<(count - 1) {
                body(coordinates[2 * index], coordinates[2 * index + 1], coordinates[2 * index + 2], coordinates[2 * index + 3])
            }
        }
    }

    /// Whether (x, y) (degrees) lies within the tolerance of this boundary: the cells a point
    /// falls in hold every segment whose box, widened by the tolerance, covers it.
    public func isNear(x: Double, y: Double) -> Bool {
        let point = (x * scale, y)
        guard point.0 >= bounds.minX, point.0 <= bounds.maxX, point.1 >= bounds.minY, point.1 <= bounds.maxY else { return false }
        var found = false
        Self.forEachCell(from: point, to: point, margin: 0, bounds: bounds, cellSize: cellSize) { cell in
            guard !found else { return }
            for candidate in cells[cell] ?? [] where distance(from: point, to: Int(candidate)) <= tolerance {
                found = true
                return
            }
        }
        return found
    }

    /// Distance in scaled degrees from a point to segment `index`.
    private func distance(from point: (Double, Double), to index: Int) -> Double {
        let p = (segments[4 * index], segments[4 * index + 1]), q = (segments[4 * index + 2], segments[4 * index + 3])
        let d = (q.0 - p.0, q.1 - p.1)
        let lengthSquared = d.0 * d.0 + d.1 * d.1
        let t = lengthSquared > 0 ? max(0, min(1, ((point.0 - p.0) * d.0 + (point.1 - p.1) * d.1) / lengthSquared)) : 0
        return Self.norm(point.0 - (p.0 + t * d.0), point.1 - (p.1 + t * d.1))
    }

    /// The parts of `lines` (a linear geometry) whose segments do not lie along this boundary
    /// (their middle farther than the tolerance), as line strings.
    public func linesAway(from lines: Geometry) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = []
        lines.forEachLine { coordinates in
            var run: [(Double, Double)] = []
            let count = coordinates.count / 2
            guard count >= 2 else { return }
            for index in 0..<(count - 1) {
                let a = (coordinates[2 * index], coordinates[2 * index + 1]), b = (coordinates[2 * index + 2], coordinates[2 * index + 3])
                if isNear(x: (a.0 + b.0) / 2, y: (a.1 + b.1) / 2) {
                    if run.count >= 2 { runs.append(run) }
                    run = []
                } else {
                    if run.isEmpty { run.append(a) }
                    run.append(b)
                }
            }
            if run.count >= 2 { runs.append(run) }
        }
        return runs
    }

    /// Length in metres of the stretches of `other`'s boundary that this geometry's boundary
    /// shares.
    public func length(with other: Geometry) -> Double {
        guard !metres.isEmpty else { return 0 }
        var stamp = [Int32](repeating: -1, count: metres.count)
        var shared = 0.0
        var query: Int32 = 0
        other.forEachLine { coordinates in
            let count = coordinates.count / 2
            guard count >= 2 else { return }
            for index in 0..<(count - 1) {
                let r = (coordinates[2 * index] * scale, coordinates[2 * index + 1])
                let s = (coordinates[2 * index + 2] * scale, coordinates[2 * index + 3])
                guard max(r.0, s.0) >= bounds.minX, min(r.0, s.0) <= bounds.maxX, max(r.1, s.1) >= bounds.minY, min(r.1, s.1) <= bounds.maxY
                else { continue }
                query += 1
                Self.forEachCell(from: r, to: s, margin: tolerance, bounds: bounds, cellSize: cellSize) { cell in
                    for candidate in cells[cell] ?? [] where stamp[Int(candidate)] != query {
                        stamp[Int(candidate)] = query
                        shared += overlap(Int(candidate), r, s)
                    }
                }
            }
        }
        return shared
    }

    /// Metres of segment `index` that the segment r–s covers.
    private func overlap(_ index: Int, _ r: (Double, Double), _ s: (Double, Double)) -> Double {
        let p = (segments[4 * index], segments[4 * index + 1]), q = (segments[4 * index + 2], segments[4 * index + 3])
        let ownLength = Self.norm(q.0 - p.0, q.1 - p.1), otherLength = Self.norm(s.0 - r.0, s.1 - r.1)
        guard ownLength > 0, otherLength > 0, excluded.isEmpty || !excluded[index] else { return 0 }
        // The longer segment's line is the reference: the shorter one must lie along it.
        let (origin, end, near1, near2, length) = ownLength >= otherLength ? (p, q, r, s, ownLength) : (r, s, p, q, otherLength)
        let direction = ((end.0 - origin.0) / length, (end.1 - origin.1) / length)
        func offset(_ point: (Double, Double)) -> Double { abs(direction.0 * (point.1 - origin.1) - direction.1 * (point.0 - origin.0)) }
        guard offset(near1) <= tolerance, offset(near2) <= tolerance else { return 0 }
        func along(_ point: (Double, Double)) -> Double { direction.0 * (point.0 - origin.0) + direction.1 * (point.1 - origin.1) }
        let (ownStart, ownEnd) = (along(p), along(q)), (otherStart, otherEnd) = (along(r), along(s))
        let low = max(min(ownStart, ownEnd), min(otherStart, otherEnd)), high = min(max(ownStart, ownEnd), max(otherStart, otherEnd))
        guard high > low else { return 0 }
        // The stretch as fractions of this segment, measured on its own unless it is all of it.
        let (from, to) = ((low - ownStart) / (ownEnd - ownStart), (high - ownStart) / (ownEnd - ownStart))
        let (first, last) = (max(0, min(from, to)), min(1, max(from, to)))
        if first <= 0 && last >= 1 { return metres[index] }
        func point(_ fraction: Double) -> (Double, Double) { ((p.0 + (q.0 - p.0) * fraction) / scale, p.1 + (q.1 - p.1) * fraction) }
        let (a, b) = (point(first), point(last))
        return Self.metres(a.0, a.1, b.0, b.1)
    }

    /// The hash cells the box of segment a–b (widened by `margin`) meets, within `bounds`.
    private static func forEachCell(from a: (Double, Double), to b: (Double, Double), margin: Double,
                                    bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double), cellSize: Double, _ body: (Int) -> Void) {
        func cell(_ value: Double, _ origin: Double, _ limit: Double) -> Int {
            Int((min(max(value, origin), limit) - origin) / cellSize)
        }
        let x0 = cell(min(a.0, b.0) - margin, bounds.minX, bounds.maxX), x1 = cell(max(a.0, b.0) + margin, bounds.minX, bounds.maxX)
        let y0 = cell(min(a.1, b.1) - margin, bounds.minY, bounds.maxY), y1 = cell(max(a.1, b.1) + margin, bounds.minY, bounds.maxY)
        for x in x0...x1 {
            for y in y0...y1 { body(x &* 1_000_003 &+ y) }
        }
    }

    /// sqrt(x² + y²): libm's hypot guards against overflow these values cannot reach, at
    /// several times the cost.
    @inline(__always)
    static func norm(_ x: Double, _ y: Double) -> Double { (x * x + y * y).squareRoot() }

    /// Length in metres of a short segment, from the ellipsoid's radii of curvature at its
    /// middle (within 1e-8 of the geodesic for segments of a few kilometres).
    static func metres(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
        let latitude = (y1 + y2) / 2 * .pi / 180
        let e2 = Geodesic.flattening * (2 - Geodesic.flattening)
        let w = (1 - e2 * sin(latitude) * sin(latitude)).squareRoot()
        let meridian = Geodesic.equatorialRadius * (1 - e2) / (w * w * w)
        let normal = Geodesic.equatorialRadius / w
        return norm(meridian * (y2 - y1) * .pi / 180, normal * cos(latitude) * (x2 - x1) * .pi / 180)
    }
}
