import FrontlineModel
import GeoJSON
import Geometry

/// Bounds-checked reads of binary formats (Shapefile, dBASE, GeoPackage headers): hostile or
/// truncated files end in an error naming the offset, never in a crash.
struct ByteReader {
    let bytes: [UInt8]
    let file: String

    init(_ bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    var count: Int { bytes.count }

    func require(_ offset: Int, _ length: Int, _ what: String) throws(DataError) {
        guard offset >= 0, length >= 0, offset <= bytes.count - length else {
            throw DataError(file: file, message: "truncated or corrupt file: \(what) at byte \(offset) needs \(length) bytes, the file has \(bytes.count)")
        }
    }

    func uint8(_ offset: Int, _ what: String) throws(DataError) -> UInt8 {
        try require(offset, 1, what)
        return bytes[offset]
    }

    func uint16LE(_ offset: Int, _ what: String) throws(DataError) -> Int {
        try require(offset, 2, what)
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func uint32LE(_ offset: Int, _ what: String) throws(DataError) -> UInt32 {
        try require(offset, 4, what)
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    func int32LE(_ offset: Int, _ what: String) throws(DataError) -> Int {
        Int(Int32(bitPattern: try uint32LE(offset, what)))
    }

    func int32BE(_ offset: Int, _ what: String) throws(DataError) -> Int {
        try require(offset, 4, what)
        let value = UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
        return Int(Int32(bitPattern: value))
    }

    func doubleLE(_ offset: Int, _ what: String) throws(DataError) -> Double {
        try require(offset, 8, what)
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        return Double(bitPattern: bits)
    }

    /// `count` little-endian doubles starting at `offset`.
    func doublesLE(_ offset: Int, count: Int, _ what: String) throws(DataError) -> [Double] {
        guard count >= 0, count <= bytes.count / 8 else { throw DataError(file: file, message: "corrupt file: \(what) claims \(count) values") }
        try require(offset, count * 8, what)
        var values = [Double](repeating: 0, count: count)
        values.withUnsafeMutableBytes { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count * 8)]))
            }
        }
        #if _endian(big)
            values = values.map { Double(bitPattern: $0.bitPattern.byteSwapped) }
        #endif
        return values
    }

    func slice(_ offset: Int, _ length: Int, _ what: String) throws(DataError) -> ArraySlice<UInt8> {
        try require(offset, length, what)
        return bytes[offset..<(offset + length)]
    }
}
