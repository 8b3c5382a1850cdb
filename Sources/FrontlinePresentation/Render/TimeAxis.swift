import FrontlineModel

/// A time axis proportional to dates, for a chart `width` wide starting at `left`: a day is
/// the same width wherever it falls, except across a long interval without a date (over a
/// year, and over ten times the median interval: 1994 to the 2020 war), which is drawn as a
/// break of fixed width, marked and labelled with its length, so that 26 quiet years do not
/// squeeze a 44-day war into a few pixels, nor look as long as one day.
public struct TimeAxis: Sendable {
    public struct Break: Sendable, Equatable {
        /// Where the break is drawn: from `start` to `end` on the axis.
        public var start: Double
        public var end: Double
        /// The interval it stands for, in days.
        public var days: Int
    }

    public let dates: [CalendarDate]
    /// Each date's position, in the order of `dates`.
    public let positions: [Double]
    public let breaks: [Break]
    public let left: Double
    public let width: Double

    public static let breakWidth = 26.0
    /// The width of a run of one date between breaks.
    public static let loneWidth = 14.0
    public static let breakMinimumDays = 366

    /// `dates` sorted and distinct.
    public init(dates: [CalendarDate], left: Double, width: Double) {
        self.dates = dates
        self.left = left
        self.width = width
        let gaps = zip(dates, dates.dropFirst()).map { $1.dayNumber - $0.dayNumber }
        let median = gaps.sorted().dropFirst(gaps.count / 2).first ?? 0
        let broken = gaps.map { $0 >= Self.breakMinimumDays && $0 > 10 * median }
        // Runs of dates between breaks; a run of one date gets a little width of its own, so
        // that its value shows as a step, not as a point.
        var runs: [(first: Int, days: Int)] = dates.isEmpty ? [] : [(0, 0)]
        for (index, gap) in gaps.enumerated() {
            if broken[index] { runs.append((index + 1, 0)) } else { runs[runs.count - 1].days += gap }
        }
        let breakCount = runs.count - 1
        let proportionalDays = runs.reduce(0) { $0 + $1.days }
        let lone = runs.filter { $0.days == 0 }.count
        let breakWidth = min(Self.breakWidth, width / Double(max(breakCount, 1)) / 3)
        let loneWidth = proportionalDays > 0 ? min(Self.loneWidth, width / Double(max(lone, 1)) / 3) : (width - breakWidth * Double(breakCount)) / Double(max(lone, 1))
        let perDay = proportionalDays > 0 ? (width - breakWidth * Double(breakCount) - loneWidth * Double(lone)) / Double(proportionalDays) : 0
        var x = left
        var positions: [Double] = []
        var breaks: [Break] = []
        for (number, run) in runs.enumerated() {
            let end = number + 1 < runs.count ? runs[number + 1].first : dates.count
            for index in run.first..<end { positions.append(x + Double(dates[index].dayNumber - dates[run.first].dayNumber) * perDay) }
            x += run.days == 0 ? loneWidth : Double(run.days) * perDay
            if end < dates.count {
                breaks.append(Break(start: x, end: x + breakWidth, days: gaps[end - 1]))
                x += breakWidth
            }
        }
        self.positions = positions
        self.breaks = breaks
    }

    /// The position of `date` (one of `dates`).
    public func x(_ index: Int) -> Double { positions[index] }

    /// A break's length, short: "26 yr", "14 mo".
    public static func length(days: Int) -> String {
        let years = Double(days) / 365.25
        if years >= 2 { return "\(Int(years.rounded())) yr" }
        return "\(Int((Double(days) / 30.44).rounded())) mo"
    }

    /// A date written under the axis: its index, its text (the year alone for a run of one
    /// date), and how the text is anchored at the date's position.
    public struct Label: Sendable, Equatable {
        public var index: Int
        public var text: String
        public var anchor: String
    }

    /// The dates labelled under the axis, none overlapping another (texts `characterWidth`
    /// wide a character): first the ends of the widest run, then the first and last dates,
    /// then the ends of the other runs.
    public func labels(characterWidth: Double) -> [Label] {
        guard !dates.isEmpty else { return [] }
        var runs: [(first: Int, last: Int)] = []
        var start = 0
        for index in dates.indices.dropFirst() where breaks.contains(where: { $0.end == positions[index] }) {
            runs.append((start, index - 1))
            start = index
        }
        runs.append((start, dates.count - 1))
        let widest = runs.max { positions[$0.last] - positions[$0.first] < positions[$1.last] - positions[$1.first] }!
        var order = [widest.first, widest.last, 0, dates.count - 1]
        for run in runs { order += [run.first, run.last] }
        var taken: [(Double, Double)] = []
        var labels: [Label] = []
        for index in order where !labels.contains(where: { $0.index == index }) {
            let lone = runs.contains { $0.first == index && $0.last == index } && runs.count > 1
            let text = lone ? "\(dates[index].year)" : dates[index].description
            let textWidth = Double(text.count) * characterWidth
            let x = positions[index]
            // A run's first date is written into the run, and so is its last; a lone date centred.
            let isFirst = runs.contains { $0.first == index }, isLast = runs.contains { $0.last == index }
            var anchor = lone || (isFirst == isLast) ? "middle" : (isFirst ? "start" : "end")
            if anchor == "middle" && x - textWidth / 2 < left { anchor = "start" }
            if anchor != "end" && x + (anchor == "start" ? textWidth : textWidth / 2) > left + width { anchor = "end" }
            let from = anchor == "start" ? x : (anchor == "end" ? x - textWidth : x - textWidth / 2)
            let span = (from - 3, from + textWidth + 3)
            if taken.contains(where: { $0.0 < span.1 && span.0 < $0.1 }) { continue }
            taken.append(span)
            labels.append(Label(index: index, text: text, anchor: anchor))
        }
        return labels.sorted { $0.index < $1.index }
    }
}
