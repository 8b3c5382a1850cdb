import CMalloc

/// glibc's allocator (`mallopt`), set once at start.
enum Allocator {
    /// Blocks of a megabyte or more (the coordinate arrays of large geometries) are mapped on
    /// their own and given back to the system when freed. By default glibc raises this threshold
    /// to the largest block freed so far, so after one large geometry the next ones come from the
    /// heap, which then keeps every freed hole: a million-vertex claim peaked at 670 MiB of
    /// memory where its live allocations peaked at 441 MiB (heaptrack).
    static let mapThreshold: Int32 = 1 << 20

    static func configure() {
        _ = mallopt(M_MMAP_THRESHOLD, mapThreshold)
    }
}
