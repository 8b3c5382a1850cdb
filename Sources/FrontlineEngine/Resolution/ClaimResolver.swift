import FrontlineModel
import GeoJSON
import Geometry

/// A claim with the area it moves (nil for an unlocated claim, which is reported but moves none).
public struct ResolvedClaim: Sendable {
    public var claim: Claim
    public var area: Geometry?
    /// Geodesic area of `area` in m².
    public var areaSquareMetres: Double
    /// Why the claim is unlocated, when it is.
    public var unlocatedReason: String?
    /// Said once on stderr: area lying outside the theatre beyond the outline tolerance.
    public var warning: String?
    /// The km² behind `warning` (kept by the cache, which words the warning for each claim).
    var outsideSquareKilometres: Double?
}

/// Outline tolerance: a claim's area within `metres` of the theatre's outline is snapped to it,
/// so that a tracker's coast and the regions' coast leave no sliver between them, and boundary
/// within `metres` of the outline is a border or a coast, not frontline.
public struct OutlineSnap: Sendable, Equatable {
    public var metres: Double
    /// Which claims are snapped: with no `--snap`, only exact claims (a tracker draws on its own
    /// outline; change claims are drawn on the dataset's regions and keep their answers).
    public var exactOnly: Bool

    public init(metres: Double, exactOnly: Bool) { (self.metres, self.exactOnly) = (metres, exactOnly) }

    /// Default for exact claims. DeepStateMap's coast and borders lie within a few hundred metres
    /// of Natural Earth's 1:10m admin-1 outline (measured in docs/BENCHMARKS.md); 1 km clears them
    /// and is far below the width of any position a tracker draws.
    public static let defaultMetres = 1000.0
    public static let `default` = OutlineSnap(metres: defaultMetres, exactOnly: true)
    public static let off = OutlineSnap(metres: 0, exactOnly: false)

    /// `--snap METRES` given (0 turns it off), or the default.
    public init(option: Double?) {
        self = option.map { OutlineSnap(metres: $0, exactOnly: false) } ?? .default
    }

    func applies(to claim: Claim) -> Bool { metres > 0 && (!exactOnly || claim.mode == .exact) }

    /// The tolerance in degrees: a bound that stays within `metres` in every direction.
    var degrees: Double { Geodesic.degrees(metres: metres) }
}

/// Turns claims into areas. Area of a claim = union of its polygons and its settlements' cells,
/// clipped to its region when given; with neither, a `full` region is the whole region and a
/// `partial` one is unlocated. Everything is clipped to the theatre (the baseline's union).
public final class ClaimResolver: Sendable {
    /// The baseline's pieces in the engine's form (`GridPolicy.prepare`), made once.
    public let baselinePieces: [ControlState.Piece]
    /// Their union.
    public let theatre: Geometry
    public let regions: RegionGeometries
    public let cells: SettlementCells
    /// Regions lying wholly inside the theatre: what is clipped to them needs no theatre clip.
    let regionsInsideTheatre: Set<String>
    let settlementRegion: [String: String]
    public let snap: OutlineSnap
    /// The buffer of the theatre's outline by the tolerance (made once, when some claim is
    /// snapped). Overlays with it run in floating point: snap-rounding a band that follows
    /// every coast would cost more than the claims; what they make is put on the grid after.
    public let outlineBand: Geometry?
    /// The theatre's outline indexed for "within the tolerance of it" (with `outlineBand`):
    /// boundary along it is a border or a coast, not frontline. Made on first use, or beside the
    /// resolution of claims (which does not need it).
    public var outlineProximity: SharedBorder? { try? proximity?.value(0) }
    private let proximity: SharedCache<SharedBorder>?
    /// Whether some claim is snapped to the outline (then `outlineProximity` is not nil).
    public var snapsToOutline: Bool { proximity != nil }
    /// The theatre and the band together: what a snapped claim may cover without a warning.
    let outlineReach: Geometry?

    /// The cache that keeps this resolver's results between runs, and its setup's key there.
    let cache: (store: ResolutionCache, setup: [UInt8])?

    /// With `cache`, the prepared theatre and each claim's resolution are read from it when
    /// there, and written to it when made (`ResolutionCache`).
    public init(dataset: Dataset, snap: OutlineSnap = .off, snapsAny: Bool = false, cache: ResolutionCache? = nil) throws {
        guard let baseline = dataset.baseline else {
            throw DataError(file: dataset.path(Dataset.baselineFile), message: "a baseline is needed to resolve claims")
        }
        let snapsAny = snapsAny && snap.metres > 0
        let key = cache.map { _ in ResolutionCache.setupKey(dataset: dataset, snap: snap, snapsAny: snapsAny) }
        let stored = key.flatMap { cache!.read($0, kind: .setup) }.flatMap { try? StoredSetup(reading: $0, baseline: baseline, snapsAny: snapsAny) }
        let baselineFile = dataset.path(Dataset.baselineFile)
        if let stored {
            baselinePieces = stored.pieces
        } else {
            baselinePieces = try Parallel.map(Array(baseline.pieces.enumerated())) { index, piece in
                let geometry = try DataError.attributing(file: baselineFile, featureIndex: index, featureID: piece.id, doing: "cannot densify the baseline piece onto the engine's grid") {
                    try GridPolicy.prepare(piece.geometry)
                }
                return ControlState.Piece(geometry: geometry, controller: piece.controller, claim: ControlState.baselineLineage, area: Geodesic.area(of: geometry), isWhole: true)
            }
        }
        let union = try stored.map { (geometry: $0.theatre, isCoverage: false) } ?? Self.union(of: baselinePieces.map(\.geometry))
        theatre = union.geometry
        regions = try RegionGeometries(dataset.regions, file: dataset.path(Dataset.regionsFile),
                                       known: zip(baseline.pieces, baselinePieces).map { ($0.geometry, $1.geometry) })
        cells = try SettlementCells(settlements: dataset.settlements, regions: regions)
        regionsInsideTheatre = try stored?.regionsInsideTheatre ?? Self.regionsInside(theatre, dataset.regions, regions, pieces: baselinePieces, isCoverage: union.isCoverage)
        settlementRegion = Dictionary(dataset.settlements.map { ($0.id, $0.region) }, uniquingKeysWith: { a, _ in a })
        self.snap = snap
        if snapsAny {
            // The band need not follow the outline closer than a tenth of its width: the engine's
            // densified outline (every 5 mm of geodesic) would make it hundreds of times dearer.
            let band = try stored?.band ?? theatre.boundary().simplified(tolerance: snap.degrees / 10).buffer(snap.degrees)
            outlineBand = band
            let (theatre, degrees) = (theatre, snap.degrees)
            proximity = try SharedCache(count: 1) { _ in SharedBorder(theatre, tolerance: degrees) }
            // For the warning only, so a theatre simplified within the band is enough.
            outlineReach = try stored?.reach ?? theatre.simplified(tolerance: snap.degrees / 10).union(band)
        } else {
            (outlineBand, proximity, outlineReach) = (nil, nil, nil)
        }
        self.cache = cache.map { ($0, key!) }
        if let cache, let key, stored == nil {
            cache.write(key, kind: .setup, StoredSetup.writing(pieces: baselinePieces, theatre: theatre, regionsInsideTheatre: regionsInsideTheatre,
                                                                band: outlineBand, reach: outlineReach))
        }
    }

    /// The regions lying wholly inside the theatre.
    static func regionsInside(_ theatre: Geometry, _ all: [Region], _ regions: RegionGeometries, pieces: [ControlState.Piece], isCoverage: Bool) throws -> Set<String> {
        let prepared = try PreparedGeometry(theatre)
        // A region whose shape is a baseline piece's (`frontline init`) lies in a coverage union
        // of the pieces vertex for vertex: no test needed (a tracker's 27 oblasts took 47 ms).
        let pieceShapes = !isCoverage ? [] : Set(pieces.map { ObjectIdentifier($0.geometry) })
        var inside: Set<String> = []
        for region in all {
            guard let geometry = try regions.geometry(region.id) else { continue }
            if try pieceShapes.contains(ObjectIdentifier(geometry)) || prepared.covers(geometry) { inside.insert(region.id) }
        }
        return inside
    }

    /// The union of the baseline's pieces. Pieces cut along regions are mostly a coverage (no
    /// overlap, shared edges vertex for vertex, as `frontline init` writes them): their coverage
    /// union (`GEOSCoverageUnion_r`) needs no noding and is taken when it is valid and keeps
    /// their area; otherwise the snap-rounded union (`GEOSUnaryUnionPrec_r`). `isCoverage`: the
    /// first, whose vertices are the pieces' own.
    static func union(of pieces: [Geometry]) throws -> (geometry: Geometry, isCoverage: Bool) {
        if let coverage = coverageUnion(of: pieces) { return (coverage, true) }
        return (try Geometry.union(pieces, gridSize: GridPolicy.gridSize).polygonal(), false)
    }

    /// The coverage union of `pieces`, or nil when they are one piece or not a coverage (the
    /// union invalid, or its area not theirs).
    static func coverageUnion(of pieces: [Geometry]) -> Geometry? {
        guard pieces.count > 1, let coverage = try? Geometry.collection(pieces).coverageUnion().polygonal(), coverage.isValid else { return nil }
        let area = pieces.reduce(0) { $0 + $1.planarArea }
        return abs(coverage.planarArea - area) <= 1e-12 * area ? coverage : nil
    }

    /// Resolves every claim, in parallel (each worker with its own prepared theatre, since a
    /// prepared geometry is not thread-safe); results keep the input order. A GEOS failure on a
    /// claim is reported as bad data of that claim (its file, feature and id).
    public func resolve(_ claims: [Claim]) throws -> [ResolvedClaim] {
        guard let cache else { return try resolveAll(claims) }
        return try resolve(claims, cache: cache.store, setup: cache.setup)
    }

    /// `resolve` without the cache.
    func resolveAll(_ claims: [Claim]) throws -> [ResolvedClaim] {
        // Each chunk prepares the theatre once; a few large claims (a tracker's days) still make
        // four chunks, so that every core has work.
        let chunkSize = claims.count >= 256 ? max(64, claims.count / 32) : max(1, (claims.count + 3) / 4)
        let chunks = stride(from: 0, to: claims.count, by: chunkSize).map { Array(claims[$0..<min($0 + chunkSize, claims.count)]) }
        // One more task makes the outline's index, which resolving does not need, on a core that
        // a few claims leave idle.
        return try Parallel.map(Array(0...chunks.count)) { task -> [ResolvedClaim] in
            guard task < chunks.count else {
                _ = self.outlineProximity
                return []
            }
            let chunk = chunks[task]
            let theatre = try PreparedGeometry(self.theatre)
            // Consecutive claims of a chunk (a tracker's consecutive days) share most edges.
            let memo = GeodesicMemo()
            return try chunk.map { claim in
                memo.startShape()
                return try DataError.attributing(file: claim.file, featureIndex: claim.index, featureID: claim.id, doing: "cannot resolve the claim's area") {
                    try self.resolve(claim, theatre: theatre, memo: memo, alone: claims.count == 1)
                }
            }
        }.flatMap { $0 }
    }

    /// The area grown to the theatre's outline where it comes within the tolerance of it: what
    /// of the band lies within the tolerance of the area's own part in the band.
    func snapped(_ area: Geometry, band: Geometry) throws -> Geometry {
        let near = try area.intersection(band).polygonal()
        // Planar area is positive exactly when the geodesic one is, at a fraction of the cost.
        guard near.planarArea > 0 else { return area }
        let reach = try near.buffer(snap.degrees).intersection(band).polygonal()
        // One overlay of the two (`GEOSUnion_r`): a unary union of them would union the reach's
        // many small parts one by one first.
        return try area.union(reach).polygonal()
    }

    /// The km² of the claim's area outside the theatre beyond the tolerance, when there are any.
    func outsideSquareKilometres(_ whole: Geometry, reach: Geometry) throws -> Double? {
        let beyond = try whole.difference(reach)
        guard beyond.planarArea > 0 else { return nil }
        return Geodesic.area(of: beyond) / 1e6
    }

    /// The line said for a claim with `km2` outside the theatre beyond the tolerance.
    func outsideWarning(_ claim: Claim, km2: Double?) -> String? {
        guard let km2 else { return nil }
        let where_ = "\(claim.file): feature \(claim.index) (\(claim.id))"
        return "warning: \(where_): \(Report.fixed(km2, decimals: 1)) km² of the claim lie outside the theatre, farther than \(Report.fixed(snap.metres, decimals: 0)) m from its outline (clipped)"
    }

    /// `alone`: the only claim being resolved, so other cores are idle.
    func resolve(_ claim: Claim, theatre: PreparedGeometry, memo: GeodesicMemo, alone: Bool = false) throws -> ResolvedClaim {
        var parts: [Geometry] = []
        if !claim.polygons.isEmpty { parts.append(try Geometry(.multiPolygon(claim.polygons))) }
        let located = claim.locatedSettlements
        for settlement in located {
            let cell = try cells.cell(settlement)
            if !cell.isEmpty { parts.append(cell) }
        }
        var area: Geometry
        if parts.isEmpty {
            // Named settlements that stand for no area do not widen the claim to its region.
            if !located.isEmpty {
                return ResolvedClaim(claim: claim, area: nil, areaSquareMetres: 0, unlocatedReason: "its settlements' cells are empty")
            }
            guard let region = claim.region, claim.extent == .full else {
                let reason = claim.region == nil ? "no polygon, settlement or region to locate it" : "partial claim on region \(claim.region!) without polygon or settlement"
                return ResolvedClaim(claim: claim, area: nil, areaSquareMetres: 0, unlocatedReason: reason)
            }
            guard let geometry = try regions.geometry(region) else {
                return ResolvedClaim(claim: claim, area: nil, areaSquareMetres: 0, unlocatedReason: "unknown region \(region)")
            }
            area = geometry
        } else {
            area = parts.count == 1 ? parts[0] : try Geometry.union(parts)
            if let region = claim.region, let geometry = try regions.geometry(region) {
                area = try area.intersection(geometry).polygonal()
            }
        }
        // Clipped to a region inside the theatre (or made only of cells of such regions), the
        // area is inside the theatre already.
        let insideByRegion = claim.region.map { regionsInsideTheatre.contains($0) } ?? false
        let insideByCells = claim.polygons.isEmpty && claim.region == nil && !located.isEmpty
            && located.allSatisfy { settlementRegion[$0].map(regionsInsideTheatre.contains) ?? false }
        var outside: Double?
        if snap.applies(to: claim), let band = outlineBand, let reach = outlineReach {
            // Before the clip, on the claim as drawn: the band reaches both sides of the outline
            // and the clip to the theatre, needed anyway, trims what the snap adds outside.
            if alone {
                // A claim resolved alone (a tracker's new day) measures what lies outside on the
                // core the others leave.
                let drawn = area
                (area, outside) = try Parallel.pair({ try self.snapped(drawn, band: band) }, { try self.outsideSquareKilometres(drawn, reach: reach) })
            } else {
                outside = try outsideSquareKilometres(area, reach: reach)
                area = try snapped(area, band: band)
            }
        }
        if !insideByRegion && !insideByCells, try !theatre.covers(area) {
            area = try area.intersection(theatre.base).polygonal()
        }
        area = try GridPolicy.prepareClaimArea(area, memo: memo).polygonal()
        let squareMetres = Geodesic.area(of: area, memo: memo)
        guard squareMetres > 0 else {
            return ResolvedClaim(claim: claim, area: nil, areaSquareMetres: 0, unlocatedReason: "its area lies outside the theatre")
        }
        return ResolvedClaim(claim: claim, area: area, areaSquareMetres: squareMetres, unlocatedReason: nil,
                             warning: outsideWarning(claim, km2: outside), outsideSquareKilometres: outside)
    }
}
