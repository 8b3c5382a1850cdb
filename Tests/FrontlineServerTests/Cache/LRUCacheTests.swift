import FrontlineModel
import Testing

@testable import FrontlineServer

/// A count shared by concurrent tasks.
final class Counter: Sendable {
    let value = Locked(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

@Suite struct LRUCacheTests {
    @Test func concurrentRequestsForOneKeyComputeItOnce() async throws {
        let cache = LRUCache<String, Int>(capacity: 4)
        let computations = Counter()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    try await cache.value("d") {
                        computations.add()
                        try await Task.sleep(for: .milliseconds(50))
                        return 7
                    }
                }
            }
            for try await value in group { #expect(value == 7) }
        }
        #expect(computations.count == 1)
        #expect(await cache.misses == 1)
        #expect(await cache.hits == 31)
    }

    @Test func theLeastRecentlyUsedGoesFirst() async throws {
        let cache = LRUCache<Int, [UInt8]>(capacity: 30) { $0.count }
        for key in 0..<3 { _ = try await cache.value(key) { [UInt8](repeating: 0, count: 10) } }
        _ = await cache.cached(0)
        _ = try await cache.value(3) { [UInt8](repeating: 0, count: 10) }
        #expect(await cache.cached(1) == nil)
        for key in [0, 2, 3] { #expect(await cache.cached(key) != nil) }
        #expect(await cache.totalCost == 30)
        // One entry over the capacity alone stays: it was asked for.
        _ = try await cache.value(9) { [UInt8](repeating: 0, count: 100) }
        #expect(await cache.count == 1)
        #expect(await cache.cached(9) != nil)
    }

    @Test func aFailedComputationIsNotCached() async throws {
        struct Failure: Error {}
        let cache = LRUCache<String, Int>(capacity: 4)
        await #expect(throws: Failure.self) { try await cache.value("k") { throw Failure() } }
        #expect(try await cache.value("k") { 3 } == 3)
    }
}
