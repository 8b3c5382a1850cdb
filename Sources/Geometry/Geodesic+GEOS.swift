import CGEOS
import CPROJ

extension Geodesic.Measurement {
    /// Walks a GEOS geometry's coordinate sequences (`GEOSCoordSeq_copyToBuffer_r`).
    static func of(handle: OpaquePointer) -> Geodesic.Measurement {
        let context = GEOSContext.current.handle
        var result = Geodesic.Measurement()
        var buffer: [Double] = []
        func withCoordinates<R>(_ geometry: OpaquePointer, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
            guard let sequence = GEOSGeom_getCoordSeq_r(context, geometry) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            var size: UInt32 = 0
            _ = GEOSCoordSeq_getSize_r(context, sequence, &size)
            if buffer.count < Int(size) * 2 { buffer = [Double](repeating: 0, count: Int(size) * 2) }
            return buffer.withUnsafeMutableBufferPointer { pointer in
                _ = GEOSCoordSeq_copyToBuffer_r(context, sequence, pointer.baseAddress, 0, 0)
                return body(UnsafeBufferPointer(rebasing: pointer[0..<(Int(size) * 2)]))
            }
        }
        func visit(_ geometry: OpaquePointer) {
            switch GEOSGeomTypeId_r(context, geometry) {
            case 1, 2:  // LineString, LinearRing
                result.length += withCoordinates(geometry) { Geodesic.lineLength($0, dimension: 2) }
            case 3:  // Polygon
                if GEOSisEmpty_r(context, geometry) == 1 { return }
                let exterior = withCoordinates(GEOSGetExteriorRing_r(context, geometry)!) { Geodesic.ringMeasure($0, dimension: 2) }
                var area = exterior.area
                result.length += exterior.perimeter
                for index in 0..<max(0, GEOSGetNumInteriorRings_r(context, geometry)) {
                    let hole = withCoordinates(GEOSGetInteriorRingN_r(context, geometry, index)!) { Geodesic.ringMeasure($0, dimension: 2) }
                    area -= hole.area
                    result.length += hole.perimeter
                }
                result.area += max(0, area)
            case 4, 5, 6, 7:  // Multi* and collections
                for index in 0..<max(0, GEOSGetNumGeometries_r(context, geometry)) {
                    visit(GEOSGetGeometryN_r(context, geometry, index)!)
                }
            default:
                break
            }
        }
        visit(handle)
        return result
    }
}
