import Crypto

/// SHA-256 for the checksums in an export's `index.json`, a tracker file's `source.files`, the
/// server's ETags and ledger versions: swift-crypto's (`Crypto.SHA256`, BoringSSL on Linux),
/// fed at once or piece by piece, as lower-case hex.
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    /// A hasher fed piece by piece (`update`), for files written in parts.
    public init() {}

    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.hexDigest()
    }

    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: bytes))
    }

    public mutating func update(_ bytes: [UInt8]) {
        hasher.update(data: bytes)
    }

    /// `update` from memory in place (the bytes of an array of doubles), without a copy.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    /// The digest of everything fed so far (the hasher is left as it was).
    public func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    public func hexDigest() -> String { Hex.string(hasher.finalize()) }
}
