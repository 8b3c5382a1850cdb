import Testing

@testable import GeoJSON

@Suite struct JSONWriterTests {
    @Test func sortsKeysByBytesAndFormatsNumbersShortest() {
        let value: JSONValue = ["b": 1, "a": [0.1, 2.0, -0.0, 1e20, 1e-7, 123456789012345.0], "Z": "é\"\n"]
        #expect(JSONWriter.serialize(value) == #"{"Z":"é\"\n","a":[0.1,2,0,1e+20,1e-07,123456789012345],"b":1}"#)
    }

    @Test func roundTripsEveryDouble() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let number = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
            let text = JSONWriter.formatNumber(number)
            let back = try JSONParser().parse(text)
            #expect(back == .number(number), "\(number) -> \(text)")
        }
    }

    @Test func roundsOnlyWhenAskedTo() {
        #expect(JSONWriter.formatNumber(46.123456789) == "46.123456789")
        #expect(JSONWriter.formatNumber(46.123456789, decimals: 6) == "46.123457")
        #expect(JSONWriter.formatNumber(46.5, decimals: 0) == "47")
    }

    @Test func stringsAreEscaped() {
        #expect(JSONWriter.quoted("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"")
        #expect(JSONWriter.quoted("Şuşa") == "\"Şuşa\"")
    }
}
