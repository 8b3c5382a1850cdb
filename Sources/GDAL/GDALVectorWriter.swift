import CGDAL

/// Creates a vector file with one of GDAL's drivers (`GDALCreate`, `GDALDatasetCreateLayer`,
/// `OGR_L_CreateField`, `OGR_L_CreateFeature`): FlatGeobuf, Shapefile, or any driver that
/// creates. Coordinates are WGS 84 longitude/latitude (EPSG:4326, in GIS axis order). Nothing
/// is complete until `close()`, which reports a failure to finish the file (a full disk).
public final class GDALVectorWriter {
    public let path: String
    private var dataset: GDALDatasetH?
    private let reference: OGRSpatialReferenceH
    /// The field types and subtypes the driver declares it creates
    /// (`GDAL_DMD_CREATIONFIELDDATATYPES`, `…SUBTYPES`); nil where it declares none.
    private let fieldTypes: Set<String>?
    private let fieldSubtypes: Set<String>?

    /// A new file at `path` (which must not exist) with the driver named `driver`. With
    /// `currentDate`, that is the moment the file records as its last change
    /// (`OGR_CURRENT_DATE`, for this thread), so that the same data gives the same bytes.
    public init(driver name: String, path: String, options: [String] = [], currentDate: String? = nil) throws(GDALError) {
        _ = GDALLibrary.registered
        self.path = path
        CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", currentDate)
        CPLErrorReset()
        guard let driver = GDALGetDriverByName(name) else { throw GDALError(path: path, message: "GDAL has no driver \(name)") }
        func declared(_ key: String) -> Set<String>? {
            GDALGetMetadataItem(driver, key, nil).map { Set(String(cString: $0).split(separator: " ").map(String.init)) }
        }
        fieldTypes = declared(GDAL_DMD_CREATIONFIELDDATATYPES)
        fieldSubtypes = declared(GDAL_DMD_CREATIONFIELDDATASUBTYPES)
        let dataset = withCStrings(options) { GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, $0) }
        guard let dataset else { throw GDALError.last("\(name) cannot create it", path: path) }
        self.dataset = dataset
        reference = OSRNewSpatialReference(nil)
        OSRImportFromEPSG(reference, 4326)
        OSRSetAxisMappingStrategy(reference, OAMS_TRADITIONAL_GIS_ORDER)
    }

    deinit {
        if let dataset { GDALClose(dataset) }
        OSRDestroySpatialReference(reference)
        CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nil)
    }

    /// A layer of geometries of `kind` (`.unknown`: any) with these columns, in this order.
    public func createLayer(_ name: String, kind: GDALGeometryKind = .unknown, fields: [(name: String, type: GDALFieldType)], options: [String] = []) throws(GDALError) -> GDALLayerWriter {
        guard let dataset else { throw GDALError(path: path, message: "closed") }
        let type: OGRwkbGeometryType = switch kind {
        case .unknown: wkbUnknown
        case .point: wkbPoint
        case .multiPoint: wkbMultiPoint
        case .lineString: wkbLineString
        case .multiLineString: wkbMultiLineString
        case .polygon: wkbPolygon
        case .multiPolygon: wkbMultiPolygon
        }
        let layer = withCStrings(options) { GDALDatasetCreateLayer(dataset, name, reference, type, $0) }
        guard let layer else { throw GDALError.last("cannot create layer \(name)", path: path) }
        for field in fields {
            var (type, subtype): (OGRFieldType, OGRFieldSubType) = switch field.type {
            case .integer64: (OFTInteger64, OFSTNone)
            case .real: (OFTReal, OFSTNone)
            case .bool: (OFTInteger, OFSTBoolean)
            case .string: (OFTString, OFSTNone)
            case .json: (OFTString, OFSTJSON)
            case .date: (OFTDate, OFSTNone)
            }
            // A driver that does not create a type gets the nearest it does (MapInfo has no
            // Integer64; many formats no Date, whose values then go as YYYY-MM-DD text).
            if let fieldTypes {
                if type == OFTInteger64 && !fieldTypes.contains("Integer64") { type = fieldTypes.contains("Integer") ? OFTInteger : OFTReal }
                if type == OFTDate && !fieldTypes.contains("Date") { type = OFTString }
            }
            // JSON is a subtype drivers keep without declaring it (GPKG); Boolean where declared.
            if subtype == OFSTBoolean && !(fieldSubtypes?.contains("Boolean") ?? true) { subtype = OFSTNone }
            let definition = OGR_Fld_Create(field.name, type)
            defer { OGR_Fld_Destroy(definition) }
            OGR_Fld_SetSubType(definition, subtype)
            guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else { throw GDALError.last("cannot create field \(field.name) in layer \(name)", path: path) }
        }
        return GDALLayerWriter(layer: layer, path: path, reference: reference)
    }

    /// Finishes the file (`GDALClose`: FlatGeobuf writes its index and header then).
    public func close() throws(GDALError) {
        guard let dataset else { return }
        self.dataset = nil
        CPLErrorReset()
        GDALClose(dataset)
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal { throw GDALError.last("cannot finish the file", path: path) }
    }
}

/// Adds features to one layer of a `GDALVectorWriter`, whose lifetime it shares.
public struct GDALLayerWriter {
    let layer: OGRLayerH
    let path: String
    let reference: OGRSpatialReferenceH

    /// One feature: a value per column (in `createLayer`'s order) and its geometry as WKB.
    public func add(_ values: [GDALValue], wkb: [UInt8]?) throws(GDALError) {
        let feature = OGR_F_Create(OGR_L_GetLayerDefn(layer))!
        defer { OGR_F_Destroy(feature) }
        for (index, value) in values.enumerated() {
            let field = Int32(index)
            switch value {
            case .null: OGR_F_SetFieldNull(feature, field)
            case .integer(let number): OGR_F_SetFieldInteger64(feature, field, number)
            case .real(let number): OGR_F_SetFieldDouble(feature, field, number)
            case .bool(let flag): OGR_F_SetFieldInteger(feature, field, flag ? 1 : 0)
            case .string(let text), .json(let text), .dateTime(let text): OGR_F_SetFieldString(feature, field, text)
            case .date(let year, let month, let day):
                if OGR_Fld_GetType(OGR_F_GetFieldDefnRef(feature, field)) == OFTString {
                    let text = String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
                    OGR_F_SetFieldString(feature, field, text)
                } else {
                    OGR_F_SetFieldDateTime(feature, field, Int32(year), Int32(month), Int32(day), 0, 0, 0, 0)
                }
            case .integerList(let list): list.withUnsafeBufferPointer { OGR_F_SetFieldInteger64List(feature, field, Int32($0.count), $0.baseAddress) }
            case .realList(let list): list.withUnsafeBufferPointer { OGR_F_SetFieldDoubleList(feature, field, Int32($0.count), $0.baseAddress) }
            case .stringList(let list): withCStrings(list) { OGR_F_SetFieldStringList(feature, field, $0) }
            }
        }
        if let wkb {
            var geometry: OGRGeometryH?
            let status = wkb.withUnsafeBytes { OGR_G_CreateFromWkbEx($0.baseAddress, reference, &geometry, $0.count) }
            guard status == OGRERR_NONE, let geometry else { throw GDALError.last("cannot read a feature's geometry", path: path) }
            OGR_F_SetGeometryDirectly(feature, geometry)
        }
        CPLErrorReset()
        guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else { throw GDALError.last("cannot write a feature", path: path) }
    }
}
