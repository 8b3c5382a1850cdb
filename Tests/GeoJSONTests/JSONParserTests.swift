import Testing

@testable import GeoJSON

@Suite struct JSONParserTests {
    let parser = JSONParser()

    @Test func parsesScalarsAndStructures() throws {
        let value = try parser.parse(#"{"a":[1,2.5,-3e2,true,false,null,"x\n\u00e9\ud83d\ude00"],"b":{}}"#)
        let object = try #require(value.objectValue)
        let elements = try #require(object["a"]?.arrayElements)
        #expect(elements == [1, 2.5, -300, true, false, nil, "x\né😀"])
        #expect(object["b"] == .object(JSONObject()))
    }

    @Test func numericArraysAreCompactButEqualToGenericArrays() throws {
        let value = try parser.parse("[[1,2],[3,[4,5]],[]]")
        guard case .numbers(let numeric) = value else {
            Issue.record("expected the compact representation, got \(value)")
            return
        }
        #expect(numeric.values == [1, 2, 3, 4, 5])
        #expect(value == .array([[1, 2], [3, [4, 5]], []]))
        #expect(JSONWriter.serialize(value) == "[[1,2],[3,[4,5]],[]]")
    }

    @Test func numbersAreCorrectlyRounded() throws {
        let texts = ["46.12345678901234", "0.1", "5e-324", "1.7976931348623157e308", "123456789012345678901234", "-0.000001234", "39.99999999999999"]
        for text in texts {
            let parsed = try parser.parse(text)
            #expect(parsed == .number(Double(text)!), "\(text)")
        }
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("{", "truncated"),
        ("[1,2", "truncated"),
        ("[1,2,]", "trailing comma"),
        (#"{"a":1,}"#, "trailing comma"),
        ("\u{FEFF}{}", "byte order mark"),
        ("NaN", "NaN is not a JSON number"),
        ("[Infinity]", "Infinity is not a JSON number"),
        ("[-Infinity]", "-Infinity is not a JSON number"),
        ("[1e999]", "number out of range"),
        ("[01]", "leading zeros"),
        ("[1.]", "expected a digit after '.'"),
        ("{'a':1}", "member name in double quotes"),
        (#"{"a" 1}"#, "expected ':'"),
        (#"{"a":1 "b":2}"#, "expected ',' or '}'"),
        (#"["a" "b"]"#, "expected ',' or ']'"),
        (#"{"a":1,"a":2}"#, "duplicate member name \"a\""),
        ("[tru]", "invalid literal"),
        ("[1] x", "after the end of the JSON value"),
        ("\"abc", "unterminated string"),
        ("[\"a\u{01}\"]", "control character"),
        (#"["\x"]"#, "invalid escape sequence"),
        (#"["\ud800"]"#, "lone UTF-16 surrogate"),
        ("// c\n{}", "comments are not allowed"),
    ])
    func rejectsMalformedJSON(text: String, message: String) {
        #expect {
            _ = try parser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.message.contains(message)
        }
    }

    @Test func rejectsInvalidUTF8WithItsOffset() {
        let bytes: [UInt8] = Array(#"{"name":"ab"#.utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        #expect {
            _ = try parser.parse(bytes)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.message.contains("invalid UTF-8") && error.offset == 11 && error.path.description == "name"
        }
    }

    @Test func errorsCarryLineColumnAndPath() {
        let text = "{\"features\": [\n {\"a\": 1},\n {\"b\": [1, 2,, 3]}\n]}"
        #expect {
            _ = try parser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.line == 3 && error.column == 14 && error.path.description == "features[1].b[2]"
        }
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect {
            _ = try parser.parse(text)
        } throws: { error in
            (error as? JSONSyntaxError)?.message.contains("nesting deeper than 512") ?? false
        }
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(throws: JSONSyntaxError.self) { _ = try parser.parse(objects) }
    }
}
