import FrontlineKit
import FuzzDriver

#if canImport(Glibc)
    import Glibc
#endif

/// `import`'s reading of binary files, through GDAL's Shapefile and GeoPackage drivers and
/// Frontline's checks after them (finite, in range): the first byte picks the format (0: a Shapefile's .shp
/// alone, 1: a .shp and its .dbf, split where bytes 1-2 say, 2: a GeoPackage), the rest is the
/// file. Whatever reads must be finite, in range, and pass through GEOS's validity check
/// without a crash; everything else must end in a `DataError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let selector = bytes.first else { return 0 }
    let stem = "/tmp/frontline-fuzz-import-\(getpid())"
    let files: [(String, ArraySlice<UInt8>)]
    switch selector % 3 {
    case 0: files = [(".shp", bytes.dropFirst())]
    case 1:
        guard bytes.count >= 3 else { return 0 }
        let body = bytes.dropFirst(3)
        let split = body.startIndex + min(body.count, Int(bytes[1]) << 8 | Int(bytes[2]))
        files = [(".shp", body[..<split]), (".dbf", body[split...])]
    default: files = [(".gpkg", bytes.dropFirst())]
    }
    for suffix in [".shp", ".dbf", ".gpkg"] { unlink(stem + suffix) }
    for (suffix, content) in files {
        do { try AtomicFile.write(Array(content), to: stem + suffix) } catch { fatalError("cannot write the fuzz input: \(error)") }
    }
    defer { for (suffix, _) in files { unlink(stem + suffix) } }
    guard let layer = try? VectorSource.read(stem + files[0].0) else { return 0 }
    for feature in layer.features {
        guard let geometry = feature.geometry else { continue }
        for list in geometry.allPositionLists {
            for value in list.values where !value.isFinite { fatalError("a non-finite coordinate passed the reader") }
        }
        if let shape = try? Geometry(geometry) { _ = try? shape.validityProblem()?.description }
    }
    return 0
}

@_cdecl("FuzzImport_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzImport)
}
