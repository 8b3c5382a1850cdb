import FrontlineEngine
import FrontlineModel

/// The viewer's charts of area held over time: one small chart per actor, each on a scale of
/// its own (from a little under its least area to a little over its most, labelled), so that
/// a side holding a tenth of another's area still shows its changes. Areas hold from one date
/// to the next, so each series is drawn as steps; claimed solid, assessed dashed. The time
/// axis is a `TimeAxis` shared by every chart; each has a cursor (`class="cursor"`) that the
/// page moves to the date shown.
struct AreaChart {
    let dates: [CalendarDate]
    let rows: [[TimelineReport.Row]]
    let axis: TimeAxis
    static let width = 420.0, height = 132.0, left = 58.0, right = 12.0, top = 30.0, bottom = 24.0

    init(dates: [CalendarDate], rows: [[TimelineReport.Row]]) {
        self.dates = dates
        self.rows = rows
        axis = TimeAxis(dates: dates, left: Self.left, width: Self.width - Self.left - Self.right)
    }

    func values(_ actor: String, _ layer: Layer) -> [Double] {
        rows.map { rows in
            let row = rows.first { $0.controller == actor }
            return layer == .claimed ? (row?.claimedKm2 ?? 0) : (row?.assessedKm2 ?? 0)
        }
    }

    /// The chart's range: the series' least and most, with a margin; a flat series gets a band
    /// around its value.
    static func domain(_ values: [Double]) -> (low: Double, high: Double) {
        let (least, most) = (values.min() ?? 0, values.max() ?? 0)
        let span = most - least
        if span < max(1, most * 1e-4) {
            let pad = max(1, abs(most) * 0.05)
            return (max(0, least - pad), most + pad)
        }
        return (max(0, least - span * 0.08), most + span * 0.08)
    }

    func svg(for actor: Actor) -> String {
        let n = MapRenderer.n
        let (width, height, left, right, top, bottom) = (Self.width, Self.height, Self.left, Self.right, Self.top, Self.bottom)
        let claimed = values(actor.id, .claimed), assessed = values(actor.id, .assessed)
        let (low, high) = Self.domain(claimed + assessed)
        func y(_ value: Double) -> Double { top + (1 - (value - low) / (high - low)) * (height - top - bottom) }
        var parts = [
            "<svg class=\"chart\" data-actor=\"\(MapRenderer.text(actor.id))\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-size=\"10\" role=\"img\" aria-label=\"\(MapRenderer.text(actor.name)): area held over time\">",
            "<text x=\"\(n(left))\" y=\"13\" font-size=\"12\" font-weight=\"bold\" fill=\"\(actor.color)\">\(MapRenderer.text(actor.name))</text>",
            "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(width - left - right))\" height=\"\(n(height - top - bottom))\" fill=\"#fafafa\" stroke=\"#cccccc\"/>",
        ]
        for value in [low, (low + high) / 2, high] {
            parts.append("<text x=\"\(n(left - 4))\" y=\"\(n(y(value) + 3))\" text-anchor=\"end\" fill=\"#444444\">\(Style.grouped(value))</text>")
        }
        for item in axis.breaks {
            // The axis is cut here: a white gap with two slanted strokes, and how long it stands for.
            let middle = (item.start + item.end) / 2
            parts.append("<rect class=\"break\" x=\"\(n(item.start + 3))\" y=\"\(n(top - 1))\" width=\"\(n(item.end - item.start - 6))\" height=\"\(n(height - top - bottom + 2))\" fill=\"#ffffff\"/>")
            for offset in [-3.0, 3.0] {
                parts.append("<line x1=\"\(n(middle + offset - 3))\" y1=\"\(n(height - bottom + 4))\" x2=\"\(n(middle + offset + 3))\" y2=\"\(n(height - bottom - 4))\" stroke=\"#777777\"/>")
            }
            parts.append("<text x=\"\(n(middle))\" y=\"\(n(top - 4))\" text-anchor=\"middle\" font-size=\"9\" fill=\"#777777\">\(TimeAxis.length(days: item.days))<title>\(item.days) days without a recorded date</title></text>")
        }
        for (series, dash) in [(assessed, " stroke-dasharray=\"5 3\""), (claimed, "")] where !dates.isEmpty {
            // Steps: a value holds until the next date. Across a break the line is interrupted.
            var d = "M\(n(axis.x(0))) \(n(y(series[0])))"
            for index in 1..<dates.count {
                let x = axis.x(index)
                if let item = axis.breaks.first(where: { $0.end == x }) {
                    d += "H\(n(item.start + 3))M\(n(x)) \(n(y(series[index - 1])))V\(n(y(series[index])))"
                } else {
                    d += "H\(n(x))V\(n(y(series[index])))"
                }
            }
            let label = dash.isEmpty ? "claimed" : "assessed"
            parts.append("<path class=\"series \(label)\" d=\"\(d)\" fill=\"none\" stroke=\"\(actor.color)\" stroke-width=\"2\"\(dash)><title>\(MapRenderer.text(actor.name)), \(label)</title></path>")
        }
        for label in axis.labels(characterWidth: 6.1) {
            parts.append("<text x=\"\(n(axis.x(label.index)))\" y=\"\(n(height - 8))\" text-anchor=\"\(label.anchor)\" fill=\"#444444\">\(label.text)</text>")
        }
        parts.append("<line class=\"cursor\" x1=\"\(n(axis.x(0)))\" y1=\"\(n(top))\" x2=\"\(n(axis.x(0)))\" y2=\"\(n(height - bottom))\" stroke=\"#111111\" stroke-width=\"1.5\"/>")
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
