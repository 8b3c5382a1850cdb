import Foundation
import FrontlineModel
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
    /// With outline snapping, the theatre's outline: borders along it are not frontline.
    private let outline: SharedBorder?

    /// Starts from the whole baseline pieces (in the engine's form: `prepare`), which cover
    /// `extent`. The first claim to reach one cuts it along `regions`, so that claims touch only
    /// the small pieces of the regions they meet, never a theatre-wide polygon.
    public init(baseline: [Piece], extent: Geometry? = nil, regions: [Geometry] = [], bounds: Bounds, expectedPieces: Int, tracksFrontline: Bool = false,
                outline: SharedBorder? = nil) {
        self.tracksFrontline = tracksFrontline
        self.outline = outline
        self.extent = extent
        cutRegions = regions
        index = GridIndex(bounds: bounds, expectedItems: max(expectedPieces + regions.count, baseline.count))
        for var piece in baseline {
            piece.isWhole = true
            add(piece)
        }
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
            let part = try prepared.covers(region) ? region : try GridPolicy.withoutSlivers(try region.intersection(geometry, gridSize: GridPolicy.gridSize))
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
        let rest = try GridPolicy.withoutSlivers(try geometry.difference(try Geometry.union(used, gridSize: GridPolicy.gridSize), gridSize: GridPolicy.gridSize))
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
            let tolerance = 2 * GridPolicy.gridSize
            let border = SharedBorder(piece.geometry, tolerance: tolerance, excludingNear: outline)
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

    /// Applies a located claim: a `change` claim moves its area to its controller; an `exact`
    /// one makes its controller hold exactly its area within `scope` (its region's geometry, nil
    /// for the whole theatre).
    public mutating func apply(_ resolved: ResolvedClaim, scope: Geometry? = nil) throws {
        guard let area = resolved.area else { return }
        switch resolved.claim.mode {
        case .change:
            try transfer(area, squareMetres: resolved.areaSquareMetres, to: resolved.claim.controller, claim: resolved.claim.id)
        case .exact:
            try applyExact(resolved, area: area, scope: scope)
        }
    }

    /// Change claims in ledger order, applied at once (`transfer(_:)` with a batch); exact
    /// claims among them are applied in their turn, between the batches around them.
    public mutating func apply(_ claims: [ResolvedClaim], scope: (ResolvedClaim) -> Geometry?) throws {
        var batch: [Transfer] = []
        for resolved in claims {
            guard let area = resolved.area else { continue }
            if resolved.claim.mode == .change {
                batch.append(Transfer(area: area, squareMetres: resolved.areaSquareMetres, controller: resolved.claim.controller, claim: resolved.claim.id))
                continue
            }
            try transfer(batch)
            batch = []
            try apply(resolved, scope: scope(resolved))
        }
        try transfer(batch)
    }

    /// What an exact claim held last, by (controller, scope), and the version it left the state
    /// at: while nothing else has changed the state since, the controller's holding in that scope
    /// is that area, and the next exact claim needs no union of the controller's pieces.
    private var lastExact: (controller: String, scope: String, version: Int, area: Geometry)?

    /// An exact claim as two transfers of what changed: the area the controller gains (its
    /// claim less what it holds in the scope) and the area it cedes (what it holds less its claim).
    /// A tracker's consecutive states share most of their outline, so both are small.
    private mutating func applyExact(_ resolved: ResolvedClaim, area: Geometry, scope: Geometry?) throws {
        let claim = resolved.claim
        guard let cededTo = claim.cededTo else { return }
        let scopeKey = claim.region ?? ""
        let held: Geometry
        if let last = lastExact, last.controller == claim.controller, last.scope == scopeKey, last.version == version {
            held = last.area
        } else {
            held = try holding(of: claim.controller, within: scope)
        }
        let gained = try GridPolicy.withoutSlivers(try area.difference(held, gridSize: GridPolicy.gridSize))
        let lost = try GridPolicy.withoutSlivers(try held.difference(area, gridSize: GridPolicy.gridSize))
        try transfer(gained, squareMetres: Geodesic.area(of: gained), to: claim.controller, claim: claim.id)
        try transfer(lost, squareMetres: Geodesic.area(of: lost), to: cededTo, claim: claim.id)
        lastExact = (claim.controller, scopeKey, version, area)
    }

    /// The union of `controller`'s pieces (`GEOSUnaryUnionPrec_r`), within `scope` when given.
    func holding(of controller: String, within scope: Geometry?) throws -> Geometry {
        var parts: [Geometry] = []
        let prepared = try scope.map(PreparedGeometry.init)
        let candidates = scope?.bounds.map { index.query($0) } ?? Array(pieces.keys)
        for id in candidates.sorted() {
            guard let piece = pieces[id], piece.controller == controller else { continue }
            if let prepared, let scope {
                if try prepared.covers(piece.geometry) { parts.append(piece.geometry); continue }
                guard try prepared.intersects(piece.geometry) else { continue }
                parts.append(try piece.geometry.intersection(scope, gridSize: GridPolicy.gridSize))
            } else {
                parts.append(piece.geometry)
            }
        }
        if parts.isEmpty { return Geometry.emptyCollection(.multiPolygon) }
        return try Geometry.union(parts, gridSize: GridPolicy.gridSize).polygonal()
    }

    /// `area` (in the engine's form) passes to `controller` under lineage `claim`; every other
    /// piece loses what of it falls inside.
    mutating func transfer(_ area: Geometry, squareMetres: Double, to controller: String, claim: String) throws {
        try transfer([Transfer(area: area, squareMetres: squareMetres, controller: controller, claim: claim)])
    }

    /// One area passing to a controller under a claim's lineage.
    public struct Transfer: Sendable {
        public var area: Geometry
        public var squareMetres: Double
        public var controller: String
        public var claim: String

        public init(area: Geometry, squareMetres: Double, controller: String, claim: String) {
            (self.area, self.squareMetres, self.controller, self.claim) = (area, squareMetres, controller, claim)
        }
    }

    /// Transfers in order, applied at once: the partition is the one they make one after
    /// another (each area less the later ones goes to its controller; every other piece loses
    /// their union), but each piece they touch is cut once, by the union of the areas meeting
    /// it, and re-measured once. One by one, a piece holding many small claims would be cut and
    /// re-measured again for each, with one more hole each time: quadratic in the claims of a
    /// date. The new areas are added before what is left of the pieces they cut, so that a large
    /// piece's borders are measured once against its small neighbours, not by each of them.
    mutating func transfer(_ batch: [Transfer]) throws {
        let items = batch.filter { $0.squareMetres > 0 && $0.area.bounds != nil }
        guard !items.isEmpty else { return }
        version += items.count
        let areas = items.map(\.area)
        let tree = STRtree(areas)
        let prepared = try areas.map { try PreparedGeometry($0) }
        func touched() -> [Int] {
            var ids: Set<Int> = []
            for area in areas { ids.formUnion(index.query(area.bounds!)) }
            return ids.sorted()
        }
        /// The items whose area meets `geometry`, ascending.
        func hits(_ geometry: Geometry) throws -> [Int] {
            try tree.query(geometry).filter { try prepared[$0].intersects(geometry) }
        }
        for id in touched() where pieces[id]!.isWhole {
            let piece = pieces[id]!
            guard try !hits(piece.geometry).isEmpty else { continue }
            remove(id)
            for part in try Self.cut(piece, along: cutRegions) {
                add(Piece(geometry: part.geometry, controller: piece.controller, claim: piece.claim, area: part.area))
            }
        }
        var rests: [Piece] = []
        for id in touched() {
            let piece = pieces[id]!
            let meeting = try hits(piece.geometry)
            guard !meeting.isEmpty else { continue }
            remove(id)
            if try meeting.contains(where: { try prepared[$0].covers(piece.geometry) }) { continue }
            let cutter = meeting.count == 1 ? areas[meeting[0]] : try Geometry.union(meeting.map { areas[$0] }, gridSize: GridPolicy.gridSize)
            let rest = try GridPolicy.withoutSlivers(try piece.geometry.difference(cutter, gridSize: GridPolicy.gridSize))
            let restArea = Geodesic.area(of: rest)
            if restArea > 0 {
                rests.append(Piece(geometry: rest, controller: piece.controller, claim: piece.claim, area: restArea))
            }
        }
        for (position, item) in items.enumerated() {
            // What later transfers of the batch take again is theirs.
            let later = try hits(item.area).filter { $0 > position }
            if later.isEmpty {
                add(Piece(geometry: item.area, controller: item.controller, claim: item.claim, area: item.squareMetres))
                continue
            }
            let cutter = later.count == 1 ? areas[later[0]] : try Geometry.union(later.map { areas[$0] }, gridSize: GridPolicy.gridSize)
            let own = try GridPolicy.withoutSlivers(try item.area.difference(cutter, gridSize: GridPolicy.gridSize))
            let ownArea = Geodesic.area(of: own)
            if ownArea > 0 { add(Piece(geometry: own, controller: item.controller, claim: item.claim, area: ownArea)) }
        }
        for rest in rests { add(rest) }
    }

    /// A fresh state numbered after `previous`, so that versions stay distinct along one walk
    /// (callers cache derived results per version).
    mutating func continueNumbering(afterVersion previous: Int) {
        version = previous + 1
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
                let geometry = entry.geometries.count == 1 ? entry.geometries[0] : try Geometry.union(entry.geometries, gridSize: GridPolicy.gridSize).polygonal()
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
            result.byController[controller] = try Geometry.union(geometries, gridSize: GridPolicy.gridSize).polygonal()
        }
        if let extent, let dominant {
            let parts = result.byController.keys.sorted().map { result.byController[$0]! }
            // One other controller: its area is already a union (a second would copy it, and
            // with a claim of a million vertices that copy was 24 MB held to the end).
            let others = parts.count == 1 ? parts[0] : try Geometry.union(parts, gridSize: GridPolicy.gridSize)
            result.byController[dominant] = try GridPolicy.withoutSlivers(try extent.difference(others, gridSize: GridPolicy.gridSize))
            result.others = others
        }
        return result
    }
}
