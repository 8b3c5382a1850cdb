import CGEOS

extension Geometry {
    /// What a coordinate sequence is to its geometry.
    enum LinePart { case line, exterior, hole }

    /// Calls `body` with the x, y coordinates of every line and polygon ring, each polygon's
    /// exterior before its holes, read straight from GEOS (`GEOSCoordSeq_copyToBuffer_r`)
    /// without building GeoJSON. The buffer is valid only during the call.
    func forEachLine(_ body: (LinePart, UnsafeBufferPointer<Double>) -> Void) {
        withHandle { handle in
            let context = GEOSContext.current.handle
            var buffer: [Double] = []
            func copy(_ geometry: OpaquePointer, _ part: LinePart) {
                guard let sequence = GEOSGeom_getCoordSeq_r(context, geometry) else { return }
                var size: UInt32 = 0
                _ = GEOSCoordSeq_getSize_r(context, sequence, &size)
                if buffer.count < Int(size) * 2 { buffer = [Double](repeating: 0, count: Int(size) * 2) }
                buffer.withUnsafeMutableBufferPointer { pointer in
                    _ = GEOSCoordSeq_copyToBuffer_r(context, sequence, pointer.baseAddress, 0, 0)
                    body(part, UnsafeBufferPointer(rebasing: pointer[0..<(Int(size) * 2)]))
                }
            }
            func visit(_ geometry: OpaquePointer) {
                switch GEOSGeomTypeId_r(context, geometry) {
                case 1, 2:  // LineString, LinearRing
                    copy(geometry, .line)
                case 3:  // Polygon
                    if GEOSisEmpty_r(context, geometry) == 1 { return }
                    copy(GEOSGetExteriorRing_r(context, geometry)!, .exterior)
                    for index in 0..<max(0, GEOSGetNumInteriorRings_r(context, geometry)) {
                        copy(GEOSGetInteriorRingN_r(context, geometry, index)!, .hole)
                    }
                case 4, 5, 6, 7:  // Multi* and collections
                    for index in 0..<max(0, GEOSGetNumGeometries_r(context, geometry)) {
                        visit(GEOSGetGeometryN_r(context, geometry, index)!)
                    }
                default:
                    break
                }
            }
            visit(handle)
        }
    }

    /// `forEachLine` without the parts: every line and ring alike.
    func forEachLine(_ body: (UnsafeBufferPointer<Double>) -> Void) {
        forEachLine { _, coordinates in body(coordinates) }
    }
}
