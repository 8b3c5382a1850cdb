import CPROJ
import Foundation
import GeoJSON

extension Geodesic {
    /// `list` with points inserted along the geodesic of each edge whose straight segment in
    /// longitude/latitude strays from that geodesic by more than `tolerance` metres (measured
    /// at the middle, with `geod_inverseline` and `geod_position`). The points lie on the
    /// geodesics, so the geodesic measures of the shape do not change, while its straight-segment
    /// (planar) form follows them to within `tolerance`: planar overlays of densified shapes
    /// then agree with geodesic areas. Edges along meridians never stray; east-west edges stray
    /// most (3 mm over 500 m at latitude 40°).
    public static func densify(_ list: PositionList, tolerance: Double, memo: GeodesicMemo? = nil) -> PositionList {
        let count = list.count
        guard count >= 2, tolerance > 0 else { return list }
        let dimension = list.dimension
        let values = list.values
        // A segment of planar length d (radians) strays about R·d²/16 from its geodesic at most;
        // with a factor 2 to spare, shorter ones need no geodesic computation at all.
        let shortest = (8 * tolerance / equatorialRadius).squareRoot() * 180 / .pi
        let memo = dimension == 2 && count <= GeodesicMemo.largestList ? memo : nil
        var result: [Double] = []
        result.reserveCapacity(values.count)
        withUnsafePointer(to: wgs84) { geodesic in
            for index in 0..<(count - 1) {
                let a = index * dimension, b = a + dimension
                result.append(contentsOf: values[a..<b])
                let (lon1, lat1, lon2, lat2) = (values[a], values[a + 1], values[b], values[b + 1])
                guard ((lon2 - lon1) * (lon2 - lon1) + (lat2 - lat1) * (lat2 - lat1)).squareRoot() > shortest else { continue }
                if let memo {
                    result.append(contentsOf: memo.densified(lon1, lat1, lon2, lat2) {
                        inserted(lon1, lat1, lon2, lat2, tolerance: tolerance, geodesic)
                    })
                    continue
                }
                let points = inserted(lon1, lat1, lon2, lat2, tolerance: tolerance, geodesic)
                for step in 0..<(points.count / 2) {
                    result.append(points[2 * step])
                    result.append(points[2 * step + 1])
                    if dimension == 3 {
                        // Altitude interpolated linearly; it plays no part in measures.
                        result.append(values[a + 2] + (values[b + 2] - values[a + 2]) * Double(step + 1) / Double(points.count / 2 + 1))
                    }
                }
            }
        }
        result.append(contentsOf: values[((count - 1) * dimension)...])
        return PositionList(flat: result, dimension: dimension)
    }

    /// The positions (longitude, latitude, …) to insert along the geodesic from (lon1, lat1) to
    /// (lon2, lat2) so that no straight segment strays from it by more than `tolerance` metres.
    private static func inserted(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double, tolerance: Double,
                                 _ geodesic: UnsafePointer<geod_geodesic>) -> [Double] {
        // An edge shared by two shapes is walked one way in one and the other way in the
        // other: the line always starts from the same end, so both get the same points.
        let forward = (lon1, lat1) < (lon2, lat2)
        var line = geod_geodesicline()
        let caps = UInt32(GEOD_LATITUDE.rawValue | GEOD_LONGITUDE.rawValue | GEOD_DISTANCE_IN.rawValue)
        if forward {
            geod_inverseline(&line, geodesic, lat1, lon1, lat2, lon2, caps)
        } else {
            geod_inverseline(&line, geodesic, lat2, lon2, lat1, lon1, caps)
        }
        var midLatitude = 0.0, midLongitude = 0.0
        geod_position(&line, line.s13 / 2, &midLatitude, &midLongitude, nil)
        // The geodesic's middle measured square to the straight segment, in a local frame
        // (a degree of longitude is cos(latitude) degrees of latitude long there).
        let scale = cos(midLatitude * .pi / 180)
        let (dx, dy) = ((lon2 - lon1) * scale, lat2 - lat1)
        let (px, py) = ((midLongitude - lon1) * scale, midLatitude - lat1)
        let stray = abs(dx * py - dy * px) / hypot(dx, dy) * equatorialRadius * .pi / 180
        // Halving a segment quarters its stray.
        let steps = Int((stray / tolerance).squareRoot().rounded(.up))
        guard steps > 1 else { return [] }
        var points: [Double] = []
        points.reserveCapacity(2 * (steps - 1))
        for step in 1..<steps {
            var latitude = 0.0, longitude = 0.0
            geod_position(&line, line.s13 * Double(forward ? step : steps - step) / Double(steps), &latitude, &longitude, nil)
            points.append(longitude)
            points.append(latitude)
        }
        return points
    }

    /// A geometry with every line and ring densified along its geodesics (see `densify(_:tolerance:)`).
    /// With `memo`, edges met before are not computed again.
    public static func densify(_ geometry: GeoJSONGeometry, tolerance: Double, memo: GeodesicMemo? = nil) -> GeoJSONGeometry {
        geometry.mappingPositionLists(points: false) { densify($0, tolerance: tolerance, memo: memo) }
    }

    /// The position a `fraction` of the way along the geodesic from `start` to `end`
    /// (`geod_inverseline`, `geod_position`).
    public static func point(from start: Position, to end: Position, fraction: Double) -> Position {
        withUnsafePointer(to: wgs84) { geodesic in
            var line = geod_geodesicline()
            geod_inverseline(&line, geodesic, start.latitude, start.longitude, end.latitude, end.longitude,
                             UInt32(GEOD_LATITUDE.rawValue | GEOD_LONGITUDE.rawValue | GEOD_DISTANCE_IN.rawValue))
            var latitude = 0.0, longitude = 0.0
            geod_position(&line, line.s13 * fraction, &latitude, &longitude, nil)
            return Position(longitude, latitude)
        }
    }
}
