import FuzzDriver
import GeoJSON

/// Decodes any bytes as GeoJSON; whatever decodes must encode and decode again to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let object = try? GeoJSONDecoder().decode(bytes) else { return 0 }
    let encoded = GeoJSONEncoder().encode(object)
    guard let again = try? GeoJSONDecoder().decode(encoded) else {
        fatalError("re-decoding the encoder's output failed")
    }
    // Rings are rewound on output, so compare the second round trip byte for byte.
    if GeoJSONEncoder().encode(again) != encoded { fatalError("encoding is not stable") }
    return 0
}

@_cdecl("FuzzGeoJSON_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzGeoJSON)
}
