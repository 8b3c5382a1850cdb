/// A bounded cache that computes each missing value once: concurrent requests for a key being
/// computed wait for that one computation (a date asked for by 32 connections at once costs
/// one snapshot). Entries are dropped least recently used first once their total cost passes
/// `capacity` (a count, or bytes; the caller's `cost` says which).
public actor LRUCache<Key: Hashable & Sendable, Value: Sendable> {
    private enum Slot {
        case ready(Value, cost: Int, tick: UInt64)
        case pending(Task<Value, any Error>)
    }

    private var slots: [Key: Slot] = [:]
    private var tick: UInt64 = 0
    private var total = 0
    public let capacity: Int
    private let cost: @Sendable (Value) -> Int

    /// Hits and misses since the start, for `/health` and the bench.
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init(capacity: Int, cost: @escaping @Sendable (Value) -> Int = { _ in 1 }) {
        self.capacity = capacity
        self.cost = cost
    }

    /// The value for `key`: cached, being computed, or computed now by `compute`. A failed
    /// computation is not cached (the next request tries again).
    public func value(_ key: Key, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        tick &+= 1
        switch slots[key] {
        case .ready(let value, let cost, _)?:
            hits += 1
            slots[key] = .ready(value, cost: cost, tick: tick)
            return value
        case .pending(let task)?:
            hits += 1
            return try await task.value
        case nil:
            misses += 1
            let task = Task { try await compute() }
            slots[key] = .pending(task)
            do {
                let value = try await task.value
                store(key, value)
                return value
            } catch {
                if case .pending? = slots[key] { slots[key] = nil }
                throw error
            }
        }
    }

    /// The cached value, if any, without computing.
    public func cached(_ key: Key) -> Value? {
        guard case .ready(let value, let cost, _)? = slots[key] else { return nil }
        tick &+= 1
        hits += 1
        slots[key] = .ready(value, cost: cost, tick: tick)
        return value
    }

    /// Stores `value` (replacing what was there) and evicts down to the capacity.
    public func store(_ key: Key, _ value: Value) {
        if case .ready(_, let old, _)? = slots[key] { total -= old }
        let size = cost(value)
        tick &+= 1
        slots[key] = .ready(value, cost: size, tick: tick)
        total += size
        evict()
    }

    /// Drops every ready entry (a new ledger version makes them unreachable).
    public func removeAll() {
        slots = slots.filter { if case .pending = $0.value { return true } else { return false } }
        total = 0
    }

    public var count: Int { slots.count }
    public var totalCost: Int { total }

    private func evict() {
        guard total > capacity else { return }
        let ready = slots.compactMap { key, slot -> (Key, UInt64, Int)? in
            if case .ready(_, let cost, let tick) = slot { return (key, tick, cost) } else { return nil }
        }.sorted { $0.1 < $1.1 }
        // The newest entry stays even when it alone is over the capacity: it was asked for.
        for (key, _, cost) in ready.dropLast() where total > capacity {
            slots[key] = nil
            total -= cost
        }
    }
}
