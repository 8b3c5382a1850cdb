import Testing

@testable import FrontlineModel
import TestSupport

@Suite struct CSVTests {
    @Test func parsesQuotedFieldsAndBothLineEnds() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"multi\nline\",\n"
        let rows = try CSV.parse(Array(text.utf8), file: "t.csv")
        #expect(rows == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "multi\nline", ""]])
        #expect(CSV.escape("plain") == "plain")
        #expect(CSV.escape("a,b") == "\"a,b\"")
        #expect(CSV.escape("q\"") == "\"q\"\"\"")
        #expect(throws: DataError.self) { _ = try CSV.parse(Array("\"open".utf8), file: "t.csv") }
    }
}
