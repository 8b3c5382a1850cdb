import GeoJSON
import Geometry

/// A named area from `regions.geojson`: an admin-1 unit, a city, or a historical entity.
public struct Region: Sendable {
    public var id: String
    public var name: String
    public var country: String
    /// `admin1`, `city`, `historical`, ...
    public var level: String
    public var nameLocal: String?
    public var source: String?
    public var officialAreaKm2: Double?
    public var officialAreaSource: String?
    public var geometry: GeoJSONGeometry

    /// Historical regions (a former oblast) overlap current ones; they are not part of the
    /// partition of the land into current units.
    public var isHistorical: Bool { level == "historical" }

    public init(id: String, name: String, country: String, level: String, geometry: GeoJSONGeometry) {
        self.id = id
        self.name = name
        self.country = country
        self.level = level
        self.geometry = geometry
    }

    /// The region as a `regions.geojson` feature.
    public var feature: Feature {
        var properties = JSONObject()
        properties["name"] = .string(name)
        properties["country"] = .string(country)
        properties["level"] = .string(level)
        if let nameLocal { properties["name_local"] = .string(nameLocal) }
        if let source { properties["source"] = .string(source) }
        if let officialAreaKm2 { properties["official_area_km2"] = .number(officialAreaKm2) }
        if let officialAreaSource { properties["official_area_source"] = .string(officialAreaSource) }
        return Feature(id: .string(id), geometry: geometry, properties: properties)
    }
}

/// A place of the gazetteer (`settlements.geojson`).
public struct Settlement: Sendable {
    public var id: String
    public var name: String
    public var names: [String]
    public var region: String
    public var position: Position
    public var source: String?
    public var note: String?
    /// The place's GeoNames id and Who's On First id, where the gazetteer row comes from them.
    public var geonamesID: Int?
    public var wofID: Int?

    public init(id: String, name: String, names: [String] = [], region: String, position: Position, source: String? = nil) {
        self.id = id
        self.name = name
        self.names = names
        self.region = region
        self.position = position
        self.source = source
    }

    public var feature: Feature {
        var properties = JSONObject()
        properties["name"] = .string(name)
        if !names.isEmpty { properties["names"] = .array(names.map { .string($0) }) }
        properties["region"] = .string(region)
        if let source { properties["source"] = .string(source) }
        if let note { properties["note"] = .string(note) }
        if let geonamesID { properties["geonames_id"] = .number(Double(geonamesID)) }
        if let wofID { properties["wof_id"] = .number(Double(wofID)) }
        return Feature(id: .string(id), geometry: .point(position), properties: properties)
    }
}

/// Someone who can control territory (`actors.json`).
public struct Actor: Sendable, Equatable {
    public var id: String
    public var name: String
    /// `#rrggbb`
    public var color: String
    public var note: String?

    public init(id: String, name: String, color: String, note: String? = nil) {
        self.id = id
        self.name = name
        self.color = color
        self.note = note
    }

    /// The bytes of `actors.json` holding `objects`: an array, one actor per line, so that a
    /// change to one actor is one line of a diff. Every writer of the file uses it.
    public static func fileBytes(_ objects: [JSONValue]) -> [UInt8] {
        var bytes = Array("[\n".utf8)
        for (index, object) in objects.enumerated() {
            JSONWriter.write(object, into: &bytes)
            bytes += Array((index + 1 < objects.count ? ",\n" : "\n").utf8)
        }
        return bytes + Array("]\n".utf8)
    }

    public var json: JSONValue {
        var object = JSONObject(["id": .string(id), "name": .string(name), "color": .string(color)])
        if let note { object["note"] = .string(note) }
        return .object(object)
    }
}

/// The control partition of the theatre at a date (`baseline.geojson`).
public struct Baseline: Sendable {
    public struct Piece: Sendable {
        public var id: String
        public var controller: String
        public var geometry: GeoJSONGeometry
        public var source: String?

        public init(id: String, controller: String, geometry: GeoJSONGeometry, source: String? = nil) {
            self.id = id
            self.controller = controller
            self.geometry = geometry
            self.source = source
        }
    }

    public var date: CalendarDate
    public var pieces: [Piece]
    public var source: String?

    public init(date: CalendarDate, pieces: [Piece], source: String? = nil) {
        self.date = date
        self.pieces = pieces
        self.source = source
    }
}

/// A reference line (`lines.geojson`), such as the 1994 line of contact.
public struct ReferenceLine: Sendable {
    public var id: String
    public var name: String
    public var geometry: GeoJSONGeometry
    public var properties: JSONObject

    public init(id: String, name: String, geometry: GeoJSONGeometry, properties: JSONObject) {
        (self.id, self.name, self.geometry, self.properties) = (id, name, geometry, properties)
    }
}
