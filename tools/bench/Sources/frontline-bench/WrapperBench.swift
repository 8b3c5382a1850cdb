import GeoJSON
import Geometry

#if canImport(Glibc)
    import Glibc
#endif

/// The Swift side of the wrapper micro-benchmark: the same calls as `wrapper/geos_peer.c`,
/// through the Geometry module. Prints "name nanoseconds-per-call" lines.
enum WrapperBench {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func square(_ x: Double, _ y: Double, _ size: Double) -> GeoJSONGeometry {
        .polygon([PositionList(flat: [x, y, x + size, y, x + size, y + size, x, y + size, x, y], dimension: 2)])
    }

    static func createOnly(count: Int) throws {
        let shapes = (0..<8).map { square(46 + Double($0), 39, 1) }
        for index in 0..<count {
            let geometry = try Geometry(shapes[index & 7])
            withExtendedLifetime(geometry) {}
        }
    }

    static func run(count: Int) throws {
        let a = try Geometry(square(46, 39, 1))
        let b = try Geometry(square(46.5, 39.5, 1))
        var sink = 0
        var start = now()
        for _ in 0..<count where try a.intersects(b) { sink += 1 }
        print("intersects \((now() - start) / Double(count) * 1e9)")

        let shapes = (0..<8).map { square(46 + Double($0), 39, 1) }
        start = now()
        for index in 0..<count {
            let geometry = try Geometry(shapes[index & 7])
            withExtendedLifetime(geometry) {}
        }
        print("create_polygon \((now() - start) / Double(count) * 1e9)")

        let fewer = count / 10
        start = now()
        for _ in 0..<fewer {
            sink += Int(try a.intersection(b).planarArea)
        }
        print("intersection_area \((now() - start) / Double(fewer) * 1e9)")

        let prepared = try PreparedGeometry(a)
        let point = Geometry.point(x: 46.5, y: 39.5)
        start = now()
        for _ in 0..<count where try prepared.intersects(point) { sink += 1 }
        print("prepared_intersects_point \((now() - start) / Double(count) * 1e9)")
        if sink == -1 { print(sink) }
    }
}

