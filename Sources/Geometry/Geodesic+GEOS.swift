import CGEOS
import CPROJ

extension Geodesic.Measurement {
    /// Area and length of a GEOS geometry, from its coordinate sequences (`Geometry.forEachLine`);
    /// with `memo`, edges met before are not computed again.
    static func of(_ geometry: Geometry, memo: GeodesicMemo? = nil) -> Geodesic.Measurement {
        var result = Geodesic.Measurement()
        // A polygon's area is its exterior's less its holes', never below zero.
        var polygonArea: Double?
        func closePolygon() {
            if let area = polygonArea { result.area += max(0, area) }
            polygonArea = nil
        }
        geometry.forEachLine { part, coordinates in
            switch part {
            case .line:
                result.length += Geodesic.lineLength(coordinates, dimension: 2)
            case .exterior:
                closePolygon()
                let ring = Geodesic.ringMeasure(coordinates, dimension: 2, memo: memo)
                polygonArea = ring.area
                result.length += ring.perimeter
            case .hole:
                let ring = Geodesic.ringMeasure(coordinates, dimension: 2, memo: memo)
                polygonArea = (polygonArea ?? 0) - ring.area
                result.length += ring.perimeter
            }
        }
        closePolygon()
        return result
    }
}
