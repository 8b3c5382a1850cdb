import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// KML 2.2 for Google Earth: a Style per actor and kind, a Folder per kind, a Placemark per
/// feature with its properties as ExtendedData, and a TimeSpan (`valid_from` to the day before
/// `valid_to`) or TimeStamp (`date`), so Google Earth's time slider animates an export.
public enum KMLWriter {
    public static func document(_ table: FeatureTable, precision: Int?) -> String {
        let actors = table.actors
        var kml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<kml xmlns=\"http://www.opengis.net/kml/2.2\">", "<Document>"]
        if let date = table.metadata["date"]?.stringValue { kml.append("<name>Frontline \(escape(date))</name>") }
        let colors = ["default": "#888888"].merging(Dictionary(actors.map { ($0.id, $0.color) }, uniquingKeysWith: { a, _ in a })) { a, _ in a }
        for id in colors.keys.sorted() {
            let color = colors[id]!
            kml.append("<Style id=\"control-\(escape(id))\"><LineStyle><color>\(abgr(color, alpha: 0xff))</color><width>1</width></LineStyle><PolyStyle><color>\(abgr(color, alpha: 0x8c))</color></PolyStyle><IconStyle><color>\(abgr(color, alpha: 0xff))</color></IconStyle></Style>")
            kml.append("<Style id=\"band-\(escape(id))\"><LineStyle><color>\(abgr(color, alpha: 0xff))</color><width>1</width></LineStyle><PolyStyle><color>73ffffff</color></PolyStyle></Style>")
        }
        kml.append("<Style id=\"frontline\"><LineStyle><color>ff111111</color><width>3</width></LineStyle></Style>")
        var kinds: [SnapshotFeature.Kind] = []
        for feature in table.features where !kinds.contains(feature.kind) { kinds.append(feature.kind) }
        for kind in kinds {
            kml.append("<Folder><name>\(escape(kind.rawValue))</name>")
            for feature in table.features where feature.kind == kind {
                kml.append(placemark(feature, collectionDate: table.metadata["date"]?.stringValue, precision: precision))
            }
            kml.append("</Folder>")
        }
        kml += ["</Document>", "</kml>"]
        return kml.joined(separator: "\n") + "\n"
    }

    static func placemark(_ feature: SnapshotFeature, collectionDate: String?, precision: Int?) -> String {
        let properties = feature.properties
        var parts = ["<Placemark>"]
        parts.append("<name>\(escape(properties["title"]?.stringValue ?? feature.id))</name>")
        if let description = properties["description"]?.stringValue { parts.append("<description>\(escape(description))</description>") }
        if let from = properties["valid_from"]?.stringValue, let to = properties["valid_to"]?.stringValue, let end = CalendarDate(to) {
            parts.append("<TimeSpan><begin>\(escape(from))</begin><end>\(end.adding(days: -1))</end></TimeSpan>")
        } else if let date = properties["date"]?.stringValue ?? collectionDate {
            parts.append("<TimeStamp><when>\(escape(date))</when></TimeStamp>")
        }
        let controller = properties["controller"]?.stringValue ?? "default"
        switch feature.kind {
        case .frontline: parts.append("<styleUrl>#frontline</styleUrl>")
        case .band: parts.append("<styleUrl>#band-\(escape(controller))</styleUrl>")
        case .control, .unlocated, .piece: parts.append("<styleUrl>#control-\(escape(controller))</styleUrl>")
        }
        var data = ["<ExtendedData>"]
        for key in properties.sortedKeys where !["title", "description", "fill", "fill-opacity", "stroke", "stroke-width", "marker-color", "marker-symbol"].contains(key) {
            data.append("<Data name=\"\(escape(key))\"><value>\(escape(Report.plainText(properties[key], decimals: nil)))</value></Data>")
        }
        data.append("</ExtendedData>")
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
            var text = "<Polygon><outerBoundaryIs><LinearRing><coordinates>\(coordinates(exterior))</coordinates></LinearRing></outerBoundaryIs>"
            for hole in rings.dropFirst() {
                text += "<innerBoundaryIs><LinearRing><coordinates>\(coordinates(hole))</coordinates></LinearRing></innerBoundaryIs>"
            }
            return text + "</Polygon>"
        }
        switch geometry.shape {
        case .point(let position): return "<Point><coordinates>\(coordinates(PositionList([position])))</coordinates></Point>"
        case .multiPoint(let list): return "<MultiGeometry>" + list.positions.map { "<Point><coordinates>\(coordinates(PositionList([$0])))</coordinates></Point>" }.joined() + "</MultiGeometry>"
        case .lineString(let list): return "<LineString><coordinates>\(coordinates(list))</coordinates></LineString>"
        case .multiLineString(let lines): return "<MultiGeometry>" + lines.map { "<LineString><coordinates>\(coordinates($0))</coordinates></LineString>" }.joined() + "</MultiGeometry>"
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
