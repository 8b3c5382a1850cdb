import CPROJ
import GeoJSON

/// Measurements on the WGS 84 ellipsoid with Karney's algorithms (PROJ's `geodesic.h`:
/// `geod_polygon_*`, `geod_inverse`). Results in metres and square metres.
///
/// Polygon area is |exterior| − Σ|holes| for each polygon, so ring winding can never flip a
/// sign or add a hole instead of subtracting it. `geod_geodesic` is a plain read-only struct, so
/// every function here is safe to call from any thread.
public enum Geodesic {
    /// Semi-major axis and flattening of WGS 84.
    public static let equatorialRadius = 6_378_137.0
    public static let flattening = 1 / 298.257223563

    /// Area (m², absolute) and perimeter (m) of one closed ring (`geod_polygon_compute`).
    public static func ring(_ ring: PositionList) -> (area: Double, perimeter: Double) {
        ring.values.withUnsafeBufferPointer { ringMeasure($0, dimension: ring.dimension) }
    }

    static func ringMeasure(_ values: UnsafeBufferPointer<Double>, dimension: Int, memo: GeodesicMemo? = nil) -> (area: Double, perimeter: Double) {
        var count = values.count / dimension
        guard count >= 3 else { return (0, 0) }
        // The closing position repeats the first; geod_polygon closes the ring itself.
        if values[0] == values[(count - 1) * dimension] && values[1] == values[(count - 1) * dimension + 1] { count -= 1 }
        var polygon = geod_polygon()
        geod_polygon_init(&polygon, 0)
        withUnsafePointer(to: wgs84) { geodesic in
            if let memo, count <= GeodesicMemo.largestList, addPoints(values, count: count, dimension: dimension, to: &polygon, memo: memo, geodesic) { return }
            for index in 0..<count {
                geod_polygon_addpoint(geodesic, &polygon, values[index * dimension + 1], values[index * dimension])
            }
        }
        var area = 0.0, perimeter = 0.0
        withUnsafePointer(to: wgs84) { geodesic in
            // reverse = 0, sign = 1: signed area, positive for counter-clockwise rings
            _ = geod_polygon_compute(geodesic, &polygon, 0, 1, &area, &perimeter)
        }
        return (abs(area), perimeter)
    }

    /// `geod_polygon_addpoint` for each position, with each edge's `geod_geninverse` from `memo`:
    /// the same state, bit for bit (`GeodesicMemoTests` holds it to the library's). False, with
    /// `polygon` untouched, when the ring has positions on both sides of the prime meridian, on
    /// it or on the antimeridian: the library counts crossings by a rule not repeated here.
    private static func addPoints(_ values: UnsafeBufferPointer<Double>, count: Int, dimension: Int, to polygon: inout geod_polygon,
                                  memo: GeodesicMemo, _ geodesic: UnsafePointer<geod_geodesic>) -> Bool {
        // Longitudes within (−180, 180), none 0, and all on one side of 0 cross nothing.
        var east = false, west = false
        for index in 0..<count {
            let longitude = values[index * dimension]
            guard longitude > -180 && longitude < 180 && longitude != 0 else { return false }
            if longitude > 0 { east = true } else { west = true }
        }
        guard !(east && west) else { return false }
        var state = polygon
        state.lat0 = values[1]
        state.lon0 = values[0]
        (state.lat, state.lon) = (state.lat0, state.lon0)
        for index in 1..<count {
            let latitude = values[index * dimension + 1], longitude = values[index * dimension]
            let edge = memo.inverse(state.lat, state.lon, latitude, longitude, geodesic)
            accumulate(&state.P, edge.distance)
            accumulate(&state.A, edge.area)
            (state.lat, state.lon) = (latitude, longitude)
        }
        state.num = UInt32(count)
        polygon = state
        return true
    }

    /// Adds `value` to a sum kept as a pair of doubles (its value and its rounding error), as
    /// `geod_polygon` keeps its perimeter and area: Knuth's error-free two-sum, twice.
    private static func accumulate(_ sum: inout (Double, Double), _ value: Double) {
        let (partial, lowError) = twoSum(value, sum.1)
        let (high, error) = twoSum(partial, sum.0)
        sum = high == 0 ? (lowError, error) : (high, error + lowError)
    }

    /// u + v and its rounding error (Knuth's two-sum); the error of an exact zero is that zero.
    private static func twoSum(_ u: Double, _ v: Double) -> (sum: Double, error: Double) {
        let sum = u + v
        var up = sum - v
        var vpp = sum - up
        up -= u
        vpp -= v
        return (sum, sum != 0 ? 0 - (up + vpp) : sum)
    }

    /// Length (m) of a line along geodesics between consecutive positions (`geod_inverse`).
    public static func length(_ line: PositionList) -> Double {
        line.values.withUnsafeBufferPointer { lineLength($0, dimension: line.dimension) }
    }

    static func lineLength(_ values: UnsafeBufferPointer<Double>, dimension: Int) -> Double {
        let count = values.count / dimension
        guard count >= 2 else { return 0 }
        var total = 0.0
        withUnsafePointer(to: wgs84) { geodesic in
            for index in 1..<count {
                var distance = 0.0
                geod_inverse(
                    geodesic, values[(index - 1) * dimension + 1], values[(index - 1) * dimension],
                    values[index * dimension + 1], values[index * dimension], &distance, nil, nil)
                total += distance
            }
        }
        return total
    }

    /// Distance (m) between two positions along the geodesic (`geod_inverse`).
    public static func distance(_ a: Position, _ b: Position) -> Double {
        var distance = 0.0
        withUnsafePointer(to: wgs84) { geodesic in
            geod_inverse(geodesic, a.latitude, a.longitude, b.latitude, b.longitude, &distance, nil, nil)
        }
        return distance
    }

    /// The position reached from `start` going `distance` metres on `azimuth` degrees (`geod_direct`).
    public static func destination(from start: Position, azimuth: Double, distance: Double) -> Position {
        var latitude = 0.0, longitude = 0.0
        withUnsafePointer(to: wgs84) { geodesic in
            geod_direct(geodesic, start.latitude, start.longitude, azimuth, distance, &latitude, &longitude, nil)
        }
        return Position(longitude, latitude)
    }

    /// Area (m²) and perimeter (m) of a polygon given as rings (exterior first).
    public static func polygon(_ rings: [PositionList]) -> (area: Double, perimeter: Double) {
        var area = 0.0, perimeter = 0.0
        for (index, ring) in rings.enumerated() {
            let measure = self.ring(ring)
            area += index == 0 ? measure.area : -measure.area
            perimeter += measure.perimeter
        }
        return (max(0, area), perimeter)
    }

    /// Area (m²) and boundary length (m) of any GeoJSON geometry: for polygons the ring perimeters,
    /// for lines their lengths, for points zero.
    public static func measure(_ geometry: GeoJSONGeometry) -> Measurement {
        var result = Measurement()
        for rings in geometry.polygons {
            let measure = polygon(rings)
            result.area += measure.area
            result.length += measure.perimeter
        }
        for line in geometry.lines {
            result.length += length(line)
        }
        return result
    }

    /// Area (m²) of a GEOS geometry's polygons; with `memo`, edges met before are not computed
    /// again (the same result, bit for bit).
    public static func area(of geometry: Geometry, memo: GeodesicMemo? = nil) -> Double {
        Measurement.of(geometry, memo: memo).area
    }

    /// Area (m²) and boundary length (m) of a GEOS geometry, read straight from its coordinate
    /// sequences without building GeoJSON.
    public static func measure(_ geometry: Geometry) -> Measurement {
        Measurement.of(geometry)
    }

    /// Length (m) of a GEOS geometry's lines and polygon boundaries.
    public static func length(of geometry: Geometry) -> Double {
        measure(geometry).length
    }

    /// Area and length together, in metres.
    public struct Measurement: Sendable, Equatable {
        public var area = 0.0
        public var length = 0.0
        public init(area: Double = 0, length: Double = 0) {
            self.area = area
            self.length = length
        }
        public var areaKm2: Double { area / 1e6 }
        public var lengthKm: Double { length / 1e3 }
    }
}

/// WGS 84, initialized once (`geod_init`).
let wgs84: geod_geodesic = {
    var geodesic = geod_geodesic()
    geod_init(&geodesic, Geodesic.equatorialRadius, Geodesic.flattening)
    return geodesic
}()

extension Geodesic {
    /// Metres along the equator per degree of longitude on WGS 84 (2πa/360, rounded).
    public static let metresPerDegreeAtEquator = 111_320.0

    /// A distance in metres as degrees at the equator: an upper bound of its size in degrees
    /// anywhere in latitude, for tolerances of planar operations in longitude/latitude.
    public static func degrees(metres: Double) -> Double { metres / metresPerDegreeAtEquator }
}
