import Foundation
import Testing

@testable import FrontlineModel
@testable import FrontlinePresentation

@Suite struct TimeAxisTests {
    func dates(_ texts: [String]) -> [CalendarDate] { texts.map { CalendarDate($0)! } }

    @Test func daysAreEqualWidthsWithoutBreaks() {
        let axis = TimeAxis(dates: dates(["2024-01-01", "2024-01-02", "2024-01-05", "2024-01-11"]), left: 10, width: 100)
        #expect(axis.breaks.isEmpty)
        #expect(axis.positions == [10, 20, 50, 110])
    }

    @Test func aLongQuietIntervalIsABreakOfFixedWidth() {
        // The shipped ledger's shape: a baseline, 26 years, a war of daily claims, then years more.
        let axis = TimeAxis(dates: dates(["1994-05-12", "2020-09-27", "2020-09-28", "2020-10-07", "2020-12-01", "2023-09-20", "2023-10-15"]), left: 0, width: 400)
        #expect(axis.breaks.map(\.days) == [9635, 1023])
        #expect(axis.breaks.allSatisfy { $0.end - $0.start == TimeAxis.breakWidth })
        #expect(TimeAxis.length(days: 9635) == "26 yr" && TimeAxis.length(days: 1023) == "3 yr" && TimeAxis.length(days: 400) == "13 mo")
        // The lone baseline gets a step of its own; within each run a day is one width.
        #expect(axis.positions[0] == 0 && axis.breaks[0].start == TimeAxis.loneWidth && axis.positions[1] == axis.breaks[0].end)
        let perDay = axis.positions[2] - axis.positions[1]
        #expect(abs(axis.positions[3] - axis.positions[1] - 10 * perDay) < 1e-9)
        #expect(abs(axis.positions[6] - axis.positions[5] - 25 * perDay) < 1e-9)
        #expect(abs(axis.positions.last! - 400) < 1e-9)
    }

    @Test func intervalsOfTheUsualSizeAreNotBroken() {
        // Monthly dates over years: no interval is ten times the median.
        let monthly = (2000...2003).flatMap { year in (1...12).map { String(format: "%04d-%02d-01", year, $0) } }
        #expect(TimeAxis(dates: dates(monthly), left: 0, width: 300).breaks.isEmpty)
        // Two dates decades apart: the only interval is the median; nothing to compare it with.
        #expect(TimeAxis(dates: dates(["1994-05-12", "2023-10-15"]), left: 0, width: 300).breaks.isEmpty)
    }

    @Test func labelsNeverOverlap() {
        let war = (27...30).map { "2020-09-\($0)" } + (1...9).map { "2020-10-0\($0)" }
        let axis = TimeAxis(dates: dates(["1994-05-12"] + war + ["2020-12-01", "2022-08-26", "2023-09-20", "2023-10-15"]), left: 58, width: 350)
        #expect(axis.breaks.count == 3)
        let labels = axis.labels(characterWidth: 6.1)
        #expect(labels.contains { $0.text == "2020-09-27" && $0.anchor == "start" } && labels.contains { $0.text == "2020-12-01" && $0.anchor == "end" })
        #expect(labels.contains { $0.text == "1994" } && labels.contains { $0.text == "2022" })
        let spans = labels.map { label -> (Double, Double) in
            let width = Double(label.text.count) * 6.1, x = axis.x(label.index)
            return label.anchor == "start" ? (x, x + width) : label.anchor == "end" ? (x - width, x) : (x - width / 2, x + width / 2)
        }
        for (a, b) in zip(spans, spans.dropFirst()) { #expect(a.1 <= b.0, "\(labels)") }
        #expect(spans.allSatisfy { $0.0 >= 58 - 1e-9 && $0.1 <= 408 + 1e-9 })
    }
}
