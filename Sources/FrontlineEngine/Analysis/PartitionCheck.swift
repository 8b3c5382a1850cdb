import FrontlineModel
import GeoJSON
import Geometry

/// Checks that a baseline is a partition of its theatre: no two pieces overlap, and no region it
/// covers is left with a gap. Areas under `toleranceKm2` (float noise along shared edges) are
/// ignored.
public enum PartitionCheck {
    public static func problems(_ baseline: Baseline, regions: [Region], file: String, toleranceKm2: Double = 0.01) throws -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let pieces = try baseline.pieces.map { try Geometry($0.geometry) }
        let tree = STRtree(pieces)
        for (i, piece) in pieces.enumerated() {
            for j in tree.query(piece) where j > i {
                let overlap = try piece.intersection(pieces[j])
                let area = Geodesic.area(of: overlap) / 1e6
                if area > toleranceKm2 {
                    diagnostics.append(Diagnostic(
                        file: file, featureIndex: i, featureID: baseline.pieces[i].id,
                        message: "overlaps feature \(j) (\(baseline.pieces[j].id)) by \(Report.fixed(area, decimals: 3)) km²\(try location(overlap))"))
                }
            }
        }
        let theatre = try Geometry.union(pieces)
        let theatreArea = Geodesic.area(of: theatre)
        guard theatreArea > 0 else { return diagnostics }
        // The regions the baseline claims to cover: those lying mostly inside it.
        var covered: [Geometry] = []
        let prepared = try PreparedGeometry(theatre)
        for region in regions where !region.isHistorical {
            let geometry = try Geometry(region.geometry)
            guard try prepared.intersects(geometry) else { continue }
            let inside = Geodesic.area(of: try geometry.intersection(theatre))
            if inside >= 0.5 * Geodesic.area(of: geometry) { covered.append(geometry) }
        }
        if !covered.isEmpty {
            let gaps = try Geometry.union(covered).difference(theatre)
            for gap in gaps.parts where Geodesic.area(of: gap) / 1e6 > toleranceKm2 {
                diagnostics.append(Diagnostic(
                    file: file, path: JSONPath([.key("features")]),
                    message: "gap of \(Report.fixed(Geodesic.area(of: gap) / 1e6, decimals: 3)) km² that no piece covers\(try location(gap))"))
            }
        }
        return diagnostics
    }

    static func location(_ geometry: Geometry) throws -> String {
        guard let point = try geometry.pointOnSurface().pointCoordinates else { return "" }
        return " around [\(Report.fixed(point.x, decimals: 5)), \(Report.fixed(point.y, decimals: 5))]"
    }
}
