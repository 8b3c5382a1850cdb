import Foundation
import GeoJSON
import Geometry

/// The control partition of the theatre at one moment: pieces of area, each with its controller
/// and the id of the claim (or `baseline`) that put it there.
///
/// Applying a claim touches only the pieces its area meets (found through a grid index and
/// tested with a prepared geometry); each piece's geodesic area is computed once, when made.
public struct ControlState: Sendable {
    public struct Piece: Sendable {
        public var geometry: Geometry
        public var controller: String
        /// The claim id that put this area under its controller, or "baseline".
        public var claim: String
        /// Geodesic area in m².
        public var area: Double
        /// A whole baseline piece, not yet cut along the regions.
        var isWhole = false

        public init(geometry: Geometry, controller: String, claim: String, area: Double, isWhole: Bool = false) {
            (self.geometry, self.controller, self.claim, self.area, self.isWhole) = (geometry, controller, claim, area, isWhole)
        }
    }

    public static let baselineLineage = "baseline"

    /// Every piece lives on a grid of 2⁻²⁷° (7.45e-9°, under a millimetre) and every overlay
    /// snap-rounds to it (GEOS OverlayNG with a fixed precision model). Floating-point overlays
    /// leave slivers a few 1e-12° wide where edges computed twice almost meet; on the grid such
    /// edges coincide, so pieces stay an exact partition and no phantom frontline appears along
    /// them. A power of two, because GEOS scales by 1/gridSize: for 1e-9 that scale is not
    /// exactly 1e9, and two of its operations then round the same point differently.
    public static let gridSize = 1.0 / 134_217_728
    /// Output decimals: 9 places are finer than the grid, so distinct grid points stay distinct
    /// (`Geometry.geoJSON(decimals:)`) and read back onto the same grid points.
    public static let gridDecimals = 9

    /// How far, in metres, an edge of anything the engine overlays may stray from its geodesic.
    /// Areas are geodesic (an edge is a geodesic) while overlays are planar in longitude/latitude
    /// (an edge is a straight line there); on a 50 km east-west edge the two differ by tens of
    /// metres, so cutting such an edge would move area from nowhere to somewhere. Points
    /// inserted along the geodesics keep every geodesic measure and make the planar form follow
    /// the geodesics to within this, well under the narrowest territory (`sliverWidth`).
    public static let densifyTolerance = 0.005

    /// Densified along its geodesics (`Geodesic.densify`), on the engine's grid.
    public static func prepare(_ geometry: GeoJSONGeometry) throws -> Geometry {
        try Geometry(Geodesic.densify(geometry, tolerance: densifyTolerance)).withPrecision(gridSize)
    }

    /// Densified along its geodesics (`Geodesic.densify`), on the engine's grid.
    public static func prepare(_ geometry: Geometry) throws -> Geometry {
        try prepare(geometry.geoJSON)
    }

    public private(set) var pieces: [Int: Piece] = [:]
    private var index: GridIndex
    private var nextID = 0
    /// Incremented by every change, so derived results can be cached per version.
    public private(set) var version = 0

    /// With `tracksFrontline`, the shared border (m) between each piece and its neighbours, and
    /// running totals kept up to date as pieces come and go: the frontline length is the sum over
    /// neighbouring pieces of different controllers, so no date needs a union of everything.
    public let tracksFrontline: Bool
    private var neighbours: [Int: [Int: Int64]] = [:]
    /// Running totals, kept in integers (µm², µm) so that adding and removing pieces in any
    /// order gives exactly the same totals, and a controller that lost everything has exactly 0.
    private var areaTotals: [String: Int64] = [:]
    private var frontlineTotals: [String: Int64] = [:]

    /// Area per controller in m², from the running totals (controllers with none left out).
    public var areaByController: [String: Double] {
        areaTotals.filter { $0.value != 0 }.mapValues { Double($0) / 1e6 }
    }

    /// Frontline bordering each controller in m, from the running totals.
    public var frontlineByController: [String: Double] {
        frontlineTotals.filter { $0.value != 0 }.mapValues { Double($0) / 1e6 }
    }

    static func micro(_ value: Double) -> Int64 { Int64((value * 1e6).rounded()) }

    /// Regions along which a baseline piece is cut when a claim first reaches it.
    private let cutRegions: [Geometry]

    /// What the pieces cover together: the theatre.
    private let extent: Geometry?

    /// Starts from the whole baseline pieces (in the engine's form: `prepare`), which cover
    /// `extent`. The first claim to reach one cuts it along `regions`, so that claims touch only
    /// the small pieces of the regions they meet, never a theatre-wide polygon.
    public init(baseline: [Piece], extent: Geometry? = nil, regions: [Geometry] = [], bounds: Bounds, expectedPieces: Int, tracksFrontline: Bool = false) {
        self.tracksFrontline = tracksFrontline
        self.extent = extent
        cutRegions = regions
        index = GridIndex(bounds: bounds, expectedItems: max(expectedPieces + regions.count, baseline.count))
        for var piece in baseline {
            piece.isWhole = true
            add(piece)
        }
    }

    /// Narrowest a piece of area may be, in metres (twice its area over its perimeter). Two
    /// outlines that should coincide but were rounded onto the grid along different paths leave
    /// a thread of area between them, a millimetre wide; it is no territory, and would add
    /// phantom frontline along its whole length.
    public static let sliverWidth = 0.01

    /// The polygons of `geometry`, less the slivers (see `sliverWidth`).
    public static func withoutSlivers(_ geometry: Geometry) throws -> Geometry {
        let polygons = try geometry.polygonal()
        guard !polygons.isEmpty else { return polygons }
        var kept: [Geometry] = []
        var dropped = false
        for part in polygons.parts {
            // A lower bound of the width from planar measures (a degree of latitude is at least
            // 110,574 m, one of longitude 111,320·cos(latitude) m, and a perimeter degree at
            // most 111,700 m) spares the geodesic measure of every wide part.
            if let box = part.bounds, part.planarLength > 0 {
                let cosine = cos(max(abs(box.minY), abs(box.maxY)) * .pi / 180)
                let widthAtLeast = 2 * part.planarArea * 110_574 * 111_320 * cosine / (part.planarLength * 111_700)
                if widthAtLeast >= 2 * sliverWidth {
                    kept.append(part)
                    continue
                }
            }
            let measure = Geodesic.measure(part)
            if measure.length > 0 && 2 * measure.area / measure.length < sliverWidth { dropped = true } else { kept.append(part) }
        }
        guard dropped else { return polygons }
        return kept.isEmpty ? Geometry.emptyCollection(.multiPolygon) : try Geometry.collection(kept, kind: .multiPolygon)
    }

    /// Relative area below which what regions leave of a piece is taken for grid noise.
    static let coveredTolerance = 1e-9

    /// `piece` cut into its intersections with each region it meets, plus what no region
    /// covers; each part with its geodesic area.
    static func cut(_ piece: Piece, along regions: [Geometry]) throws -> [(geometry: Geometry, area: Double)] {
        let geometry = piece.geometry
        guard !regions.isEmpty, let box = geometry.bounds else { return [(geometry, piece.area)] }
        let prepared = try PreparedGeometry(geometry)
        var parts: [(geometry: Geometry, area: Double)] = []
        var used: [Geometry] = []
        for region in regions {
            guard let regionBox = region.bounds, regionBox.intersects(box), try prepared.intersects(region) else { continue }
            let part = try prepared.covers(region) ? region : try withoutSlivers(try region.intersection(geometry, gridSize: gridSize))
            let area = Geodesic.area(of: part)
            guard area > 0 else { continue }
            parts.append((part, area))
            used.append(region)
        }
        if parts.isEmpty { return [(geometry, piece.area)] }
        // Where the regions cover the piece (as they cover the theatre), what is left is at most
        // grid noise: the union of the regions, the dearest step, is then skipped.
        let partsArea = parts.reduce(0) { $0 + $1.area }
        if piece.area - partsArea <= coveredTolerance * partsArea { return parts }
        let rest = try withoutSlivers(try geometry.difference(try Geometry.union(used, gridSize: gridSize), gridSize: gridSize))
        let restArea = Geodesic.area(of: rest)
        if restArea > 0 { parts.append((rest, restArea)) }
        return parts
    }

    private mutating func add(_ piece: Piece) {
        // One piece per polygon: the parts of a claim on two distant settlements, or of what a
        // claim leaves of a piece it crosses, can lie far apart, and the box of them all would
        // put one piece in thousands of index cells, where every query and removal meets it.
        if piece.geometry.partCount > 1 {
            for part in piece.geometry.parts {
                add(Piece(geometry: part, controller: piece.controller, claim: piece.claim, area: Geodesic.area(of: part), isWhole: piece.isWhole))
            }
            return
        }
        guard let box = piece.geometry.bounds else { return }
        let id = nextID
        nextID += 1
        areaTotals[piece.controller, default: 0] += Self.micro(piece.area)
        if tracksFrontline {
            // Neighbours are found among pieces whose box meets this one's; borders that were
            // rounded onto the grid along different paths still match within two grid steps.
            var found: [Int: Int64] = [:]
            let tolerance = 2 * Self.gridSize
            let border = SharedBorder(piece.geometry, tolerance: tolerance)
            for other in index.query(box.expanded(by: tolerance)) {
                guard let neighbour = pieces[other] else { continue }
                let length = Self.micro(border.length(with: neighbour.geometry))
                guard length > 0 else { continue }
                found[other] = length
                neighbours[other, default: [:]][id] = length
                if neighbour.controller != piece.controller { addFrontline(length, piece.controller, neighbour.controller) }
            }
            neighbours[id] = found
        }
        pieces[id] = piece
        index.insert(id, box)
    }

    private mutating func remove(_ id: Int) {
        guard let piece = pieces.removeValue(forKey: id) else { return }
        index.remove(id)
        areaTotals[piece.controller, default: 0] -= Self.micro(piece.area)
        if tracksFrontline {
            for (other, length) in neighbours.removeValue(forKey: id) ?? [:] {
                neighbours[other]?[id] = nil
                if let neighbour = pieces[other], neighbour.controller != piece.controller {
                    addFrontline(-length, piece.controller, neighbour.controller)
                }
            }
        }
    }

    private mutating func addFrontline(_ length: Int64, _ a: String, _ b: String) {
        frontlineTotals[a, default: 0] += length
        frontlineTotals[b, default: 0] += length
    }

    /// The claim's controller gains its area; every other piece loses it.
    public mutating func apply(_ resolved: ResolvedClaim) throws {
        guard let area = resolved.area, let box = area.bounds else { return }
        version += 1
        let prepared = try PreparedGeometry(area)
        for id in index.query(box) where pieces[id]!.isWhole {
            let piece = pieces[id]!
            guard try prepared.intersects(piece.geometry) else { continue }
            remove(id)
            for part in try Self.cut(piece, along: cutRegions) {
                add(Piece(geometry: part.geometry, controller: piece.controller, claim: piece.claim, area: part.area))
            }
        }
        var rests: [Piece] = []
        for id in index.query(box) {
            let piece = pieces[id]!
            guard try prepared.intersects(piece.geometry) else { continue }
            remove(id)
            if try prepared.covers(piece.geometry) { continue }
            let rest = try Self.withoutSlivers(try piece.geometry.difference(area, gridSize: Self.gridSize))
            let restArea = Geodesic.area(of: rest)
            if restArea > 0 {
                rests.append(Piece(geometry: rest, controller: piece.controller, claim: piece.claim, area: restArea))
            }
        }
        // Removals first, so that neighbours are measured against the new partition only.
        for rest in rests { add(rest) }
        add(Piece(geometry: area, controller: resolved.claim.controller, claim: resolved.claim.id, area: resolved.areaSquareMetres))
    }

    /// Controlled area per controller in m² (sum of the pieces' geodesic areas, in piece order:
    /// floating-point sums depend on order, and output must not).
    public func areas() -> [String: Double] {
        var result: [String: Double] = [:]
        for (_, piece) in pieces.sorted(by: { $0.key < $1.key }) { result[piece.controller, default: 0] += piece.area }
        return result
    }

    /// The pieces merged by (controller, claim): one per claim (or baseline) still holding area,
    /// ordered by controller then claim.
    public func lineage() throws -> [Piece] {
        var groups: [String: [String: (geometries: [Geometry], area: Double)]] = [:]
        for (_, piece) in pieces.sorted(by: { $0.key < $1.key }) {
            var entry = groups[piece.controller, default: [:]][piece.claim] ?? ([], 0)
            entry.geometries.append(piece.geometry)
            entry.area += piece.area
            groups[piece.controller, default: [:]][piece.claim] = entry
        }
        var result: [Piece] = []
        for controller in groups.keys.sorted() {
            for claim in groups[controller]!.keys.sorted() {
                let entry = groups[controller]![claim]!
                let geometry = entry.geometries.count == 1 ? entry.geometries[0] : try Geometry.union(entry.geometries, gridSize: Self.gridSize).polygonal()
                result.append(Piece(geometry: geometry, controller: controller, claim: claim, area: entry.area))
            }
        }
        return result
    }

    /// Each controller's area as one geometry (see `controlGeometries()`).
    public struct Controls: Sendable {
        public var byController: [String: Geometry]
        /// The controller whose area is the extent less the others' (nil without an extent).
        public var dominant: String?
        /// With a dominant controller, the union of the other controllers' areas.
        public var others: Geometry?
    }

    /// The union of each controller's pieces (`GEOSUnaryUnionPrec_r`).
    public func controlGeometries() throws -> [String: Geometry] {
        try controls().byController
    }

    /// The union of each controller's pieces (`GEOSUnaryUnionPrec_r`). The controller holding
    /// the most area holds most pieces, and most of their outlines are borders between pieces
    /// of its own (along the regions it was cut into): its area is the extent less everyone
    /// else's, which leaves those borders out of the work.
    public func controls() throws -> Controls {
        var grouped: [String: [Geometry]] = [:]
        for (_, piece) in pieces.sorted(by: { $0.key < $1.key }) { grouped[piece.controller, default: []].append(piece.geometry) }
        let dominant = extent == nil ? nil : areaTotals.filter { $0.value > 0 }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        var result = Controls(byController: [:], dominant: dominant, others: nil)
        for (controller, geometries) in grouped where controller != dominant {
            result.byController[controller] = try Geometry.union(geometries, gridSize: Self.gridSize).polygonal()
        }
        if let extent, let dominant {
            let others = try Geometry.union(result.byController.keys.sorted().map { result.byController[$0]! }, gridSize: Self.gridSize)
            result.byController[dominant] = try Self.withoutSlivers(try extent.difference(others, gridSize: Self.gridSize))
            result.others = others
        }
        return result
    }
}

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

    public static func compute(_ controls: [String: Geometry]) throws -> Result {
        let controllers = controls.keys.sorted()
        var segments: [Geometry] = []
        var byController: [String: Double] = [:]
        for (i, a) in controllers.enumerated() {
            for b in controllers[(i + 1)...] {
                let shared = try lineParts(try controls[a]!.boundary().intersection(controls[b]!, gridSize: ControlState.gridSize))
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
