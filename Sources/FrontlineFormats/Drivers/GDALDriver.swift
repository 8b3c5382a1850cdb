import Foundation
import FrontlineModel
import FrontlinePresentation
import GDAL
import GeoJSON
import Geometry

/// Formats written through GDAL/OGR (`GDALVectorWriter`): typed columns (`AttributeColumns`:
/// dates as Date, measures as Real, lists as JSON), WGS 84, geometry as GEOS gives it in WKB;
/// one layer holding every feature (`kind` says which) or a layer per kind. Written to a
/// temporary file and renamed into place (`AtomicFile.produce`).
public struct GDALWriterDriver: FormatDriver {
    /// A layer to write: its name, its features, and the moment the file records as its last
    /// change (a GeoPackage's last_change, a dBASE header's date), e.g. the data's date.
    public struct Layer: Sendable {
        public var name: String
        public var features: [Feature]
        public var description: String
        /// ISO 8601, e.g. "2020-11-10T00:00:00.000Z".
        public var lastChange: String

        public init(name: String, features: [Feature], description: String = "", lastChange: String = "1970-01-01T00:00:00.000Z") {
            self.name = name
            self.features = features
            self.description = description
            self.lastChange = lastChange
        }
    }

    /// GDAL's name of the driver (`GDALGetDriverByName`).
    public let gdalName: String
    public let metadata: FormatMetadata
    /// A layer per feature kind (control, band, frontline, ...), else one layer `frontline`.
    let layerPerKind: Bool
    let layerOptions: @Sendable (Layer) -> [String]

    /// FlatGeobuf with its packed Hilbert R-tree (QGIS, ogr2ogr, web maps over HTTP range requests).
    public static let flatGeobuf = GDALWriterDriver(
        gdalName: "FlatGeobuf", layerPerKind: false, layerOptions: { _ in ["SPATIAL_INDEX=YES"] },
        metadata: FormatMetadata(name: "flatgeobuf", fileExtensions: ["fgb"], summary: "FlatGeobuf, one layer with a spatial index (GDAL); features without geometry cannot be in it",
                                 omitsFeaturesWithoutGeometry: true))

    /// ESRI Shapefile, zipped (`.shp.zip`, which GDAL and QGIS open as they are): a shapefile
    /// per kind, as a Shapefile holds one kind of geometry; UTF-8 text (`.cpg`), the data's date
    /// in each dBASE header, so the same data gives the same bytes. dBASE cuts names to 10
    /// characters and text to 254 bytes.
    public static let shapefile = GDALWriterDriver(
        gdalName: "ESRI Shapefile", layerPerKind: true,
        layerOptions: { layer in ["ENCODING=UTF-8", "DBF_DATE_LAST_UPDATE=\(layer.lastChange.prefix(10))"] },
        metadata: FormatMetadata(name: "shapefile", fileExtensions: ["shp.zip"], summary: "ESRI Shapefile, zipped: a shapefile per kind (GDAL)", maximumTextBytes: 254))

    /// Any other vector driver of GDAL's that creates files, by name: one layer, as GDAL writes it.
    static func any(_ name: String) -> GDALWriterDriver {
        GDALWriterDriver(
            gdalName: name, layerPerKind: false, layerOptions: { _ in [] },
            metadata: FormatMetadata(name: name, fileExtensions: [GDALLibrary.fileExtension(ofDriver: name) ?? "dat"], summary: "GDAL's \(name) driver"))
    }

    init(gdalName: String, layerPerKind: Bool, layerOptions: @escaping @Sendable (Layer) -> [String], metadata: FormatMetadata) {
        (self.gdalName, self.layerPerKind, self.layerOptions, self.metadata) = (gdalName, layerPerKind, layerOptions, metadata)
    }

    public func write(_ table: FeatureTable, to path: String, precision: Int?) throws {
        // A snapshot's date is the collection's; in a file of one layer each feature says it.
        let date = table.metadata["date"]?.stringValue ?? "1970-01-01"
        let layers = layerPerKind ? Self.layers(byKind: table) : [Layer(name: "frontline", features: table.datedFeatures.map(\.feature), lastChange: date + "T00:00:00.000Z")]
        try Self.write(layers, driver: gdalName, fileExtension: fileExtensions[0],
                       omittingFeaturesWithoutGeometry: metadata.omitsFeaturesWithoutGeometry, to: path, layerOptions: layerOptions)
    }

    /// One layer per feature kind (control, band, frontline, unlocated, piece), in first-seen
    /// order; the table's `date` becomes each layer's last change and, when features carry no
    /// `date` of their own, a `date` column.
    public static func layers(byKind table: FeatureTable) -> [Layer] {
        var order: [SnapshotFeature.Kind] = []
        var grouped: [SnapshotFeature.Kind: [Feature]] = [:]
        let date = table.metadata["date"]?.stringValue
        for (kind, feature) in table.datedFeatures {
            if grouped[kind] == nil { order.append(kind) }
            grouped[kind, default: []].append(feature)
        }
        return order.map { kind in
            Layer(name: kind.rawValue, features: grouped[kind]!, description: "Frontline \(kind.rawValue) features", lastChange: (date ?? "1970-01-01") + "T00:00:00.000Z")
        }
    }

    /// Writes `layers` with GDAL's driver `driver` to `path`, atomically (`AtomicFile.produce`):
    /// per layer, an `id` column when features have ids, then the typed columns of their
    /// properties (`AttributeColumns`), and the most specific geometry kind that covers them
    /// (single parts promoted to multi where kinds mix). Each layer's `lastChange` is the moment
    /// the file records (GeoPackage's last_change), so the same layers give the same bytes.
    /// `options` are the driver's dataset creation options, `layerOptions` each layer's.
    static func write(_ layers: [Layer], driver: String, fileExtension: String, options: [String] = [],
                      omittingFeaturesWithoutGeometry: Bool = false, to path: String,
                      layerOptions: (Layer) -> [String]) throws {
        try AtomicFile.produce(path) { temporary in
            // The drivers create their file themselves, and take a name without their extension
            // for a folder (FlatGeobuf writes a folder of layers): they write beside the
            // reserved temporary file, under its name plus the extension, renamed over it.
            let written = temporary + "." + fileExtension
            defer { _ = unlink(written) }
            do {
                let writer = try GDALVectorWriter(driver: driver, path: written, options: options, currentDate: layers.first?.lastChange)
                for layer in layers {
                    let columns = AttributeColumns(layer.features.map { $0.properties ?? JSONObject() }, excluding: ["fid", "geom", "id"]).columns
                    let hasID = layer.features.contains { $0.id != nil || $0.properties?["id"] != nil }
                    let (kind, promote) = geometryKind(layer.features)
                    let output = try writer.createLayer(layer.name, kind: kind, fields: (hasID ? [("id", .string)] : []) + columns.map { ($0.name, fieldType($0.kind)) },
                                                        options: layerOptions(layer))
                    // GDAL 3.6's FlatGeobuf writer skips features without geometry (the frontline
                    // where no two controllers meet, an unlocated claim with no place) without a
                    // word; they are left out here, and the commands name them (`omissions`).
                    for feature in layer.features where feature.geometry != nil || !omittingFeaturesWithoutGeometry {
                        var values: [GDALValue] = []
                        if hasID { values.append(feature.properties?["id"].map { value($0, kind: .text) } ?? feature.id.map { .string($0.description) } ?? .null) }
                        for column in columns { values.append(value(feature.properties?[column.name], kind: column.kind)) }
                        let geometry = try feature.geometry.map { try Geometry(promote ? $0.asMulti : $0).wkb }
                        try output.add(values, wkb: geometry)
                    }
                }
                try writer.close()
                // A format of several files (MapInfo's .tab, .dat, .map, .id) cannot be written
                // at once: its other files are removed and the format refused.
                let folder = String(written[..<(written.lastIndex(of: "/") ?? written.startIndex)])
                let stem = String(temporary.split(separator: "/").last ?? "") + "."
                let others = ((try? FileIO.listDirectory(folder.isEmpty ? "." : folder)) ?? []).filter { $0.hasPrefix(stem) && folder + "/" + $0 != written }
                if !others.isEmpty {
                    for name in others { unlink(folder + "/" + name) }
                    throw AtomicFile.WriteError(path: path, reason: "GDAL's \(driver) driver writes several files (\(others.map { $0.dropFirst(stem.count) }.sorted().joined(separator: ", ")) beside .\(fileExtension)), which cannot be written at once: write a GeoPackage (--format gpkg) and convert it with ogr2ogr")
                }
                guard rename(written, temporary) == 0 else { throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
            } catch let error as GDALError {
                throw AtomicFile.WriteError(path: path, reason: error.message)
            }
        }
    }

    /// The most specific kind covering every feature's geometry, and whether single parts
    /// must be promoted to multi ones to be of it.
    static func geometryKind(_ features: [Feature]) -> (GDALGeometryKind, promote: Bool) {
        let names = Set(features.compactMap { $0.geometry?.typeName })
        let single: [String: GDALGeometryKind] = ["Point": .point, "MultiPoint": .multiPoint, "LineString": .lineString,
                                                  "MultiLineString": .multiLineString, "Polygon": .polygon, "MultiPolygon": .multiPolygon]
        if names.count == 1, let kind = single[names.first!] { return (kind, false) }
        if names.isSubset(of: ["Polygon", "MultiPolygon"]) { return (.multiPolygon, true) }
        if names.isSubset(of: ["LineString", "MultiLineString"]) { return (.multiLineString, true) }
        if names.isSubset(of: ["Point", "MultiPoint"]) { return (.multiPoint, true) }
        return (.unknown, false)
    }

    static func fieldType(_ kind: AttributeColumns.Kind) -> GDALFieldType {
        switch kind {
        case .date: .date
        case .integer: .integer64
        case .real: .real
        case .boolean: .bool
        case .text: .string
        case .json: .json
        }
    }

    static func value(_ value: JSONValue?, kind: AttributeColumns.Kind) -> GDALValue {
        guard let value, value != .null else { return .null }
        switch (kind, value) {
        case (.integer, .number(let number)): return .integer(Int64(number))
        case (.real, .number(let number)): return .real(number)
        case (.boolean, .bool(let flag)): return .bool(flag)
        case (.date, .string(let text)):
            guard let date = CalendarDate(text) else { return .string(text) }
            return .date(year: date.year, month: date.month, day: date.day)
        case (.json, _): return .json(JSONWriter.serialize(value))
        default: return .string(AttributeColumns.text(value, kind: kind))
        }
    }
}

/// Reads any vector format GDAL reads that no strict reader handles (FlatGeobuf, KML, GML, GPX,
/// MapInfo, SpatiaLite, ...; `GDALVectorReader`): one layer, reprojected to WGS 84 when its
/// CRS is another. Each feature's attributes become properties with their OGR types (dates
/// as YYYY-MM-DD, lists as arrays); a text column `id` is the feature's id.
public struct GDALSourceDriver: FormatDriver {
    public init() {}
    public let metadata = FormatMetadata(name: "gdal", fileExtensions: [], summary: "any vector format GDAL reads", reads: true, writes: false)

    public func read(_ path: String, layer name: String?) throws(DataError) -> VectorSource.Layer {
        try FileIO.checkReadable(path)
        let layer: GDALVectorReader.Layer
        let format: String
        do {
            let reader = try GDALVectorReader(path: path)
            format = reader.driverName
            layer = try reader.read(layer: name)
        } catch {
            throw DataError(file: path, message: error.message)
        }
        var features: [Feature] = []
        var diagnostics = DiagnosticCollector()
        for (index, item) in layer.features.enumerated() {
            var properties = JSONObject()
            for (field, value) in zip(layer.fieldNames, item.fields) { properties[field] = Self.json(value) }
            var geometry: GeoJSONGeometry?
            if let wkb = item.wkb {
                do {
                    geometry = try Geometry(wkb: wkb).geoJSON
                } catch {
                    diagnostics.add(Diagnostic(file: path, featureIndex: index, message: "geometry: \(error)"))
                }
            }
            // A column named id is the feature's id, as Frontline's own writers put it there.
            var id: FeatureID?
            if case .string(let text)? = properties["id"] {
                id = .string(text)
                properties["id"] = nil
            }
            features.append(Feature(id: id, geometry: geometry, properties: properties))
        }
        try diagnostics.throwIfAny()
        let reprojected = try VectorSource.reproject(features, from: layer.crs, file: path)
        return VectorSource.Layer(features: reprojected, description: "\(VectorSource.lastComponent(path)) (\(format)), layer \(layer.name)")
    }

    static func json(_ value: GDALValue) -> JSONValue {
        switch value {
        case .null: return .null
        case .integer(let number): return .number(Double(number))
        case .real(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        case .string(let text), .dateTime(let text): return .string(text)
        case .json(let text): return (try? JSONParser().parse(text)) ?? .string(text)
        case .date(let year, let month, let day):
            return CalendarDate(year: year, month: month, day: day).map { .string($0.description) } ?? .null
        case .integerList(let list): return .array(list.map { .number(Double($0)) })
        case .realList(let list): return .array(list.map { .number($0) })
        case .stringList(let list): return .array(list.map { .string($0) })
        }
    }
}
