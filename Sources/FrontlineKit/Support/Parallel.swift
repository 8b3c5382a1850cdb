import Dispatch
import Synchronization

/// Work spread over the machine's cores with `DispatchQueue.concurrentPerform`, results in input
/// order (so output never depends on scheduling).
public enum Parallel {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws -> [R] {
        if items.count < 2 { return try items.map(transform) }
        let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
        let failure = Mutex<(any Error)?>(nil)
        // Chunks keep the per-item overhead low when items are cheap.
        let chunkCount = min(items.count, 64)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = items.count * chunk / chunkCount
            let end = items.count * (chunk + 1) / chunkCount
            var local: [(Int, R)] = []
            for index in start..<end {
                if failure.withLock({ $0 != nil }) { return }
                do {
                    local.append((index, try transform(items[index])))
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
            results.withLock { values in
                for (index, value) in local { values[index] = value }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.map { $0! } }
    }
}

/// Values computed at most once each, on first use, from any thread.
public final class SharedCache<Value: Sendable>: Sendable {
    private final class Slot: Sendable {
        let value = Mutex<Value?>(nil)
    }

    private let slots: [Slot]
    private let make: @Sendable (Int) throws -> Value

    public init(count: Int, _ make: @escaping @Sendable (Int) throws -> Value) throws {
        slots = (0..<count).map { _ in Slot() }
        self.make = make
    }

    public func value(_ index: Int) throws -> Value {
        try slots[index].value.withLock { slot in
            if let value = slot { return value }
            let value = try make(index)
            slot = value
            return value
        }
    }
}
