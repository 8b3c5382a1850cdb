import CGDAL

/// A vector dataset opened read-only through OGR (`GDALOpenEx` with `GDAL_OF_VECTOR`): any
/// format GDAL reads (FlatGeobuf, KML, GML, GPX, MapInfo, CSV, SQLite/SpatiaLite, ...).
/// Geometry comes out as 2-D little-endian WKB (`OGR_G_ExportToWkb`, curves linearised with
/// `OGR_G_GetLinearGeometry`) for GEOS to read; attributes as `GDALValue`s, typed as OGR has them.
public final class GDALVectorReader {
    public struct Layer: Sendable {
        public var name: String
        /// The layer's CRS as WKT2 (`OSRExportToWktEx`), or nil when it declares none.
        public var crs: String?
        /// Its attribute names, in the layer's order.
        public var fieldNames: [String]
        public var features: [Feature]
        /// Whether a feature had a z (dropped: the engine works in longitude and latitude).
        public var hadZ: Bool
    }

    public struct Feature: Sendable {
        public var fid: Int64
        public var fields: [GDALValue]
        public var wkb: [UInt8]?
    }

    public let path: String
    private let dataset: GDALDatasetH

    public init(path: String) throws(GDALError) {
        _ = GDALLibrary.registered
        self.path = path
        CPLErrorReset()
        guard let dataset = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else {
            throw GDALError.last("not a vector format GDAL reads", path: path)
        }
        self.dataset = dataset
    }

    deinit { GDALClose(dataset) }

    /// The format's short name (`GDALGetDriverShortName`), e.g. "FlatGeobuf".
    public var driverName: String {
        GDALGetDatasetDriver(dataset).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? "?"
    }

    /// The names of its layers (`OGR_L_GetName`).
    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(dataset)).compactMap { GDALDatasetGetLayer(dataset, $0).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) } }
    }

    /// Every feature of the layer called `name`, or of the first layer.
    public func read(layer name: String?) throws(GDALError) -> Layer {
        let handle: OGRLayerH?
        if let name { handle = GDALDatasetGetLayerByName(dataset, name) } else { handle = GDALDatasetGetLayer(dataset, 0) }
        guard let handle else {
            throw GDALError(path: path, message: name.map { "no layer \"\($0)\" (layers: \(layerNames.joined(separator: ", ")))" } ?? "no layer")
        }
        let definition = OGR_L_GetLayerDefn(handle)
        let fieldCount = OGR_FD_GetFieldCount(definition)
        var names: [String] = []
        var types: [(OGRFieldType, OGRFieldSubType)] = []
        for index in 0..<fieldCount {
            let field = OGR_FD_GetFieldDefn(definition, index)
            names.append(String(cString: OGR_Fld_GetNameRef(field)))
            types.append((OGR_Fld_GetType(field), OGR_Fld_GetSubType(field)))
        }
        var result = Layer(name: String(cString: OGR_L_GetName(handle)), crs: Self.wkt(OGR_L_GetSpatialRef(handle)), fieldNames: names, features: [], hadZ: false)
        OGR_L_ResetReading(handle)
        CPLErrorReset()
        while let feature = OGR_L_GetNextFeature(handle) {
            defer { OGR_F_Destroy(feature) }
            var values: [GDALValue] = []
            values.reserveCapacity(Int(fieldCount))
            for index in 0..<fieldCount { values.append(Self.value(feature, index, types[Int(index)])) }
            var wkb: [UInt8]?
            if let geometry = OGR_F_GetGeometryRef(feature) {
                if OGR_G_Is3D(geometry) != 0 { result.hadZ = true }
                wkb = Self.wkb(geometry)
            }
            result.features.append(Feature(fid: OGR_F_GetFID(feature), fields: values, wkb: wkb))
        }
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            throw GDALError.last("reading layer \(result.name) failed after \(result.features.count) features", path: path)
        }
        return result
    }

    static func wkt(_ reference: OGRSpatialReferenceH?) -> String? {
        guard let reference else { return nil }
        var text: UnsafeMutablePointer<CChar>?
        let options = ["FORMAT=WKT2_2019"]
        let status = withCStrings(options) { list in
            list.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: options.count + 1) { OSRExportToWktEx(reference, &text, $0) }
        }
        defer { VSIFree(text) }
        guard status == OGRERR_NONE, let text else { return nil }
        return String(cString: text)
    }

    /// 2-D WKB, curves as lines (GEOS reads neither curves nor every ISO form).
    static func wkb(_ geometry: OGRGeometryH) -> [UInt8]? {
        guard let flat = OGR_G_HasCurveGeometry(geometry, 1) != 0 ? OGR_G_GetLinearGeometry(geometry, 0, nil) : OGR_G_Clone(geometry) else { return nil }
        defer { OGR_G_DestroyGeometry(flat) }
        OGR_G_FlattenTo2D(flat)
        let size = OGR_G_WkbSizeEx(flat)
        var bytes = [UInt8](repeating: 0, count: size)
        let status = bytes.withUnsafeMutableBufferPointer { OGR_G_ExportToWkb(flat, wkbNDR, $0.baseAddress) }
        return status == OGRERR_NONE ? bytes : nil
    }

    static func value(_ feature: OGRFeatureH, _ index: Int32, _ type: (OGRFieldType, OGRFieldSubType)) -> GDALValue {
        guard OGR_F_IsFieldSetAndNotNull(feature, index) != 0 else { return .null }
        switch type.0 {
        case OFTInteger, OFTInteger64:
            let number = OGR_F_GetFieldAsInteger64(feature, index)
            return type.1 == OFSTBoolean ? .bool(number != 0) : .integer(number)
        case OFTReal: return .real(OGR_F_GetFieldAsDouble(feature, index))
        case OFTDate:
            var (year, month, day, hour, minute, tz): (Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0)
            var second: Float = 0
            _ = OGR_F_GetFieldAsDateTimeEx(feature, index, &year, &month, &day, &hour, &minute, &second, &tz)
            return .date(year: Int(year), month: Int(month), day: Int(day))
        case OFTDateTime, OFTTime: return .dateTime(String(cString: OGR_F_GetFieldAsString(feature, index)))
        case OFTIntegerList, OFTInteger64List:
            var count: Int32 = 0
            guard let list = OGR_F_GetFieldAsInteger64List(feature, index, &count) else { return .integerList([]) }
            return .integerList(Array(UnsafeBufferPointer(start: list, count: Int(count))))
        case OFTRealList:
            var count: Int32 = 0
            guard let list = OGR_F_GetFieldAsDoubleList(feature, index, &count) else { return .realList([]) }
            return .realList(Array(UnsafeBufferPointer(start: list, count: Int(count))))
        case OFTStringList:
            var strings: [String] = []
            if let list = OGR_F_GetFieldAsStringList(feature, index) {
                var cursor = 0
                while let item = list[cursor] { strings.append(String(cString: item)); cursor += 1 }
            }
            return .stringList(strings)
        default:
            let text = String(cString: OGR_F_GetFieldAsString(feature, index))
            return type.1 == OFSTJSON ? .json(text) : .string(text)
        }
    }
}

/// `body` given a NULL-terminated array of C strings (GDAL's `char **` options).
func withCStrings<T>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> T) -> T {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
}
