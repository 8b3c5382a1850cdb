import GeoJSON
import Geometry

/// Text for XML (KML, SVG, HTML): `&`, `<`, `>` and `"` as entities, so it is safe both as
/// element content and inside a double-quoted attribute.
public func xmlEscaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.append(character)
        }
    }
    return result
}
