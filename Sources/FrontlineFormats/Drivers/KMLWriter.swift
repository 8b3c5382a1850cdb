import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// KML 2.2 for Google Earth, valid against the OGC KML 2.2 schema (`ogckml22.xsd`): a Style
/// per actor and kind, a typed Schema per kind (`AttributeColumns`: whole numbers `int`,
/// measures and other numbers `double`, so that GDAL reads areas as Real), a Folder per kind, a Placemark per feature with its attributes as SchemaData, and a
/// TimeSpan from the first instant of `valid_from` to the last second of the day before
/// `valid_to`, or a TimeStamp (`date`), so Google Earth's time slider animates an export.
/// Lines and polygons are tessellated: drawn on the ground along long edges.
public enum KMLWriter {
    /// Attributes that KML says in its own elements (name, description, styles).
    static let presentational: Set<String> = ["title", "description", "fill", "fill-opacity", "stroke", "stroke-width", "marker-color", "marker-symbol"]

    public static func document(_ table: FeatureTable, precision: Int?) -> String {
        let actors = table.actors
        var kml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<kml xmlns=\"http://www.opengis.net/kml/2.2\">", "<Document>"]
        if let date = table.metadata["date"]?.stringValue { kml.append("<name>Frontline \(escape(date))</name>") }
        let colors = ["default": "#888888"].merging(Dictionary(actors.map { ($0.id, $0.color) }, uniquingKeysWith: { a, _ in a })) { a, _ in a }
        // The schema's order within a Style: IconStyle, LabelStyle, LineStyle, PolyStyle.
        for id in colors.keys.sorted() {
            let color = colors[id]!
            kml.append("<Style id=\"control-\(escape(id))\"><IconStyle><color>\(abgr(color, alpha: 0xff))</color></IconStyle><LineStyle><color>\(abgr(color, alpha: 0xff))</color><width>1</width></LineStyle><PolyStyle><color>\(abgr(color, alpha: 0x8c))</color></PolyStyle></Style>")
            kml.append("<Style id=\"band-\(escape(id))\"><LineStyle><color>\(abgr(color, alpha: 0xff))</color><width>1</width></LineStyle><PolyStyle><color>73ffffff</color></PolyStyle></Style>")
        }
        kml.append("<Style id=\"frontline\"><LineStyle><color>ff111111</color><width>3</width></LineStyle></Style>")
        var kinds: [SnapshotFeature.Kind] = []
        for feature in table.features where !kinds.contains(feature.kind) { kinds.append(feature.kind) }
        let schemas = Dictionary(uniqueKeysWithValues: kinds.map { kind in (kind, fields(of: table.features.filter { $0.kind == kind })) })
        for kind in kinds {
            kml.append("<Schema name=\"\(kind.rawValue)\" id=\"schema-\(kind.rawValue)\">" + schemas[kind]!.map { "<SimpleField type=\"\($0.type)\" name=\"\(escape($0.name))\"/>" }.joined() + "</Schema>")
        }
        for kind in kinds {
            kml.append("<Folder><name>\(escape(kind.rawValue))</name>")
            for feature in table.features where feature.kind == kind {
                kml.append(placemark(feature, fields: schemas[kind]!, collectionDate: table.metadata["date"]?.stringValue, precision: precision))
            }
            kml.append("</Folder>")
        }
        kml += ["</Document>", "</kml>"]
        return kml.joined(separator: "\n") + "\n"
    }

    /// The attributes of `features` with their KML type (`AttributeColumns`): `int`, `double`,
    /// `bool`, or `string` (dates, lists and objects as text).
    static func fields(of features: [SnapshotFeature]) -> [(name: String, kind: AttributeColumns.Kind, type: String)] {
        AttributeColumns(features.map(\.properties), excluding: presentational).columns.map { column in
            switch column.kind {
            case .integer: (column.name, column.kind, "int")
            case .real: (column.name, column.kind, "double")
            case .boolean: (column.name, column.kind, "bool")
            case .date, .text, .json: (column.name, column.kind, "string")
            }
        }
    }

    static func placemark(_ feature: SnapshotFeature, fields: [(name: String, kind: AttributeColumns.Kind, type: String)], collectionDate: String?, precision: Int?) -> String {
        let properties = feature.properties
        var parts = ["<Placemark>"]
        parts.append("<name>\(escape(properties["title"]?.stringValue ?? feature.id))</name>")
        if let description = properties["description"]?.stringValue { parts.append("<description>\(escape(description))</description>") }
        if let from = properties["valid_from"]?.stringValue.flatMap(CalendarDate.init) {
            // valid_to is exclusive; GDAL and Google Earth read a bare date as its first instant,
            // which would end a one-day span where it begins.
            let end = properties["valid_to"]?.stringValue.flatMap(CalendarDate.init).map { "<end>\($0.adding(days: -1))T23:59:59Z</end>" } ?? ""
            parts.append("<TimeSpan><begin>\(from)T00:00:00Z</begin>\(end)</TimeSpan>")
        } else if let date = properties["date"]?.stringValue ?? collectionDate {
            parts.append("<TimeStamp><when>\(escape(date))</when></TimeStamp>")
        }
        let controller = properties["controller"]?.stringValue ?? "default"
        switch feature.kind {
        case .frontline: parts.append("<styleUrl>#frontline</styleUrl>")
        case .band: parts.append("<styleUrl>#band-\(escape(controller))</styleUrl>")
        case .control, .unlocated, .piece: parts.append("<styleUrl>#control-\(escape(controller))</styleUrl>")
        }
        var data = ["<ExtendedData><SchemaData schemaUrl=\"#schema-\(feature.kind.rawValue)\">"]
        for field in fields {
            guard let value = properties[field.name], value != .null else { continue }
            let text = AttributeColumns.text(value, kind: field.kind)
            data.append("<SimpleData name=\"\(escape(field.name))\">\(escape(text))</SimpleData>")
        }
        data.append("</SchemaData></ExtendedData>")
        parts.append(data.joined())
        if let geometry = feature.geometry { parts.append(self.geometry(geometry, precision: precision)) }
        parts.append("</Placemark>")
        return parts.joined()
    }

    static func geometry(_ geometry: GeoJSONGeometry, precision: Int?) -> String {
        func coordinates(_ list: PositionList) -> String {
            (0..<list.count).map { index in
                let position = list[index]
                return JSONWriter.formatNumber(position.longitude, decimals: precision) + "," + JSONWriter.formatNumber(position.latitude, decimals: precision)
            }.joined(separator: " ")
        }
        func polygon(_ rings: [PositionList]) -> String {
            guard let exterior = rings.first else { return "" }
            var text = "<Polygon><tessellate>1</tessellate><outerBoundaryIs><LinearRing><coordinates>\(coordinates(exterior))</coordinates></LinearRing></outerBoundaryIs>"
            for hole in rings.dropFirst() {
                text += "<innerBoundaryIs><LinearRing><coordinates>\(coordinates(hole))</coordinates></LinearRing></innerBoundaryIs>"
            }
            return text + "</Polygon>"
        }
        switch geometry.shape {
        case .point(let position): return "<Point><coordinates>\(coordinates(PositionList([position])))</coordinates></Point>"
        case .multiPoint(let list): return "<MultiGeometry>" + list.positions.map { "<Point><coordinates>\(coordinates(PositionList([$0])))</coordinates></Point>" }.joined() + "</MultiGeometry>"
        case .lineString(let list): return "<LineString><tessellate>1</tessellate><coordinates>\(coordinates(list))</coordinates></LineString>"
        case .multiLineString(let lines): return "<MultiGeometry>" + lines.map { "<LineString><tessellate>1</tessellate><coordinates>\(coordinates($0))</coordinates></LineString>" }.joined() + "</MultiGeometry>"
        case .polygon(let rings): return polygon(rings)
        case .multiPolygon(let polygons): return "<MultiGeometry>" + polygons.map(polygon).joined() + "</MultiGeometry>"
        case .geometryCollection(let geometries): return "<MultiGeometry>" + geometries.map { self.geometry($0, precision: precision) }.joined() + "</MultiGeometry>"
        }
    }

    /// KML colours are aabbggrr.
    static func abgr(_ hex: String, alpha: UInt8) -> String {
        let digits = Array(hex.dropFirst())
        guard digits.count == 6 else { return String(format2(alpha)) + "888888" }
        return format2(alpha) + String(digits[4...5]) + String(digits[2...3]) + String(digits[0...1])
    }

    static func format2(_ value: UInt8) -> String {
        let hex = Array("0123456789abcdef")
        return String([hex[Int(value >> 4)], hex[Int(value & 15)]])
    }

    static func escape(_ text: String) -> String { xmlEscaped(text) }
}
