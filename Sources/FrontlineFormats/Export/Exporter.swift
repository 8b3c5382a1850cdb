import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// `frontline export`: a folder with a snapshot per date (`YYYY-MM-DD.<ext>`), one combined
/// time-enabled file (`timeline.<ext>`, every feature with `date`, `valid_from`, `valid_to` for
/// QGIS's Temporal Controller, kepler.gl and Google Earth), `timeline.csv`, optionally the
/// `index.html` viewer, and `index.json` listing every file with its date and SHA-256. The set
/// is built in a hidden folder and swapped in at once.
public struct Exporter {
    public var tracker: Tracker
    public var dates: [CalendarDate]
    public var layer: Layer = .claimed
    public var precision: Int?
    public var format: FeatureFormat = .geojson
    /// Also write the self-contained `index.html` timeline viewer.
    public var html = false
    /// Write an export however large; without it, one of more than `fileLimit` files or
    /// `byteLimit` bytes is refused (a range such as `--every 1d` over decades is seldom meant).
    public var force = false
    /// Told of each snapshot built, map drawn and file written (stages "snapshots", "maps", "files").
    public var progress: ProgressHandler?
    public static let fileLimit = 1_000
    public static let byteLimit = 1 << 30

    /// The files the export writes: a snapshot per date, the combined file, timeline.csv,
    /// index.json and, with `html`, index.html.
    public var fileCount: Int { dates.count + 3 + (html ? 1 : 0) }

    public init(tracker: Tracker, dates: [CalendarDate]) {
        self.tracker = tracker
        self.dates = Array(Set(dates)).sorted()
    }

    public struct Summary: Sendable {
        public var files: Int
        public var timeline: [TimelineReport.Row]
        /// What a format could not hold, one line per file (`FormatDriver.omissions`).
        public var omissions: [String] = []
    }

    /// The name of the combined file; for CSV, `timeline.csv` is the area table.
    var combinedName: String { format == .csv ? "timeline-features.csv" : "timeline.\(format.fileExtension)" }

    /// The snapshot and the timeline totals of every date, from one walk of both layers. The
    /// states of the dates where something changed are kept, then their snapshots are built in
    /// parallel; dates where nothing changed reuse the previous features.
    func snapshots() throws -> (snapshots: [Snapshot], totals: [TimelineReport.Totals]) {
        struct Moment: Sendable {
            var date: CalendarDate
            var assessed: Tracker.Moment
            var claimed: Tracker.Moment
            var key: [Int]
        }
        let tracker = self.tracker
        var moments: [Moment] = []
        var totals: [TimelineReport.Totals] = []
        // Lazily: a tracker's day is a checkpoint alone, whose controls need no state.
        try tracker.walkBothMoments(dates: dates, tracksFrontline: true, lazy: true) { date, assessed, claimed in
            if totals.last?.date != date { totals.append(TimelineReport.Totals(date: date, assessed: assessed, claimed: claimed, tracker: tracker)) }
            moments.append(Moment(date: date, assessed: assessed, claimed: claimed, key: [assessed.key, claimed.key, tracker.claims(layer: self.layer, upTo: date).count]))
        }
        var distinct: [Int] = []
        for index in moments.indices where index == 0 || moments[index].key != moments[index - 1].key { distinct.append(index) }
        // A layer's state often stays put while the other's moves: its control geometries (the
        // dearest part of a snapshot) are made once per partition.
        var states: [(layer: Layer, key: Int, moment: Tracker.Moment)] = []
        var seen: Set<[Int]> = []
        for index in distinct {
            for (layer, moment) in [(Layer.assessed, moments[index].assessed), (.claimed, moments[index].claimed)]
            where seen.insert(Self.cacheKey(layer, moment)).inserted {
                states.append((layer, moment.key, moment))
            }
        }
        let kept = states
        let controlsList = try Parallel.map(Array(kept.indices)) { try tracker.controls(of: kept[$0].moment) }
        var controls: [[Int]: ControlState.Controls] = [:]
        for (index, state) in states.enumerated() { controls[Self.cacheKey(state.layer, state.moment)] = controlsList[index] }
        let builder = SnapshotBuilder(tracker: tracker)
        let layer = layer
        let counter = ProgressCounter("snapshots", total: distinct.count, handler: progress)
        let keptMoments = moments
        let keptControls = controls
        let built = try Parallel.map(distinct) { index in
            let moment = keptMoments[index]
            defer { counter.step() }
            return try builder.snapshot(
                date: moment.date, assessed: moment.assessed, claimed: moment.claimed, options: .init(layer: layer),
                assessedControls: keptControls[Self.cacheKey(.assessed, moment.assessed)], claimedControls: keptControls[Self.cacheKey(.claimed, moment.claimed)])
        }
        var snapshots: [Snapshot] = []
        var current = -1
        for (index, moment) in moments.enumerated() {
            if let position = distinct.firstIndex(of: index) { current = position }
            var snapshot = built[current]
            snapshot.date = moment.date
            snapshots.append(snapshot)
        }
        return (snapshots, totals)
    }

    /// A layer's partition: a checkpoint alone is the same in both layers.
    static func cacheKey(_ layer: Layer, _ moment: Tracker.Moment) -> [Int] {
        moment.checkpoint != nil && moment.state == nil ? [2, moment.key] : [layer == .assessed ? 0 : 1, moment.key]
    }

    /// The viewer: a map per date (drawn in parallel over one background of regions), per date
    /// the claims that took effect since the one before, and the first view framed on where
    /// control changed.
    func page(_ snapshots: [Snapshot], timeline: [TimelineReport.Row]) throws -> TimelinePage {
        var renderer = MapRenderer()
        renderer.width = 900
        // Finer than a printed map's pixel: the page zooms in.
        renderer.simplifyPixels = 0.35
        renderer.interactive = true
        let background = try renderer.background(tracker: tracker)
        let (tracker, base) = (self.tracker, renderer)
        let counter = ProgressCounter("maps", total: snapshots.count, handler: progress)
        let maps = try Parallel.map(Array(snapshots.indices)) { index in
            defer { counter.step() }
            var renderer = base
            renderer.idPrefix = "m\(index)-"
            return try renderer.svg(snapshot: snapshots[index], tracker: tracker, background: background)
        }
        var entries: [TimelinePage.Entry] = []
        var previous: CalendarDate?
        for (index, snapshot) in snapshots.enumerated() {
            let date = snapshot.date
            let claims = tracker.resolved.filter { item in
                item.claim.isIn(layer) && item.claim.date <= date && (previous.map { item.claim.date > $0 } ?? true)
            }
            entries.append(TimelinePage.Entry(date: date, svg: maps[index], rows: timeline.filter { $0.date == date }, claims: claims))
            previous = date
        }
        let theatre = tracker.resolver.theatre
        let changing = try MapRenderer.changedBounds(snapshots, tracker: tracker, layer: layer).map { try renderer.viewBox(of: $0, theatre: theatre) } ?? renderer.mapBox(theatre: theatre)
        let view = TimelinePage.MapView(full: try renderer.mapBox(theatre: theatre), changing: changing, metresPerUnit: try renderer.metresPerUnit(theatre: theatre))
        var names: [String: String] = [:]
        for region in tracker.dataset.regions { names[region.id] = region.name }
        for settlement in tracker.dataset.settlements { names[settlement.id] = settlement.name }
        return TimelinePage(
            entries: entries, actors: tracker.actors, layer: layer, view: view, info: tracker.dataset.info,
            names: names, lines: tracker.dataset.lines.map(\.name))
    }

    /// Writes the set into `directory` (through a symbolic link to its target), replacing what
    /// was there only once all is written, and only when that was an export too (see
    /// `checkReplaceable`). Each file is written as soon as it is encoded, and the combined
    /// GeoJSON feature by feature, so that memory holds the distinct snapshots, not every file.
    public func write(to directory: String) throws -> Summary {
        let directory = try OutputPath.followingLinks(directory)
        try Self.checkReplaceable(directory)
        if !force && fileCount > Self.fileLimit {
            throw UsageError("export would write \(fileCount) files for \(dates.count) dates (more than \(Self.fileLimit)): give --force to write them all, or fewer dates (--from, --to, --every)")
        }
        // timeline.csv is exactly `frontline timeline` over the same dates.
        let (snapshots, totals) = try self.snapshots()
        let timeline = TimelineReport.rows(totals, actors: tracker.actors.map(\.id))
        let staging = try AtomicFolder.makeStaging(for: directory)
        do {
            var entries: [String: JSONValue] = [:]
            var written = 0
            func record(_ name: String, bytes: Int, sha256: String) throws {
                written += bytes
                if !force && written > Self.byteLimit {
                    throw UsageError("export passed \(Self.byteLimit >> 30) GB after \(entries.count + 1) of \(fileCount) files (nothing was written): give --force to write it all, or fewer dates (--from, --to, --every)")
                }
                var entry = JSONObject(["name": .string(name), "sha256": .string(sha256), "bytes": .number(Double(bytes))])
                if let date = CalendarDate(String(name.prefix(10))), name.dropFirst(10).hasPrefix(".") { entry["date"] = .string(date.description) }
                entries[name] = .object(entry)
            }
            let counter = ProgressCounter("files", total: fileCount, handler: progress)
            func put(_ name: String, _ bytes: [UInt8]) throws {
                defer { counter.step() }
                try AtomicFile.write(bytes, to: staging + "/" + name)
                try record(name, bytes: bytes.count, sha256: SHA256.hex(bytes))
            }
            var omissions: [String] = []
            func put(_ name: String, _ table: FeatureTable) throws {
                let table = try table.prepared(decimals: precision)
                omissions += format.driver.omissions(table, file: name)
                if let bytes = try format.driver.encode(table, precision: precision) { return try put(name, bytes) }
                try format.driver.write(table, to: staging + "/" + name, precision: precision)
                let bytes = try FileIO.read(staging + "/" + name)
                try record(name, bytes: bytes.count, sha256: SHA256.hex(bytes))
                counter.step()
            }
            for snapshot in snapshots { try put("\(snapshot.date).\(format.fileExtension)", FeatureTable(snapshot)) }
            if format == .geojson {
                let stream = try streamCombined(snapshots, to: staging + "/" + combinedName)
                try record(combinedName, bytes: stream.byteCount, sha256: stream.sha256)
                counter.step()
            } else {
                try put(combinedName, FeatureTable(timeline: snapshots, layer: layer, dates: dates, actors: tracker.actors))
            }
            try put("timeline.csv", Array(TimelineReport.report(timeline).csv().utf8))
            if html { try put("index.html", Array(try page(snapshots, timeline: timeline).html().utf8)) }
            var index: [UInt8] = []
            JSONWriter.write(.object(JSONObject([
                "layer": .string(layer.rawValue), "format": .string(format.rawValue),
                "dates": .array(dates.map { .string($0.description) }), "files": .array(entries.keys.sorted().map { entries[$0]! }),
            ])), into: &index)
            index.append(0x0A)
            try AtomicFile.write(index, to: staging + "/index.json")
            counter.step()
            try AtomicFolder.commit(staging, to: directory)
            return Summary(files: entries.count + 1, timeline: timeline, omissions: omissions)
        } catch {
            AtomicFolder.removeTree(staging)
            throw error
        }
    }

    /// The combined GeoJSON written date by date: the same bytes as encoding the whole
    /// timeline table, without holding it.
    func streamCombined(_ snapshots: [Snapshot], to path: String) throws -> AtomicFile.Stream {
        let driver = GeoJSONDriver()
        let (head, tail) = try driver.frame(metadata: FeatureTable.timelineMetadata(layer: layer, dates: dates), precision: precision)
        let stream = try AtomicFile.Stream(path)
        try stream.append(head)
        var first = true
        for (index, snapshot) in snapshots.enumerated() {
            var chunk: [UInt8] = []
            for item in FeatureTable.timelineFeatures(snapshot, next: index + 1 < snapshots.count ? snapshots[index + 1].date : nil) {
                chunk += driver.encodeFeature(try item.prepared(decimals: precision).feature, first: first, precision: precision)
                first = false
            }
            try stream.append(chunk)
        }
        if !first { try stream.append([0x0A]) }
        try stream.append(tail)
        try stream.commit()
        return stream
    }

    /// An export replaces its folder whole, so the folder must be new, empty, or an earlier
    /// export: one whose `index.json` lists every file in it. Any other folder (a data folder,
    /// a home folder, `claims/`) is refused with what it holds, and nothing is touched.
    public static func checkReplaceable(_ directory: String) throws(AtomicFile.WriteError) {
        guard FileIO.exists(directory) else { return }
        guard FileIO.isDirectory(directory) else { throw AtomicFile.WriteError(path: directory, reason: "exists and is not a folder") }
        let names: [String]
        do { names = try FileIO.listDirectory(directory) } catch { throw AtomicFile.WriteError(path: directory, reason: "cannot list it: \(error)") }
        guard !names.isEmpty else { return }
        var listed: Set<String> = ["index.json"]
        if let bytes = try? FileIO.read(directory + "/index.json"), let index = try? JSONParser().parse(bytes),
            let files = index.objectValue?["files"]?.arrayElements, index.objectValue?["format"] != nil
        {
            for file in files { if let name = file.objectValue?["name"]?.stringValue { listed.insert(name) } }
        } else {
            listed = []
        }
        let foreign = names.filter { !listed.contains($0) }
        guard foreign.isEmpty else {
            let shown = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
            let what = listed.isEmpty ? "is not a Frontline export (no index.json)" : "holds files its index.json does not list"
            throw AtomicFile.WriteError(path: directory, reason: "\(what): \(shown); an export replaces its whole folder, so choose a new or empty folder")
        }
    }
}
