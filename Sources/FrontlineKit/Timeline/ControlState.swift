import GeoJSON
import Geometry

/// The control partition of the theatre at one moment: pieces of area, each with its controller
/// and the id of the claim (or `baseline`) that put it there.
///
/// Applying a claim touches only the pieces its area meets (found through a grid index and
/// tested with a prepared geometry); each piece's geodesic area is computed once, when made.
public struct ControlState {
    public struct Piece: Sendable {
        public var geometry: Geometry
        public var controller: String
        /// The claim id that put this area under its controller, or "baseline".
        public var claim: String
        /// Geodesic area in m².
        public var area: Double
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

    public init(baseline: Baseline, bounds: Bounds, expectedPieces: Int) throws {
        index = GridIndex(bounds: bounds, expectedItems: max(expectedPieces, baseline.pieces.count))
        for piece in baseline.pieces {
            let geometry = try Geometry(piece.geometry).withPrecision(Self.gridSize)
            add(Piece(geometry: geometry, controller: piece.controller, claim: Self.baselineLineage, area: Geodesic.area(of: geometry)))
        }
    }

    private mutating func add(_ piece: Piece) {
        guard let box = piece.geometry.bounds else { return }
        pieces[nextID] = piece
        index.insert(nextID, box)
        nextID += 1
    }

    private mutating func remove(_ id: Int) {
        pieces[id] = nil
        index.remove(id)
    }

    /// The claim's controller gains its area; every other piece loses it.
    public mutating func apply(_ resolved: ResolvedClaim) throws {
        guard let area = resolved.area, let box = area.bounds else { return }
        version += 1
        let prepared = try PreparedGeometry(area)
        for id in index.query(box) {
            let piece = pieces[id]!
            guard try prepared.intersects(piece.geometry) else { continue }
            remove(id)
            if try prepared.covers(piece.geometry) { continue }
            let rest = try piece.geometry.difference(area, gridSize: Self.gridSize).polygonal()
            let restArea = Geodesic.area(of: rest)
            if restArea > 0 {
                add(Piece(geometry: rest, controller: piece.controller, claim: piece.claim, area: restArea))
            }
        }
        add(Piece(geometry: area, controller: resolved.claim.controller, claim: resolved.claim.id, area: resolved.areaSquareMetres))
    }

    /// Controlled area per controller in m² (sum of the pieces' geodesic areas).
    public func areas() -> [String: Double] {
        var result: [String: Double] = [:]
        // In piece order: floating-point sums depend on order, and output must not.
        for (_, piece) in pieces.sorted(by: { $0.key < $1.key }) { result[piece.controller, default: 0] += piece.area }
        return result
    }

    /// Pieces in a stable order: by controller, then claim id.
    public var orderedPieces: [Piece] {
        pieces.sorted { $0.key < $1.key }.map(\.value).sorted {
            ($0.controller, $0.claim) < ($1.controller, $1.claim)
        }
    }

    /// The union of each controller's pieces (`GEOSUnaryUnion_r`).
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
