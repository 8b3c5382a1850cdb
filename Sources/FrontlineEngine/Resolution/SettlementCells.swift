import FrontlineModel
import GeoJSON
import Geometry

/// The area a settlement stands for: its Voronoi cell among every gazetteer settlement
/// (`GEOSVoronoiDiagram_r`), clipped to the settlement's region. The diagram is computed once;
/// each clipped cell on first use, then kept.
public final class SettlementCells: Sendable {
    private let cellOfSettlement: [String: Geometry]
    private let regionOf: [String: String]
    private let regions: RegionGeometries
    private let clipped: SharedCache<Geometry>
    private let order: [String: Int]

    public init(settlements: [Settlement], regions: RegionGeometries) throws {
        self.regions = regions
        var cellOfSettlement: [String: Geometry] = [:]
        if !settlements.isEmpty {
            // One site per distinct position: settlements at the same point share a cell.
            var sites: [Position] = []
            var siteOfPosition: [Position: Int] = [:]
            for settlement in settlements where siteOfPosition[settlement.position] == nil {
                siteOfPosition[settlement.position] = sites.count
                sites.append(settlement.position)
            }
            var cellOfSite: [Int: Geometry] = [:]
            if sites.count == 1 {
                cellOfSite[0] = try regions.envelopeOfAll().buffer(1)
            } else {
                let points = try Geometry(.multiPoint(PositionList(sites)))
                let extent = try regions.envelopeOfAll().buffer(1)
                let cells = try points.voronoiDiagram(extent: extent).parts
                // GEOS returns cells in no set order: find each cell's site.
                let tree = STRtree(sites.map { Geometry.point(x: $0.longitude, y: $0.latitude) })
                for cell in cells {
                    let prepared = try PreparedGeometry(cell)
                    for site in tree.query(cell) where cellOfSite[site] == nil {
                        if try prepared.intersects(x: sites[site].longitude, y: sites[site].latitude) {
                            cellOfSite[site] = cell
                            break
                        }
                    }
                }
            }
            for settlement in settlements {
                if let cell = cellOfSite[siteOfPosition[settlement.position]!] { cellOfSettlement[settlement.id] = cell }
            }
        }
        self.cellOfSettlement = cellOfSettlement
        self.regionOf = Dictionary(settlements.map { ($0.id, $0.region) }, uniquingKeysWith: { first, _ in first })
        let ids = settlements.map(\.id)
        self.order = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let cells = cellOfSettlement
        let regionOf = self.regionOf
        self.clipped = try SharedCache(count: ids.count) { index in
            let id = ids[index]
            guard let cell = cells[id] else { return Geometry.emptyCollection(.multiPolygon) }
            guard let region = regionOf[id], let regionGeometry = try regions.geometry(region) else { return cell }
            return try cell.intersection(regionGeometry).polygonal()
        }
    }

    /// The settlement's cell clipped to its region (empty when the settlement is unknown).
    public func cell(_ id: String) throws -> Geometry {
        guard let index = order[id] else { return Geometry.emptyCollection(.multiPolygon) }
        return try clipped.value(index)
    }

    /// The unclipped Voronoi cell.
    public func rawCell(_ id: String) -> Geometry? { cellOfSettlement[id] }
}
