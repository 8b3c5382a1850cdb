import Testing

@testable import FrontlineModel

@Suite struct ParallelTests {
    struct Failure: Error, Equatable {
        var which: Int
    }

    @Test func mapKeepsInputOrder() throws {
        #expect(try Parallel.map(Array(0..<1000)) { $0 * 2 } == (0..<1000).map { $0 * 2 })
    }

    @Test func pairGivesBothResultsAndTheFirstsErrorFirst() throws {
        let (a, b) = try Parallel.pair({ (0..<10_000).reduce(0, +) }, { "second" })
        #expect(a == 49_995_000 && b == "second")
        #expect(throws: Failure(which: 1)) { try Parallel.pair({ throw Failure(which: 1) }, { throw Failure(which: 2) }) as (Int, Int) }
        #expect(throws: Failure(which: 2)) { try Parallel.pair({ 1 }, { throw Failure(which: 2) }) as (Int, Int) }
    }
}
