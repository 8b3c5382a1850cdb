import FrontlineModel
import Geometry

/// The query parameters of the API, checked: every 400 names its parameter. The same names are
/// accepted on every path, since GDAL's OAPIF driver appends the query of the URL a user opens
/// (`OAPIF:http://host/?datetime=2020-11-10`) to every request it makes; a name the API does
/// not define is refused, as OGC API – Features requires.
public struct ItemsQuery: Sendable, Equatable {
    public enum Time: Sendable, Equatable {
        /// One day (a date, or a date-time taken as its UTC day).
        case instant(CalendarDate)
        /// Either end open (`..` or empty).
        case interval(CalendarDate?, CalendarDate?)
    }

    public var datetime: Time?
    public var bbox: Bounds?
    public var limit: Int = ItemsQuery.defaultLimit
    public var offset: Int = 0
    public var layer: Layer = .claimed
    public var knownOn: CalendarDate?
    /// `from`, `to`, `every`, `region` of `/timeline` and `/diff`.
    public var from: CalendarDate?
    public var to: CalendarDate?
    public var everyDays: Int?
    public var regions: [String] = []
    /// `f`: only JSON encodings are served (`json`, `geojson`).
    public var format: String?

    public static let defaultLimit = 100
    public static let maximumLimit = 10_000
    public static let names: Set<String> = ["datetime", "bbox", "limit", "offset", "layer", "known_on", "from", "to", "every", "region", "f"]

    public init() {}

    /// The parameters of `query`, or the 400 response for the first one at fault.
    public static func parse(_ query: [(name: String, value: String)]) -> Result<ItemsQuery, ParameterError> {
        var result = ItemsQuery()
        var seen: [String: String] = [:]
        for (name, value) in query {
            guard names.contains(name) else {
                return .failure(ParameterError(name, "unknown parameter; this API takes \(names.sorted().joined(separator: ", "))"))
            }
            if name == "region" {
                result.regions.append(value)
                continue
            }
            if let earlier = seen[name] {
                if earlier == value { continue }
                return .failure(ParameterError(name, "given twice with different values (\"\(earlier)\", \"\(value)\")"))
            }
            seen[name] = value
            do {
                try result.set(name, value)
            } catch {
                return .failure(error)
            }
        }
        return .success(result)
    }

    mutating func set(_ name: String, _ value: String) throws(ParameterError) {
        switch name {
        case "datetime": datetime = try Self.time(value)
        case "bbox": bbox = try Self.boundingBox(value)
        case "limit":
            guard let number = Int(value), number >= 1 else { throw ParameterError(name, "expects a whole number of at least 1, got \"\(value)\"") }
            limit = min(number, Self.maximumLimit)
        case "offset":
            guard let number = Int(value), number >= 0 else { throw ParameterError(name, "expects a whole number of at least 0, got \"\(value)\"") }
            offset = number
        case "layer":
            guard let parsed = Layer(rawValue: value) else { throw ParameterError(name, "expects claimed or assessed, got \"\(value)\"") }
            layer = parsed
        case "known_on": knownOn = try Self.date(value, name)
        case "from": from = try Self.date(value, name)
        case "to": to = try Self.date(value, name)
        case "every":
            let digits = value.hasSuffix("d") ? String(value.dropLast()) : value
            guard let days = Int(digits), days >= 1 else { throw ParameterError(name, "expects a number of days such as 7d, got \"\(value)\"") }
            everyDays = days
        case "f":
            guard ["json", "geojson"].contains(value) else { throw ParameterError(name, "expects json or geojson, got \"\(value)\"") }
            format = value
        default: break
        }
    }

    /// RFC 3339 as OGC API – Features takes it: `2020-11-10`, `2020-11-10T12:00:00Z` (its UTC
    /// day), or an interval `START/END` with `..` or nothing for an open end.
    static func time(_ value: String) throws(ParameterError) -> Time {
        let ends = value.split(separator: "/", omittingEmptySubsequences: false)
        if ends.count == 1 { return .instant(try instant(value)) }
        guard ends.count == 2 else { throw ParameterError("datetime", "expects a date, a date-time or an interval START/END, got \"\(value)\"") }
        func end(_ text: Substring) throws(ParameterError) -> CalendarDate? {
            text.isEmpty || text == ".." ? nil : try instant(String(text))
        }
        let (start, finish) = (try end(ends[0]), try end(ends[1]))
        if start == nil && finish == nil { throw ParameterError("datetime", "an interval needs at least one end, got \"\(value)\"") }
        if let start, let finish, finish < start { throw ParameterError("datetime", "the interval ends (\(finish)) before it starts (\(start))") }
        return .interval(start, finish)
    }

    /// A date, or a date-time reduced to its day in UTC.
    static func instant(_ text: String) throws(ParameterError) -> CalendarDate {
        let characters = Array(text.utf8)
        guard characters.count >= 10, let day = CalendarDate(String(decoding: characters[0..<10], as: UTF8.self)) else {
            throw ParameterError("datetime", "\"\(text)\" is not an RFC 3339 date (YYYY-MM-DD) or date-time")
        }
        if characters.count == 10 { return day }
        guard let minutes = utcOffsetMinutes(of: characters[10...]) else {
            throw ParameterError("datetime", "\"\(text)\" is not an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SSZ or with an offset such as +04:00)")
        }
        return CalendarDate(dayNumber: day.dayNumber + Int((Double(minutes) / 1440).rounded(.down)))
    }

    /// `THH:MM:SS[.fraction](Z|±HH:MM)` → the time of day in UTC, in minutes from the local
    /// midnight (negative, or 1440 and more, when the UTC day differs).
    static func utcOffsetMinutes(of rest: ArraySlice<UInt8>) -> Int? {
        let text = Array(rest)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= text.count, text[range].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(String(decoding: text[range], as: UTF8.self))
        }
        guard text.count >= 10, text[0] == UInt8(ascii: "T") || text[0] == UInt8(ascii: "t"), text[3] == UInt8(ascii: ":"), text[6] == UInt8(ascii: ":"),
            let hour = number(1..<3), let minute = number(4..<6), let second = number(7..<9), hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 9
        if text[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < text.count, text[index] >= 48 && text[index] <= 57 { index += 1 }
            if index == start { return nil }
        }
        guard index < text.count else { return nil }
        let local = hour * 60 + minute
        if text[index] == UInt8(ascii: "Z") || text[index] == UInt8(ascii: "z") { return index + 1 == text.count ? local : nil }
        guard text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-"), text.count == index + 6, text[index + 3] == UInt8(ascii: ":"),
            let offsetHours = number(index + 1..<index + 3), let offsetMinutes = number(index + 4..<index + 6), offsetHours < 24, offsetMinutes < 60
        else { return nil }
        let offset = offsetHours * 60 + offsetMinutes
        return text[index] == UInt8(ascii: "+") ? local - offset : local + offset
    }

    static func date(_ value: String, _ name: String) throws(ParameterError) -> CalendarDate {
        guard let date = CalendarDate(value) else { throw ParameterError(name, "\"\(value)\" is not a date (YYYY-MM-DD): \(CalendarDate.problem(with: value))") }
        return date
    }

    /// `minLon,minLat,maxLon,maxLat` in CRS84 (six numbers with heights are taken, heights
    /// ignored). A box whose west edge is east of its east edge crosses the antimeridian.
    static func boundingBox(_ value: String) throws(ParameterError) -> Bounds {
        let numbers = value.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingSpaces) }
        guard numbers.count == 4 || numbers.count == 6, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw ParameterError("bbox", "expects four numbers minLon,minLat,maxLon,maxLat (or six with heights), got \"\(value)\"")
        }
        let values = numbers.map { $0! }
        let (west, south, east, north) = numbers.count == 4 ? (values[0], values[1], values[2], values[3]) : (values[0], values[1], values[3], values[4])
        guard (-180...180).contains(west), (-180...180).contains(east) else { throw ParameterError("bbox", "longitudes must lie within -180 to 180, got \"\(value)\"") }
        guard (-90...90).contains(south), (-90...90).contains(north) else { throw ParameterError("bbox", "latitudes must lie within -90 to 90, got \"\(value)\"") }
        guard south <= north else { throw ParameterError("bbox", "the south edge (\(south)) is north of the north edge (\(north))") }
        return Bounds(minX: west, minY: south, maxX: east, maxY: north)
    }
}

/// A query parameter at fault: its name and what is wrong.
public struct ParameterError: Error, Sendable, Equatable {
    public var name: String
    public var message: String
    public init(_ name: String, _ message: String) { (self.name, self.message) = (name, message) }
    public var response: APIResponse { .badParameter(name, message) }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
