import FrontlineModel
import GeoJSON
import Geometry

extension ClaimResolver {
    /// `resolve` through the cache: claims found there are read back (in parallel), the others
    /// are resolved as without it and then written to it.
    func resolve(_ claims: [Claim], cache: ResolutionCache, setup: [UInt8]) throws -> [ResolvedClaim] {
        let keys = try Parallel.map(claims) { ResolutionCache.claimKey(setup: setup, claim: $0) }
        // The outline's index is left to `resolveAll`, beside the claims not found (a tracker's
        // new day), or to its first use.
        var results = try Parallel.map(Array(zip(claims, keys))) { claim, key in
            cache.read(key, kind: .claim).flatMap { reader in try? self.storedClaim(claim, reading: reader) }
        }
        let misses = results.indices.filter { results[$0] == nil }
        guard !misses.isEmpty else { return results.map { $0! } }
        let made = try resolveAll(misses.map { claims[$0] })
        for (index, item) in zip(misses, made) { results[index] = item }
        _ = try Parallel.map(Array(zip(misses, made))) { index, item in
            cache.write(keys[index], kind: .claim, Self.writing(item))
        }
        return results.map { $0! }
    }

    /// A claim's resolution as a cache entry: its area (WKB) with its m² and the km² outside the
    /// theatre, or why it is unlocated.
    static func writing(_ item: ResolvedClaim) -> CacheWriter {
        var writer = CacheWriter()
        if let area = item.area {
            writer.u8(1)
            writer.f64(item.areaSquareMetres)
            writer.geometry(area)
            writer.u8(item.outsideSquareKilometres == nil ? 0 : 1)
            writer.f64(item.outsideSquareKilometres ?? 0)
        } else {
            writer.u8(0)
            writer.string(item.unlocatedReason ?? "")
        }
        return writer
    }

    /// The resolution of `claim` from its cache entry (what `writing` wrote).
    func storedClaim(_ claim: Claim, reading reader: CacheReader) throws -> ResolvedClaim {
        var reader = reader
        let result: ResolvedClaim
        switch try reader.u8() {
        case 1:
            let squareMetres = try reader.f64()
            let area = try reader.geometry()
            let hasOutside = try reader.u8() == 1
            let outside = try reader.f64()
            let km2 = hasOutside ? outside : nil
            result = ResolvedClaim(claim: claim, area: area, areaSquareMetres: squareMetres, unlocatedReason: nil,
                                   warning: outsideWarning(claim, km2: km2), outsideSquareKilometres: km2)
        case 0:
            result = ResolvedClaim(claim: claim, area: nil, areaSquareMetres: 0, unlocatedReason: try reader.string())
        default:
            throw CacheReader.Truncated()
        }
        guard reader.isAtEnd else { throw CacheReader.Truncated() }
        return result
    }
}

/// What `ClaimResolver.init` prepares from the dataset, as a cache entry: the baseline's pieces
/// on the grid (WKB and geodesic m²), their union, the regions inside it, and the outline band
/// and reach when claims are snapped.
struct StoredSetup {
    var pieces: [ControlState.Piece]
    var theatre: Geometry
    var regionsInsideTheatre: Set<String>
    var band: Geometry?
    var reach: Geometry?

    static func writing(pieces: [ControlState.Piece], theatre: Geometry, regionsInsideTheatre: Set<String>, band: Geometry?, reach: Geometry?) -> CacheWriter {
        var writer = CacheWriter()
        writer.u64(UInt64(pieces.count))
        for piece in pieces {
            writer.f64(piece.area)
            writer.geometry(piece.geometry)
        }
        writer.geometry(theatre)
        let inside = regionsInsideTheatre.sorted()
        writer.u64(UInt64(inside.count))
        for id in inside { writer.string(id) }
        writer.u8(band == nil ? 0 : 1)
        if let band, let reach {
            writer.geometry(band)
            writer.geometry(reach)
        }
        return writer
    }

    /// Reads what `writing` wrote for `baseline` (its pieces in order); throws when the entry
    /// does not fit it.
    init(reading reader: CacheReader, baseline: Baseline, snapsAny: Bool) throws {
        var reader = reader
        guard try reader.u64() == UInt64(baseline.pieces.count) else { throw CacheReader.Truncated() }
        pieces = try baseline.pieces.map { piece in
            let area = try reader.f64()
            return ControlState.Piece(geometry: try reader.geometry(), controller: piece.controller, claim: ControlState.baselineLineage, area: area, isWhole: true)
        }
        theatre = try reader.geometry()
        let count = try reader.u64()
        var inside: Set<String> = []
        for _ in 0..<count { inside.insert(try reader.string()) }
        regionsInsideTheatre = inside
        let hasBand = try reader.u8() == 1
        guard hasBand == snapsAny else { throw CacheReader.Truncated() }
        if hasBand {
            band = try reader.geometry()
            reach = try reader.geometry()
        }
        guard reader.isAtEnd else { throw CacheReader.Truncated() }
    }
}
