import CGEOS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One GEOS context per thread, created on first use and finished when the thread ends.
///
/// GEOS's reentrant API needs a context handle on every call; creating one per call costs more
/// than many operations themselves (shapely measured ~75 ns), and sharing one across threads races
/// on its error buffer. So each thread gets its own, kept in thread-local storage. Contexts are
/// created under a lock because `GEOS_init_r` touched global state in older GEOS releases.
///
/// A plain struct over an unmanaged reference: fetching the current context costs one
/// `pthread_getspecific` and no reference counting, which keeps the wrapper close to raw C.
struct GEOSContext {
    let handle: GEOSContextHandle_t
    private let storage: Unmanaged<GEOSContextStorage>

    /// The calling thread's context, for one wrapped call: the message an earlier call left
    /// (one whose failure was ignored, or that GEOS reported without failing) is cleared first,
    /// so a failure of this call never carries another call's message (as shapely's C layer
    /// clears `last_error` in every `GEOS_INIT`).
    @inline(__always)
    static var current: GEOSContext {
        if let existing = pthread_getspecific(contextKey) {
            let storage = Unmanaged<GEOSContextStorage>.fromOpaque(existing)
            storage._withUnsafeGuaranteedRef { if $0.lastError != nil { $0.lastError = nil } }
            return GEOSContext(handle: storage._withUnsafeGuaranteedRef { $0.handle }, storage: storage)
        }
        let storage = Unmanaged.passRetained(GEOSContextStorage())
        pthread_setspecific(contextKey, storage.toOpaque())
        return GEOSContext(handle: storage._withUnsafeGuaranteedRef { $0.handle }, storage: storage)
    }

    /// The message of the last GEOS error on this thread, cleared so it is never reported twice.
    func takeError() -> String? {
        storage._withUnsafeGuaranteedRef { storage in
            defer { storage.lastError = nil }
            return storage.lastError
        }
    }
}

/// Owns one thread's `GEOSContextHandle_t` and the last error message its handler received.
final class GEOSContextStorage {
    let handle: GEOSContextHandle_t
    var lastError: String?

    init() {
        pthread_mutex_lock(contextCreationLock)
        handle = GEOS_init_r()
        pthread_mutex_unlock(contextCreationLock)
        let userData = Unmanaged.passUnretained(self).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, geosErrorHandler, userData)
        GEOSContext_setNoticeMessageHandler_r(handle, geosNoticeHandler, userData)
    }

    deinit {
        GEOS_finish_r(handle)
    }
}

/// Serializes `GEOS_init_r` (a pthread mutex, which ThreadSanitizer understands).
nonisolated(unsafe) private let contextCreationLock: UnsafeMutablePointer<pthread_mutex_t> = {
    let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
    return mutex
}()

/// Thread-local slot; its destructor releases the thread's context when the thread exits.
private let contextKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { pointer in
        #if canImport(Darwin)
            Unmanaged<GEOSContextStorage>.fromOpaque(pointer).release()
        #else
            if let pointer { Unmanaged<GEOSContextStorage>.fromOpaque(pointer).release() }
        #endif
    }
    precondition(status == 0, "pthread_key_create failed: \(status)")
    return key
}()

private func geosErrorHandler(_ message: UnsafePointer<CChar>?, _ userData: UnsafeMutableRawPointer?) {
    guard let userData, let message else { return }
    let storage = Unmanaged<GEOSContextStorage>.fromOpaque(userData).takeUnretainedValue()
    storage.lastError = String(cString: message)
}

private func geosNoticeHandler(_ message: UnsafePointer<CChar>?, _ userData: UnsafeMutableRawPointer?) {
    // Notices are informational (e.g. "Self-intersection at ..." from validity checks, which we
    // report through GEOSisValidDetail_r instead); they are not errors.
}
