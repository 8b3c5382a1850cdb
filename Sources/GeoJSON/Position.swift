/// A GeoJSON position: longitude and latitude in degrees (WGS 84), optionally an altitude.
public struct Position: Sendable, Equatable, Hashable {
    public var longitude: Double
    public var latitude: Double
    public var altitude: Double?

    public init(longitude: Double, latitude: Double, altitude: Double? = nil) {
        self.longitude = longitude
        self.latitude = latitude
        self.altitude = altitude
    }

    /// Shorthand in x, y order.
    public init(_ longitude: Double, _ latitude: Double) {
        self.init(longitude: longitude, latitude: latitude)
    }
}

/// The positions of a LineString, a ring or a MultiPoint, stored flat (`x, y[, z]` repeated) so
/// they pass to GEOS in one copy. Every position has the same `dimension` (2 or 3).
public struct PositionList: Sendable, Equatable {
    public private(set) var values: [Double]
    public let dimension: Int

    public init(flat values: [Double], dimension: Int) {
        precondition(dimension == 2 || dimension == 3, "a position has 2 or 3 numbers")
        precondition(values.count % dimension == 0, "flat coordinates must be whole positions")
        self.values = values
        self.dimension = dimension
    }

    public init(_ positions: [Position]) {
        let dimension = positions.contains { $0.altitude != nil } ? 3 : 2
        var values: [Double] = []
        values.reserveCapacity(positions.count * dimension)
        for position in positions {
            values.append(position.longitude)
            values.append(position.latitude)
            if dimension == 3 { values.append(position.altitude ?? 0) }
        }
        self.init(flat: values, dimension: dimension)
    }

    /// Shorthand for 2-D lists: `PositionList([(0, 0), (1, 0), ...])`.
    public init(_ pairs: [(Double, Double)]) {
        self.init(flat: pairs.flatMap { [$0.0, $0.1] }, dimension: 2)
    }

    public var count: Int { values.count / dimension }
    public var isEmpty: Bool { values.isEmpty }

    public subscript(index: Int) -> Position {
        let base = index * dimension
        return Position(
            longitude: values[base], latitude: values[base + 1], altitude: dimension == 3 ? values[base + 2] : nil)
    }

    public var positions: [Position] { (0..<count).map { self[$0] } }

    /// The same positions in reverse order.
    public func reversed() -> PositionList {
        var reversedValues: [Double] = []
        reversedValues.reserveCapacity(values.count)
        var index = count - 1
        while index >= 0 {
            let base = index * dimension
            reversedValues.append(contentsOf: values[base..<(base + dimension)])
            index -= 1
        }
        return PositionList(flat: reversedValues, dimension: dimension)
    }

    /// True when the first and last positions are equal (a closed ring).
    public var isClosed: Bool {
        guard count >= 2 else { return false }
        let last = (count - 1) * dimension
        for offset in 0..<dimension where values[offset] != values[last + offset] { return false }
        return true
    }

    /// Whether this ring runs as RFC 7946 §3.1.6 asks of an exterior (counter-clockwise) or a
    /// hole (clockwise); a ring with no area passes either way.
    public func isWoundForRFC7946(exterior: Bool) -> Bool {
        let area = signedPlanarArea
        return exterior ? area >= 0 : area <= 0
    }

    /// Twice the planar signed area in degrees² (shoelace): positive when counter-clockwise.
    /// Used only to decide winding, never as a measurement.
    public var signedPlanarArea: Double {
        guard count >= 3 else { return 0 }
        var sum = 0.0
        let x0 = values[0]
        let y0 = values[1]
        // Relative to the first vertex, which keeps the sum accurate far from the origin.
        for index in 1..<(count - 1) {
            let a = index * dimension
            let b = a + dimension
            sum += (values[a] - x0) * (values[b + 1] - y0) - (values[b] - x0) * (values[a + 1] - y0)
        }
        return sum
    }
}
