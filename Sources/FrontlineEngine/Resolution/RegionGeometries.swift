import FrontlineModel
import GeoJSON
import Geometry

/// GEOS geometries of the regions, made on first use and shared. They are in the engine's form
/// (`GridPolicy.prepare`: densified along their geodesics, on its grid), so that a region's
/// outline coincides with the outlines of the pieces cut along it.
public final class RegionGeometries: Sendable {
    public let regions: [Region]
    private let index: [String: Int]
    private let cache: SharedCache<Geometry>
    private let points: SharedCache<Geometry>

    /// `file` is where the regions were read (their features in order), named when GEOS fails
    /// on one of them. `known`: shapes already in the engine's form, by their source shape (a
    /// baseline made of the regions, as `frontline init` writes it), not made again.
    public init(_ regions: [Region], file: String = Dataset.regionsFile, known: [(source: GeoJSONGeometry, prepared: Geometry)] = []) throws {
        self.regions = regions
        self.index = Dictionary(regions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.cache = try SharedCache(count: regions.count) { index in
            if let same = known.first(where: { $0.source == regions[index].geometry }) { return same.prepared }
            return try DataError.attributing(file: file, featureIndex: index, featureID: regions[index].id, doing: "cannot densify the region onto the engine's grid") { try GridPolicy.prepare(regions[index].geometry) }
        }
        self.points = try SharedCache(count: regions.count) { index in
            try DataError.attributing(file: file, featureIndex: index, featureID: regions[index].id, doing: "cannot find a point inside the region") { try Geometry(regions[index].geometry).pointOnSurface() }
        }
    }

    public func geometry(_ id: String) throws -> Geometry? {
        guard let position = index[id] else { return nil }
        return try cache.value(position)
    }

    /// A point inside the region, where its unlocated claims are shown (`GEOSPointOnSurface_r`).
    public func representativePoint(_ id: String) throws -> Geometry? {
        guard let position = index[id] else { return nil }
        return try points.value(position)
    }

    /// The bounding box of every region, as a rectangle.
    public func envelopeOfAll() throws -> Geometry {
        var bounds: Bounds?
        for region in regions {
            guard let box = region.geometry.computedBoundingBox else { continue }
            let regionBounds = Bounds(minX: box[0], minY: box[1], maxX: box[2], maxY: box[3])
            bounds = bounds.map { $0.union(regionBounds) } ?? regionBounds
        }
        return Geometry.rectangle(bounds ?? Bounds(minX: -180, minY: -90, maxX: 180, maxY: 90))
    }
}
