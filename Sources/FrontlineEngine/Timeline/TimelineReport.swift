import FrontlineModel
import GeoJSON
import Geometry

/// Per date and controller: controlled area in both layers and the length of frontline it
/// borders (in the claimed layer). Built in one pass per layer (the two layers in parallel),
/// from the running totals the control state keeps as each claim applies: no date needs a
/// union of the whole theatre.
public enum TimelineReport {
    public static let columns = [
        Report.Column("date"), Report.Column("controller"), Report.Column("assessed_km2", decimals: 1),
        Report.Column("claimed_km2", decimals: 1), Report.Column("frontline_km", decimals: 1),
    ]

    public struct Row: Sendable {
        public var date: CalendarDate
        public var controller: String
        public var assessedKm2: Double
        public var claimedKm2: Double
        public var frontlineKm: Double
    }

    /// One date's running totals: area per controller in each layer (m²) and the frontline each
    /// controller borders in the claimed layer (m).
    public struct Totals: Sendable {
        public var date: CalendarDate
        public var assessed: [String: Double]
        public var claimed: [String: Double]
        public var frontline: [String: Double]

        /// From the moments of one date (`claimed` tracking its frontline): a state's running
        /// totals, or a checkpoint's own (`Tracker.totals(of:)`).
        public init(date: CalendarDate, assessed: Tracker.Moment, claimed: Tracker.Moment, tracker: Tracker) {
            let claimedTotals = tracker.totals(of: claimed, tracksFrontline: true)
            self.init(date: date, assessed: tracker.totals(of: assessed, tracksFrontline: false).areas, claimed: claimedTotals.areas, frontline: claimedTotals.frontline)
        }

        init(date: CalendarDate, assessed: [String: Double], claimed: [String: Double], frontline: [String: Double]) {
            (self.date, self.assessed, self.claimed, self.frontline) = (date, assessed, claimed, frontline)
        }
    }

    /// The rows for `dates` (each once, in order): one walk per layer, the two in parallel. A
    /// date whose state is a checkpoint alone (a tracker's day) is measured from the checkpoint's
    /// area, without building the state.
    public static func rows(_ tracker: Tracker, dates: [CalendarDate], progress: ProgressHandler? = nil) throws -> [Row] {
        let ordered = Array(Set(dates)).sorted()
        // Both layers walk at once; each date of each is one step.
        let counter = ProgressCounter("dates", total: 2 * ordered.count, handler: progress)
        typealias Figures = (areas: [String: Double], frontline: [String: Double])
        typealias Walk = (figures: [Figures?], checkpoints: [(index: Int, moment: Tracker.Moment)])
        // The claimed layer's checkpoints are known before its walk: their frontlines (a
        // tracker's day each, measured along its whole area with `SharedBorder`) are measured on
        // the cores the walks leave, the claimed walk first as it is the longer.
        let layers: [Layer] = [.claimed, .assessed]
        let alone = tracker.checkpointsAlone(layer: .claimed, dates: ordered)
        let tasks = try Parallel.map(Array(0..<(layers.count + alone.count))) { task -> (walk: Walk?, away: Double?) in
            guard task < layers.count else { return (nil, tracker.frontlineAway(of: tracker.resolved[alone[task - layers.count]])) }
            let layer = layers[task]
            var figures: [Figures?] = []
            var checkpoints: [(index: Int, moment: Tracker.Moment)] = []
            try tracker.walkMoments(layer: layer, dates: ordered, tracksFrontline: layer == .claimed, lazy: true) { _, moment in
                if moment.state == nil {
                    checkpoints.append((figures.count, moment))
                    figures.append(nil)
                } else {
                    figures.append(tracker.totals(of: moment, tracksFrontline: layer == .claimed))
                    counter.step()
                }
            }
            return (walk: (figures: figures, checkpoints: checkpoints), away: nil)
        }
        let measured = Dictionary(zip(alone, tasks[layers.count...]).compactMap { position, task in task.away.map { (-1 - position, $0) } },
                                  uniquingKeysWith: { a, _ in a })
        let walks = Layer.allCases.map { layer in tasks[layers.firstIndex(of: layer)!].walk! }
        // The rest (checkpoints of the assessed layer: areas only) from the checkpoint's figures.
        let pending = Layer.allCases.indices.flatMap { layer in walks[layer].checkpoints.map { (layer: layer, index: $0.index, moment: $0.moment) } }
        let figures = try Parallel.map(pending) { item in
            defer { counter.step() }
            return tracker.totals(of: item.moment, tracksFrontline: Layer.allCases[item.layer] == .claimed, measured: measured)
        }
        var series = walks.map(\.figures)
        for (item, figures) in zip(pending, figures) { series[item.layer][item.index] = figures }
        let totals = ordered.indices.map { index in
            Totals(date: ordered[index], assessed: series[0][index]!.areas, claimed: series[1][index]!.areas, frontline: series[1][index]!.frontline)
        }
        return rows(totals, actors: tracker.actors.map(\.id))
    }

    /// The rows of totals already taken, one date after another: a row per controller that is an
    /// actor or holds area.
    public static func rows(_ totals: [Totals], actors: [String]) -> [Row] {
        var rows: [Row] = []
        for total in totals {
            for controller in Set(actors).union(total.assessed.keys).union(total.claimed.keys).sorted() {
                rows.append(Row(
                    date: total.date, controller: controller,
                    assessedKm2: (total.assessed[controller] ?? 0) / 1e6,
                    claimedKm2: (total.claimed[controller] ?? 0) / 1e6,
                    frontlineKm: (total.frontline[controller] ?? 0) / 1000))
            }
        }
        return rows
    }

    public static func report(_ rows: [Row]) -> Report {
        Report(columns: columns, rows: rows.map { row in
            JSONObject([
                "date": .string(row.date.description), "controller": .string(row.controller),
                "assessed_km2": .number(row.assessedKm2), "claimed_km2": .number(row.claimedKm2),
                "frontline_km": .number(row.frontlineKm),
            ])
        })
    }
}
