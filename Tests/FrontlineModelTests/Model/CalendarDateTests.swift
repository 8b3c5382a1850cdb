import Testing

@testable import FrontlineModel
import TestSupport

@Suite struct CalendarDateTests {
    @Test func parsesRealDatesOnly() {
        #expect(CalendarDate("2020-10-03")?.description == "2020-10-03")
        #expect(CalendarDate("2020-02-29") != nil)
        #expect(CalendarDate("2021-02-29") == nil)
        #expect(CalendarDate("2020-02-30") == nil)
        #expect(CalendarDate("2020-13-01") == nil)
        #expect(CalendarDate("2020-1-01") == nil)
        #expect(CalendarDate("2020-10-03T00:00") == nil)
        #expect(CalendarDate.problem(with: "2020-13-01").contains("no month 13"))
        #expect(CalendarDate.problem(with: "2020-02-30").contains("no day 30"))
        #expect(CalendarDate.problem(with: "3 Oct 2020").contains("YYYY-MM-DD"))
    }

    @Test func dayArithmeticRoundTrips() {
        let start = CalendarDate("1994-05-12")!
        #expect(CalendarDate(dayNumber: start.dayNumber) == start)
        #expect(CalendarDate("1970-01-01")!.dayNumber == 0)
        #expect(start.adding(days: 10_000).description == "2021-09-27")
        #expect(CalendarDate("2020-12-31")!.adding(days: 1).description == "2021-01-01")
        #expect(CalendarDate("2020-09-27")! < CalendarDate("2020-10-03")!)
    }
}
