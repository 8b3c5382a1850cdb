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
    }

    public static let baselineLineage = "baseline"

    /// Every piece lives on a grid of 1e-9° (about 0.1 mm) and every overlay snap-rounds to it
    /// (GEOS OverlayNG with a fixed precision model). Floating-point overlays leave slivers a
    /// few 1e-12° wide where edges computed twice almost meet; on the grid such edges coincide,
    /// so pieces stay an exact partition and no phantom frontline appears along them.
    public static let gridSize = 1e-9
    /// The same grid in decimal places, for output (`Geometry.geoJSON(decimals:)`).
    public static let gridDecimals = 9

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

    /// Starts from the whole baseline pieces. The first claim to reach one cuts it along
    /// `regions`, so that claims touch only the small pieces of the regions they meet, never a
    /// theatre-wide polygon (and until then the baseline's areas stay exactly as drawn).
    public init(baseline: Baseline, regions: [Geometry] = [], bounds: Bounds, expectedPieces: Int, tracksFrontline: Bool = false) throws {
        self.tracksFrontline = tracksFrontline
        cutRegions = regions
        index = GridIndex(bounds: bounds, expectedItems: max(expectedPieces + regions.count, baseline.pieces.count))
        for piece in baseline.pieces {
            let geometry = try Geometry(piece.geometry).withPrecision(Self.gridSize)
            add(Piece(geometry: geometry, controller: piece.controller, claim: Self.baselineLineage, area: Geodesic.area(of: geometry), isWhole: !regions.isEmpty))
        }
    }

    /// `geometry` cut into its intersections with each region it meets, plus what no region covers.
    static func cut(_ geometry: Geometry, along regions: [Geometry]) throws -> [Geometry] {
        guard !regions.isEmpty, let box = geometry.bounds else { return [geometry] }
        let prepared = try PreparedGeometry(geometry)
        var parts: [Geometry] = []
        var used: [Geometry] = []
        for region in regions {
            guard let regionBox = region.bounds, regionBox.intersects(box), try prepared.intersects(region) else { continue }
            let part = try prepared.covers(region) ? try region.withPrecision(gridSize) : try region.intersection(geometry, gridSize: gridSize).polygonal()
            guard Geodesic.area(of: part) > 0 else { continue }
            parts.append(part)
            used.append(region)
        }
        if parts.isEmpty { return [geometry] }
        let rest = try geometry.difference(try Geometry.union(used, gridSize: gridSize), gridSize: gridSize).polygonal()
        if Geodesic.area(of: rest) > 0 { parts.append(rest) }
        return parts
    }

    private mutating func add(_ piece: Piece) {
        guard let box = piece.geometry.bounds else { return }
        let id = nextID
        nextID += 1
        areaTotals[piece.controller, default: 0] += Self.micro(piece.area)
        if tracksFrontline {
            // Neighbours are found among pieces whose box meets this one's.
            var found: [Int: Int64] = [:]
            if let boundary = try? piece.geometry.boundary() {
                for other in index.query(box) {
                    guard let neighbour = pieces[other],
                        let shared = try? boundary.intersection(neighbour.geometry, gridSize: Self.gridSize)
                    else { continue }
                    let length = Self.micro(Geodesic.length(of: shared))
                    guard length > 0 else { continue }
                    found[other] = length
                    neighbours[other, default: [:]][id] = length
                    if neighbour.controller != piece.controller { addFrontline(length, piece.controller, neighbour.controller) }
                }
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
            for part in try Self.cut(piece.geometry, along: cutRegions) {
                add(Piece(geometry: part, controller: piece.controller, claim: piece.claim, area: Geodesic.area(of: part)))
            }
        }
        var rests: [Piece] = []
        for id in index.query(box) {
            let piece = pieces[id]!
            guard try prepared.intersects(piece.geometry) else { continue }
            remove(id)
            if try prepared.covers(piece.geometry) { continue }
            let rest = try piece.geometry.difference(area, gridSize: Self.gridSize).polygonal()
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

    /// The union of each controller's pieces (`GEOSUnaryUnionPrec_r`).
    public func controlGeometries() throws -> [String: Geometry] {
        var grouped: [String: [Geometry]] = [:]
        for (_, piece) in pieces.sorted(by: { $0.key < $1.key }) { grouped[piece.controller, default: []].append(piece.geometry) }
        var result: [String: Geometry] = [:]
        for (controller, geometries) in grouped {
            result[controller] = try Geometry.union(geometries, gridSize: Self.gridSize).polygonal()
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
