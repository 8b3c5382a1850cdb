import CGEOS

extension Geometry {
    /// Parses Well-Known Text (`GEOSWKTReader_read_r`).
    public convenience init(wkt: String) throws(GeometryError) {
        let context = GEOSContext.current
        guard let reader = GEOSWKTReader_create_r(context.handle) else { throw geosFailure("WKTReader_create", context) }
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        guard let handle = GEOSWKTReader_read_r(context.handle, reader, wkt) else {
            throw .invalidInput("invalid WKT: \(context.takeError() ?? "unreadable")")
        }
        self.init(owning: handle)
    }

    /// Well-Known Text with every significant digit and no trailing zeros (`GEOSWKTWriter_write_r`).
    public var wkt: String {
        withHandle { handle in
            let context = GEOSContext.current
            let writer = GEOSWKTWriter_create_r(context.handle)!
            defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
            GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
            GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, -1)
            GEOSWKTWriter_setOutputDimension_r(context.handle, writer, 3)
            guard let text = GEOSWKTWriter_write_r(context.handle, writer, handle) else { return "" }
            defer { GEOSFree_r(context.handle, text) }
            return String(cString: text)
        }
    }

    /// Parses Well-Known Binary, either byte order (`GEOSWKBReader_read_r`).
    public convenience init(wkb: [UInt8]) throws(GeometryError) {
        let context = GEOSContext.current
        guard let reader = GEOSWKBReader_create_r(context.handle) else { throw geosFailure("WKBReader_create", context) }
        defer { GEOSWKBReader_destroy_r(context.handle, reader) }
        let handle = wkb.withUnsafeBufferPointer { buffer in
            GEOSWKBReader_read_r(context.handle, reader, buffer.baseAddress, buffer.count)
        }
        guard let handle else { throw .invalidInput("invalid WKB: \(context.takeError() ?? "unreadable")") }
        self.init(owning: handle)
    }

    /// Well-Known Binary, little-endian, with z when the geometry has it (`GEOSWKBWriter_write_r`).
    public var wkb: [UInt8] {
        withHandle { handle in
            let context = GEOSContext.current
            let writer = GEOSWKBWriter_create_r(context.handle)!
            defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
            GEOSWKBWriter_setByteOrder_r(context.handle, writer, 1)  // 1 = little endian (NDR)
            GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 3)
            var size = 0
            guard let bytes = GEOSWKBWriter_write_r(context.handle, writer, handle, &size) else { return [] }
            defer { GEOSFree_r(context.handle, bytes) }
            return Array(UnsafeBufferPointer(start: bytes, count: size))
        }
    }
}
