import Foundation
import GeoJSON
import Geometry

/// The engine's numeric policy: the form every shape takes before the engine overlays it.
/// Shapes are densified along their geodesics (an edge is a geodesic, as in PostGIS geography and
/// GeographicLib), snapped onto one grid, and overlay results are rid of grid slivers. Everything
/// that cuts, compares or writes engine geometry goes through here, so two shapes that should
/// share an outline do, to the last grid step.
public enum GridPolicy {
    /// Every piece lives on a grid of 2⁻²⁷° (7.45e-9°, under a millimetre) and every overlay
    /// snap-rounds to it (GEOS OverlayNG with a fixed precision model). Floating-point overlays
    /// leave slivers a few 1e-12° wide where edges computed twice almost meet; on the grid such
    /// edges coincide, so pieces stay an exact partition and no phantom frontline appears along
    /// them. A power of two, because GEOS scales by 1/gridSize: for 1e-9 that scale is not
    /// exactly 1e9, and two of its operations then round the same point differently. Overlays of
    /// operands over `Geometry.floatingAbove` vertices run in floating point and are rounded onto
    /// the grid after (snap-rounding's index would cost more than the shapes themselves).
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

    /// A claim's area in the engine's form: `prepare`, with `memo` for the geodesics, and put on
    /// the grid point by point when that keeps it valid (`Geometry.withPrecision(_:pointByPoint:)`).
    /// A claim is resolved on every date it is read for (a tracker's every day), where
    /// snap-rounding was a third of the time; the state's overlays snap-round what it meets
    /// anyway. Baseline pieces and regions, prepared once, keep snap-rounding, and with it the
    /// bytes of every data folder already written.
    public static func prepareClaimArea(_ geometry: Geometry, memo: GeodesicMemo) throws -> Geometry {
        try Geometry(Geodesic.densify(geometry.geoJSON, tolerance: densifyTolerance, memo: memo)).withPrecision(gridSize, pointByPoint: true)
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

    /// A geometry in the form written to files: coordinates rounded to `gridDecimals`, which
    /// read back onto the same grid points (`Geometry.geoJSON(decimals:)`).
    public static func output(_ geometry: Geometry) -> GeoJSONGeometry {
        geometry.geoJSON(decimals: gridDecimals)
    }
}
