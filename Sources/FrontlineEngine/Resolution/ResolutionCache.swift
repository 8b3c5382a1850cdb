import FrontlineModel
import GeoJSON
import Geometry

#if canImport(Glibc)
    import Glibc
#endif

/// What resolving claims makes, kept between runs in a folder the user names (`--cache DIR`):
/// the resolver's prepared theatre (baseline pieces on the grid, their union, the outline band)
/// and each claim's resolved area. An analyst who adds a day's tracker file and runs the timeline
/// again resolves that day alone.
///
/// Entries are keyed by the SHA-256 of everything their result depends on: this executable
/// (its inode, size and modification time, so a rebuilt binary starts afresh), the GEOS and PROJ
/// versions, the outline tolerance, the baseline's pieces, the regions and settlements, and for a
/// claim what the resolver reads of it (its polygons, settlements, region, extent and mode; not
/// its id, dates or source). A hit gives the very bytes a miss computes (geometries as WKB,
/// numbers by bit pattern), so outputs do not depend on the cache.
///
/// Entries are only ever added (a new key is a new file, written atomically); nothing in the
/// folder is deleted. An entry that cannot be read back (another format, cut short, its checksum
/// wrong) is a miss and is written again. A failed write leaves the result as computed and is
/// said once (`writeFailure`).
public final class ResolutionCache: Sendable {
    public let directory: String
    private let failure = Locked<String?>(nil)

    /// The entry file format; a change of layout changes it.
    static let formatVersion: UInt32 = 1
    static let magic = Array("FRONTLINE CACHE\n".utf8)
    static let fileExtension = ".frontline-cache"

    /// Opens `directory`, creating it (and its parents) when missing.
    public init(directory: String) throws(AtomicFile.WriteError) {
        if FileIO.exists(directory) && !FileIO.isDirectory(directory) {
            throw AtomicFile.WriteError(path: directory, reason: "is not a folder; --cache names a folder for the cache's files")
        }
        try DataFolder.create(directory)
        self.directory = directory
    }

    /// The first write that failed, as one line for stderr (the results are unaffected).
    public var writeFailure: String? { failure.withLock { $0 } }

    enum Kind: UInt8 {
        case setup = 1, claim = 2
    }

    func path(_ key: [UInt8]) -> String { directory + "/" + Hex.string(key) + Self.fileExtension }

    /// The payload of the entry at `key`, or nil when there is none or it is not a whole entry of
    /// this format and kind.
    func read(_ key: [UInt8], kind: Kind) -> CacheReader? {
        let path = path(key)
        guard let bytes = try? FileIO.read(path) else { return nil }
        let header = Self.magic.count + 4 + 1 + key.count
        guard bytes.count >= header + 32, Array(bytes[0..<Self.magic.count]) == Self.magic else { return nil }
        var reader = CacheReader(bytes, from: Self.magic.count)
        guard (try? reader.u32()) == Self.formatVersion, (try? reader.u8()) == kind.rawValue,
              (try? reader.raw(key.count)) == key else { return nil }
        let end = bytes.count - 32
        guard Array(bytes[end...]) == SHA256.digest(Array(bytes[..<end])) else { return nil }
        reader.end = end
        return reader
    }

    /// Writes the entry at `key` (atomically); a failure is kept for `writeFailure`.
    func write(_ key: [UInt8], kind: Kind, _ payload: CacheWriter) {
        var entry = CacheWriter()
        entry.raw(Self.magic)
        entry.u32(Self.formatVersion)
        entry.u8(kind.rawValue)
        entry.raw(key)
        entry.raw(payload.bytes)
        entry.raw(SHA256.digest(entry.bytes))
        do {
            try AtomicFile.write(entry.bytes, to: path(key))
        } catch {
            failure.withLock { first in
                if first == nil { first = "warning: cannot write to the cache: \(error) (results are not affected)" }
            }
        }
    }

    // MARK: Keys

    /// The key of a resolver's prepared theatre: everything `ClaimResolver.init` reads.
    static func setupKey(dataset: Dataset, snap: OutlineSnap, snapsAny: Bool) -> [UInt8] {
        var hasher = CacheKey()
        hasher.text("frontline resolution cache \(formatVersion)")
        hasher.executable()
        hasher.text(LibraryVersions.geos)
        hasher.text(LibraryVersions.proj)
        hasher.double(snap.metres)
        hasher.flag(snap.exactOnly)
        hasher.flag(snapsAny)
        let pieces = dataset.baseline?.pieces ?? []
        hasher.count(pieces.count)
        for piece in pieces {
            hasher.text(piece.id)
            hasher.text(piece.controller)
            hasher.geometry(piece.geometry)
        }
        hasher.count(dataset.regions.count)
        for region in dataset.regions {
            hasher.text(region.id)
            hasher.geometry(region.geometry)
        }
        hasher.count(dataset.settlements.count)
        for settlement in dataset.settlements {
            hasher.text(settlement.id)
            hasher.text(settlement.region)
            hasher.position(settlement.position)
        }
        return hasher.digest()
    }

    /// The key of a claim's resolution under the setup `setup`: what `ClaimResolver.resolve`
    /// reads of the claim.
    static func claimKey(setup: [UInt8], claim: Claim) -> [UInt8] {
        var hasher = CacheKey()
        hasher.raw(setup)
        let polygons = claim.polygons
        hasher.count(polygons.count)
        for polygon in polygons {
            hasher.count(polygon.count)
            for ring in polygon { hasher.positions(ring) }
        }
        let settlements = claim.locatedSettlements
        hasher.count(settlements.count)
        for settlement in settlements { hasher.text(settlement) }
        hasher.flag(claim.region != nil)
        hasher.text(claim.region ?? "")
        hasher.text(claim.extent.rawValue)
        hasher.text(claim.mode.rawValue)
        return hasher.digest()
    }
}

/// SHA-256 over typed values, each length-prefixed, so that no two different inputs feed the
/// same bytes.
struct CacheKey {
    private var hasher = SHA256()
    private var buffer = CacheWriter()

    mutating func flush() {
        hasher.update(buffer.bytes)
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    mutating func digest() -> [UInt8] {
        flush()
        return hasher.finalize()
    }

    mutating func raw(_ bytes: [UInt8]) { buffer.raw(bytes) }
    mutating func text(_ text: String) { buffer.string(text) }
    mutating func count(_ count: Int) { buffer.u64(UInt64(count)) }
    mutating func flag(_ flag: Bool) { buffer.u8(flag ? 1 : 0) }
    mutating func double(_ value: Double) { buffer.f64(value) }

    mutating func position(_ position: Position) {
        double(position.longitude)
        double(position.latitude)
        flag(position.altitude != nil)
        double(position.altitude ?? 0)
    }

    mutating func positions(_ list: PositionList) {
        count(list.dimension)
        count(list.values.count)
        flush()
        list.values.withUnsafeBytes { hasher.update($0) }
    }

    mutating func geometry(_ geometry: GeoJSONGeometry) {
        switch geometry.shape {
        case .point(let position): text("Point"); self.position(position)
        case .multiPoint(let list): text("MultiPoint"); positions(list)
        case .lineString(let list): text("LineString"); positions(list)
        case .multiLineString(let lines): text("MultiLineString"); count(lines.count); lines.forEach { positions($0) }
        case .polygon(let rings): text("Polygon"); count(rings.count); rings.forEach { positions($0) }
        case .multiPolygon(let polygons):
            text("MultiPolygon")
            count(polygons.count)
            for rings in polygons { count(rings.count); rings.forEach { positions($0) } }
        case .geometryCollection(let members): text("GeometryCollection"); count(members.count); members.forEach { self.geometry($0) }
        }
    }

    /// This executable as the file system sees it: a rebuilt or replaced binary has another
    /// inode, size or modification time, and may resolve differently.
    mutating func executable() {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { text("unknown executable"); return }
        for value in [UInt64(status.st_dev), UInt64(status.st_ino), UInt64(status.st_size),
                      UInt64(bitPattern: Int64(status.st_mtim.tv_sec)), UInt64(bitPattern: Int64(status.st_mtim.tv_nsec))] {
            buffer.u64(value)
        }
    }
}

/// Little-endian values appended to bytes (a cache entry).
struct CacheWriter {
    var bytes: [UInt8] = []

    mutating func raw(_ more: [UInt8]) { bytes += more }
    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func f64(_ value: Double) { u64(value.bitPattern) }
    mutating func data(_ more: [UInt8]) { u64(UInt64(more.count)); raw(more) }
    mutating func string(_ text: String) { data(Array(text.utf8)) }
    mutating func geometry(_ geometry: Geometry) { data(geometry.wkb) }
}

/// Reads what `CacheWriter` wrote; any read past the end throws (the entry is then a miss).
struct CacheReader {
    struct Truncated: Error {}

    private let bytes: [UInt8]
    private var offset: Int
    var end: Int

    init(_ bytes: [UInt8], from offset: Int) { (self.bytes, self.offset, self.end) = (bytes, offset, bytes.count) }

    var isAtEnd: Bool { offset == end }

    mutating func raw(_ count: Int) throws(Truncated) -> [UInt8] {
        guard count >= 0, count <= end - offset else { throw Truncated() }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func u8() throws(Truncated) -> UInt8 { try raw(1)[0] }

    mutating func u32() throws(Truncated) -> UInt32 {
        try raw(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func u64() throws(Truncated) -> UInt64 {
        try raw(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func f64() throws(Truncated) -> Double { Double(bitPattern: try u64()) }

    mutating func data() throws(Truncated) -> [UInt8] {
        let count = try u64()
        guard count <= UInt64(end - offset) else { throw Truncated() }
        return try raw(Int(count))
    }

    mutating func string() throws(Truncated) -> String { String(decoding: try data(), as: UTF8.self) }

    mutating func geometry() throws -> Geometry { try Geometry(wkb: try data()) }
}
