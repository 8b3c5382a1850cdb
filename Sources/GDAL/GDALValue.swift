/// An attribute value as OGR types it (`OGRFieldType`, with the Boolean and JSON subtypes).
public enum GDALValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case bool(Bool)
    case string(String)
    /// OFSTJSON: text holding JSON (lists and objects).
    case json(String)
    /// OFTDate, as year, month, day.
    case date(year: Int, month: Int, day: Int)
    /// OFTDateTime and OFTTime as GDAL prints them (`OGR_F_GetFieldAsString`).
    case dateTime(String)
    case integerList([Int64])
    case realList([Double])
    case stringList([String])
}

/// The column types a writer declares (`OGRFieldType` and subtype).
public enum GDALFieldType: Sendable, Equatable {
    case integer64, real, bool, string, json, date
}

/// The geometry kind a layer declares (`OGRwkbGeometryType`, 2-D).
public enum GDALGeometryKind: Sendable, Equatable {
    case unknown, point, multiPoint, lineString, multiLineString, polygon, multiPolygon
}
