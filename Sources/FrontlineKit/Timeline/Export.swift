import GeoJSON
import Geometry

/// `frontline export`: a folder with a snapshot per date (`YYYY-MM-DD.geojson`), one combined
/// time-enabled file (`timeline.geojson`, every feature with `date`, `valid_from`, `valid_to`
/// for QGIS's Temporal Controller and kepler.gl), `timeline.csv`, and `index.json` listing every
/// file with its date and SHA-256. The set is built in a hidden folder and swapped in at once.
public struct Exporter {
    public var tracker: Tracker
    public var dates: [CalendarDate]
    public var layer: Layer = .claimed
    public var precision: Int?

    public init(tracker: Tracker, dates: [CalendarDate]) {
        self.tracker = tracker
        self.dates = Array(Set(dates)).sorted()
    }

    public struct Summary: Sendable {
        public var files: Int
        public var timeline: [TimelineReport.Row]
    }

    /// The files of the export, name → bytes, computed without touching the disk.
    public func files() throws -> (files: [(String, [UInt8])], timeline: [TimelineReport.Row]) {
        let builder = SnapshotBuilder(tracker: tracker)
        let encoder = GeoJSONEncoder(precision: precision)
        var snapshots: [(CalendarDate, FeatureCollection)] = []
        // Between dates where nothing happens the features are the same: built once, re-dated.
        var last: (version: Int, claims: Int, collection: FeatureCollection)?
        try tracker.walk(layer: layer, dates: dates) { date, state in
            let claims = tracker.claims(layer: layer, upTo: date).count
            var collection: FeatureCollection
            if let last, last.version == state.version, last.claims == claims {
                collection = last.collection
                collection.foreignMembers["date"] = .string(date.description)
            } else {
                collection = try builder.collection(date: date, state: state, options: .init(layer: layer))
            }
            last = (state.version, claims, collection)
            snapshots.append((date, collection))
        }
        var files: [(String, [UInt8])] = []
        var combined: [Feature] = []
        for (index, (date, snapshot)) in snapshots.enumerated() {
            files.append(("\(date).geojson", encoder.encode(snapshot)))
            let validTo = index + 1 < snapshots.count ? snapshots[index + 1].0 : date.adding(days: 1)
            for var feature in snapshot.features {
                feature.properties?["date"] = .string(date.description)
                feature.properties?["valid_from"] = .string(date.description)
                feature.properties?["valid_to"] = .string(validTo.description)
                if let id = feature.id { feature.id = .string("\(date)/\(id)") }
                combined.append(feature)
            }
        }
        files.append(("timeline.geojson", encoder.encode(FeatureCollection(features: combined, foreignMembers: JSONObject([
            "layer": .string(layer.rawValue),
            "dates": .array(dates.map { .string($0.description) }),
            "note": "valid_to is exclusive: a feature holds from valid_from up to the day before valid_to",
        ])))))
        let timeline = try TimelineReport.rows(tracker, dates: dates)
        files.append(("timeline.csv", Array(TimelineReport.report(timeline).csv().utf8)))
        var entries: [JSONValue] = []
        for (name, bytes) in files.sorted(by: { $0.0 < $1.0 }) {
            var entry = JSONObject(["name": .string(name), "sha256": .string(SHA256.hex(bytes)), "bytes": .number(Double(bytes.count))])
            if let date = CalendarDate(String(name.prefix(10))), name.hasSuffix(".geojson"), name.count == 18 {
                entry["date"] = .string(date.description)
            }
            entries.append(.object(entry))
        }
        var index: [UInt8] = []
        JSONWriter.write(.object(JSONObject([
            "layer": .string(layer.rawValue), "dates": .array(dates.map { .string($0.description) }), "files": .array(entries),
        ])), into: &index)
        index.append(0x0A)
        files.append(("index.json", index))
        return (files, timeline)
    }

    /// Writes the set into `directory`, replacing what was there only once all is written.
    public func write(to directory: String) throws -> Summary {
        let (files, timeline) = try self.files()
        let staging = try AtomicFolder.makeStaging(for: directory)
        do {
            for (name, bytes) in files {
                try AtomicFile.write(bytes, to: staging + "/" + name)
            }
            try AtomicFolder.commit(staging, to: directory)
        } catch {
            AtomicFolder.removeTree(staging)
            throw error
        }
        return Summary(files: files.count, timeline: timeline)
    }
}
