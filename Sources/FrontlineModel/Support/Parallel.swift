import Dispatch
import GeoJSON
import Geometry

#if canImport(Glibc)
    import Glibc
#endif

/// A value guarded by a pthread mutex. (Not Synchronization.Mutex: its futex-based lock is
/// invisible to ThreadSanitizer, which then reports races that the lock prevents.)
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

/// Work spread over the machine's cores with `DispatchQueue.concurrentPerform`, results in input
/// order (so output never depends on scheduling).
public enum Parallel {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws -> [R] {
        if items.count < 2 { return try items.map(transform) }
        let results = Locked<[R?]>(Array(repeating: nil, count: items.count))
        let failure = Locked<(any Error)?>(nil)
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

    /// `first` and `second` at once, one on each core; the first's error is thrown before the
    /// second's.
    public static func pair<A: Sendable, B: Sendable>(_ first: @Sendable () throws -> A, _ second: @Sendable () throws -> B) throws -> (A, B) {
        let a = Locked<Result<A, any Error>?>(nil), b = Locked<Result<B, any Error>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let result = Result { try first() }
                a.withLock { $0 = result }
            } else {
                let result = Result { try second() }
                b.withLock { $0 = result }
            }
        }
        return (try a.withLock { $0! }.get(), try b.withLock { $0! }.get())
    }
}

/// Values computed at most once each, on first use, from any thread.
public final class SharedCache<Value: Sendable>: Sendable {
    private let slots: [Locked<Value?>]
    private let make: @Sendable (Int) throws -> Value

    public init(count: Int, _ make: @escaping @Sendable (Int) throws -> Value) throws {
        slots = (0..<count).map { _ in Locked<Value?>(nil) }
        self.make = make
    }

    public func value(_ index: Int) throws -> Value {
        try slots[index].withLock { slot in
            if let value = slot { return value }
            let value = try make(index)
            slot = value
            return value
        }
    }
}

/// What long work reports as it goes (`Exporter`, `TimelineReport`): its stage ("snapshots"),
/// and how many of how many items are done. Called from any thread; the library never prints,
/// the command line draws it (on a terminal only).
public typealias ProgressHandler = @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void

/// Counts items done across threads and reports each to a `ProgressHandler`.
public final class ProgressCounter: Sendable {
    let stage: String
    let total: Int
    let handler: ProgressHandler?
    let done = Locked(0)

    public init(_ stage: String, total: Int, handler: ProgressHandler?) {
        (self.stage, self.total, self.handler) = (stage, total, handler)
        handler?(stage, 0, total)
    }

    /// One more item done.
    public func step() {
        guard let handler else { return }
        let count = done.withLock { value -> Int in
            value += 1
            return value
        }
        handler(stage, count, total)
    }
}
