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

    struct LayerSeries: Sendable {
        var areas: [[String: Double]]
        var frontline: [[String: Double]]
    }

    public static func rows(_ tracker: Tracker, dates: [CalendarDate]) throws -> [Row] {
        let ordered = Array(Set(dates)).sorted()
        let series = try Parallel.map(Layer.allCases) { layer in try self.series(tracker, layer: layer, dates: ordered) }
        let assessed = series[0], claimed = series[1]
        let actors = tracker.dataset.actors.map(\.id).sorted()
        var rows: [Row] = []
        for (index, date) in ordered.enumerated() {
            let present = Set(actors).union(assessed.areas[index].keys).union(claimed.areas[index].keys).sorted()
            for controller in present {
                rows.append(Row(
                    date: date, controller: controller,
                    assessedKm2: (assessed.areas[index][controller] ?? 0) / 1e6,
                    claimedKm2: (claimed.areas[index][controller] ?? 0) / 1e6,
                    frontlineKm: (claimed.frontline[index][controller] ?? 0) / 1000))
            }
        }
        return rows
    }

    static func series(_ tracker: Tracker, layer: Layer, dates: [CalendarDate]) throws -> LayerSeries {
        var areas: [[String: Double]] = []
        var frontline: [[String: Double]] = []
        try tracker.walk(layer: layer, dates: dates, tracksFrontline: layer == .claimed) { _, state in
            areas.append(state.areaByController)
            frontline.append(state.frontlineByController)
        }
        return LayerSeries(areas: areas, frontline: frontline)
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
