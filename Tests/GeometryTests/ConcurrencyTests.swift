import CGEOS
import Foundation
import GeoJSON
import Testing

@testable import Geometry

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ConcurrencyTests {
    /// Runs `check` for every step of every task, the tasks at once; counts the checks that held.
    static func checks(tasks: Int, steps: Int, _ check: @escaping @Sendable (Int, Int) throws -> Bool) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<tasks {
                group.addTask { try (0..<steps).reduce(0) { count, step in try check(task, step) ? count + 1 : count } }
            }
            var total = 0
            for try await checks in group { total += checks }
            return total
        }
    }

    /// Thousands of GEOS and geodesic operations from many tasks at once, on shared inputs.
    @Test func manyTasksShareGeometriesSafely() async throws {
        let shared = try Geometry(wkt: "POLYGON((46 39, 47 39, 47 40, 46 40, 46 39))")
        @Sendable func other(_ offset: Double) throws -> Geometry {
            try Geometry(wkt: "POLYGON((\(46 + offset) 39, \(47 + offset) 39, \(47 + offset) 40, \(46 + offset) 40, \(46 + offset) 39))")
        }
        // Computed serially first; every concurrent run must give exactly the same figures.
        let expected = try (0..<100).map { step in
            let square = try other(Double(step) / 100)
            return Geodesic.area(of: try shared.intersection(square)) + Geodesic.area(of: try shared.difference(square))
        }
        let results = try await Self.checks(tasks: 32, steps: 200) { task, step in
            let index = (task * 200 + step) % 100
            let square = try other(Double(index) / 100)
            let overlap = try shared.intersection(square)
            let rest = try shared.difference(square)
            let total = Geodesic.area(of: overlap) + Geodesic.area(of: rest)
            guard total == expected[index] else { return false }
            guard try shared.intersects(square) else { return false }
            return true
        }
        #expect(results == 32 * 200)
    }

    /// A geometry put on a grid is shared by tasks that derive geometries from it. GEOS gives a
    /// snapped geometry a factory of its own whose reference count is not atomic, and overlay
    /// results share their first operand's factory: without care the count races, the factory
    /// is freed while in use, and the process aborts within a few hundred overlays.
    @Test func geometriesOnAGridShareSafely() async throws {
        let grid = 1.0 / 134_217_728
        let shared = try Geometry(wkt: "POLYGON((46 39, 47 39, 47 40, 46 40, 46 39))").withPrecision(grid)
        let results = try await Self.checks(tasks: 8, steps: 400) { task, step in
            let offset = Double((task * 400 + step) % 100) / 100
            let square = try Geometry(wkt: "POLYGON((\(46 + offset) 39.5, \(47 + offset) 39.5, \(47 + offset) 41, \(46 + offset) 41, \(46 + offset) 39.5))")
            let overlap = try shared.intersection(square, gridSize: grid)
            let rest = try shared.difference(overlap, gridSize: grid)
            return !overlap.isEmpty || !rest.isEmpty
        }
        #expect(results == 8 * 400)
    }

    @Test func errorsStayOnTheirThread() async throws {
        // One task provokes GEOS errors while others work: every failure carries its own
        // message, and no error leaks into another task's calls.
        let (failures, successes) = try await withThrowingTaskGroup(of: (failures: Int, successes: Int).self) { group in
            group.addTask {
                var failures = 0
                for _ in 0..<500 {
                    do {
                        _ = try Geometry(wkt: "POLYGON((0 0, 1")
                    } catch let error as GeometryError {
                        guard case .invalidInput(let message) = error, message.hasPrefix("invalid WKT:"), !message.hasSuffix("unreadable") else { return (-1, 0) }
                        failures += 1
                    }
                }
                return (failures, 0)
            }
            for _ in 0..<4 {
                group.addTask {
                    var successes = 0
                    for _ in 0..<500 {
                        let a = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 0))")
                        if try !a.buffer(0.1).isEmpty { successes += 1 }
                    }
                    return (0, successes)
                }
            }
            var total = (failures: 0, successes: 0)
            for try await result in group { total = (total.failures + result.failures, total.successes + result.successes) }
            return total
        }
        #expect(failures == 500)
        #expect(successes == 4 * 500)
    }

    /// A message GEOS left behind (here by a raw call whose failure nobody read) is gone by the
    /// next wrapped call, so it can never be reported as that call's reason.
    @Test func aStaleMessageIsClearedAtTheNextCall() throws {
        let context = GEOSContext.current
        let reader = GEOSWKTReader_create_r(context.handle)
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        #expect(GEOSWKTReader_read_r(context.handle, reader, "POLYGON((0 0, 1") == nil)
        #expect(GEOSContext.current.takeError() == nil)
        // And a failure read at once still has its own message.
        #expect(GEOSWKTReader_read_r(context.handle, reader, "POLYGON((0 0, 1") == nil)
        #expect(context.takeError()?.isEmpty == false)
    }
}

@Suite struct MemoryTests {
    static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        _ = withUnsafeMutablePointer(to: &size) { sizePointer in
            withUnsafeMutablePointer(to: &resident) { residentPointer in
                withVaList([sizePointer, residentPointer]) { vfscanf(file, "%ld %ld", $0) }
            }
        }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// RSS is process-wide: the figure means something only when this test runs alone, as
    /// `make test` runs it (FRONTLINE_MEMORY_TEST=1, a process of its own). Under a sanitizer,
    /// its bookkeeping (ASan's quarantine of freed memory) grows the process by design; there
    /// LeakSanitizer checks that every handle is freed instead (`cyclesFreeTheirHandles`).
    static let measuresRSS: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["FRONTLINE_SANITIZER"] == nil && environment["FRONTLINE_MEMORY_TEST"] != nil
    }()

    static func cycle(_ count: Int) throws -> Int {
        let ring = GeoJSONGeometry.polygon([PositionList([(46, 39), (47, 39), (47, 40), (46, 40), (46, 39)])])
        let other = try Geometry(wkt: "POLYGON((46.5 39.5, 48 39.5, 48 41, 46.5 41, 46.5 39.5))")
        var overlapping = 0
        for _ in 0..<count {
            let geometry = try Geometry(ring)
            let overlap = try geometry.intersection(other)
            if Geodesic.area(of: overlap) > 0, try PreparedGeometry(geometry).intersects(other) { overlapping += 1 }
        }
        return overlapping
    }

    /// Create / operate / free cycles must not grow the process (handles freed exactly once).
    @Test(.enabled(if: MemoryTests.measuresRSS, "RSS is measured alone: FRONTLINE_MEMORY_TEST=1, no sanitizer (make test does)"))
    func cyclesDoNotGrowTheProcess() throws {
        #expect(try Self.cycle(20_000) == 20_000)  // warm-up: allocator pools, thread-local context
        let before = Self.residentBytes()
        #expect(try Self.cycle(1_000_000) == 1_000_000)
        let after = Self.residentBytes()
        print("memory: RSS \(before / 1024) KiB before and \(after / 1024) KiB after 1,000,000 create/intersect/measure/prepare/free cycles")
        #expect(after - before < 4 << 20, "RSS grew from \(before) to \(after) bytes")
    }

    /// The same cycles in any run; under LeakSanitizer a handle freed never or twice is reported.
    @Test func cyclesFreeTheirHandles() throws {
        #expect(try Self.cycle(50_000) == 50_000)
    }
}
