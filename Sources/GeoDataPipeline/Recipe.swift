import Foundation
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// `tools/geodata/recipe.json`: which public sources GeoData comes from and the few curated
/// decisions (mislabel fixes by location, English names, published areas with their sources).
public struct GeoDataRecipe: Decodable, Sendable {
    public struct Source: Decodable, Sendable {
        public var root: String
        public var path: String
        public var layer: String?
        public var title: String
        public var url: String
        public var licence: String
        public var via: String
    }

    public struct Selection: Decodable, Sendable {
        public var iso_a2: String
        public var name: String?
    }

    public struct Rule: Decodable, Sendable {
        public var name: String
        public var iso_a2: String
        /// A place id (from `places`) or `geonames:NAME` that must lie inside the polygon.
        public var containing: String?
        public var id: String
        public var fix: String?
    }

    public struct OfficialArea: Decodable, Sendable {
        public var km2: Double
        public var source: String
        public var other: String?
    }

    public struct PublishedTotal: Decodable, Sendable {
        public var what: String
        public var country: String?
        public var baseline: String?
        public var km2: Double
        public var source: String
        public var other: String?
    }

    public struct Regions: Decodable, Sendable {
        public var select: [Selection]
        public var rules: [Rule]
        public var match_rest_by_iso_name: String
        public var english_names: [String: String]
        public var official_areas: [String: OfficialArea]
        public var published_totals: [PublishedTotal]
    }

    public struct HistoricalRegion: Decodable, Sendable {
        public var id: String
        public var name: String
        public var name_local: String?
        public var level: String
        public var country: String
        public var lines: String
        public var snap_metres: Double
        public var note: String
    }

    public struct Line: Decodable, Sendable {
        public var id: String
        public var name: String
        public var lines: String
        public var date: String
        public var snap_metres: Double
        public var note: String
    }

    public struct Held: Decodable, Sendable {
        public var controller: String
        public var containing: String
        public var note: String
    }

    public struct BaselineRecipe: Decodable, Sendable {
        public var date: String
        public var date_source: String
        public var theatre_country: String
        public var held: [Held]
        public var rest: String
    }

    public struct ActorRecipe: Decodable, Sendable {
        public var id: String
        public var name: String
        public var color: String
        public var note: String?
    }

    public struct Place: Decodable, Sendable {
        public var id: String
        public var name: String
        public var names: [String]?
        public var lat: Double
        public var lon: Double
        public var source: String
        public var geonames: String?
        /// Remarks kept on the settlement (e.g. where the polygons disagree with the source).
        public var note: String?
    }

    /// The Who's On First localities added to the gazetteer (a file committed beside the recipe).
    public struct Localities: Decodable, Sendable {
        public var title: String
        public var url: String
        public var licence: String
        /// The regions (ids) whose places are added: the Karabakh districts, NK's and their neighbours.
        public var regions: [String]
        /// A locality within this distance of a settlement of the same region with a name of
        /// the same key (`PlaceName.key`) is that settlement: its names and ids are added to it.
        public var merge_km: Double
    }

    /// Districts whose polygons come from Who's On First instead of Natural Earth
    /// (`wof_districts`; the polygons committed as tools/geodata/wof-districts.geojson).
    public struct Districts: Decodable, Sendable {
        public struct District: Decodable, Sendable {
            public var id: String
            /// The Who's On First polygons (`wof:id`) dissolved into the district.
            public var wof: [Int]
            public var note: String?
        }
        public var title: String
        public var url: String
        public var licence: String
        public var why: String
        /// The `wof:id` of Who's On First's polygon of the districts' country.
        public var country: Int
        public var districts: [District]
        /// Each district's seat town (a settlement id), to say which polygon contains it.
        public var seats: [String: String]
    }

    /// What GeoData is about (`dataset.json`).
    public struct About: Decodable, Sendable {
        public var title: String
        public var description: String?
        public var attribution: String?
    }

    public var dataset: About?

    /// Area held by one controller at some dates, per region, beside published figures
    /// (QUALITY.md): how far the ledger's maps are from the record.
    public struct HeldByDate: Decodable, Sendable {
        public struct Figure: Decodable, Sendable {
            public var date: String
            /// A region id, or none for the controller's whole area.
            public var region: String?
            public var km2: Double
            public var source: String
        }

        public var controller: String
        public var dates: [String]
        public var regions: [String]
        public var published: [Figure]
        public var note: String?
        /// Why the ledger's figures stand where they do against the published ones.
        public var gap: String?
        /// What stays unlocated and why (no public geometry of it).
        public var unlocated_note: String?
    }

    public var held_by_date: HeldByDate?
    /// SOURCES.md's paragraph on how the ledger was made.
    public var ledger_note: String?
    public var sources: [String: Source]
    public var wof_localities: Localities?
    public var wof_districts: Districts?
    public var regions: Regions
    public var nagorno_karabakh: HistoricalRegion
    public var ceasefire: Line
    public var baseline: BaselineRecipe
    public var actors: [ActorRecipe]
    public var places: [Place]

    /// The recipe at `path`, with the top-level members of each of `extras` added (a block
    /// such as `wof_localities` kept in a file of its own; a member already there is refused).
    public static func load(_ path: String, extras: [String] = []) throws(DataError) -> GeoDataRecipe {
        func object(_ file: String) throws(DataError) -> [String: Any] {
            let bytes = try FileIO.read(file)
            guard let value = try? JSONSerialization.jsonObject(with: Data(bytes)), let members = value as? [String: Any] else {
                throw DataError(file: file, message: "invalid recipe: not a JSON object")
            }
            return members
        }
        var members = try object(path)
        for extra in extras {
            for (key, value) in try object(extra) where key != "comment" {
                guard members[key] == nil else { throw DataError(file: extra, message: "invalid recipe: \"\(key)\" is in \(path) already") }
                members[key] = value
            }
        }
        do {
            return try JSONDecoder().decode(GeoDataRecipe.self, from: try JSONSerialization.data(withJSONObject: members))
        } catch {
            throw DataError(file: path, message: "invalid recipe: \(error)")
        }
    }

    func source(_ key: String) throws(DataError) -> Source {
        guard let source = sources[key] else { throw DataError(file: "recipe", message: "no source \"\(key)\"") }
        return source
    }
}
