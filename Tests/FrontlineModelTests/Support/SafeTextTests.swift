import Testing

@testable import FrontlineModel

/// The one place each for text that reaches a terminal, a spreadsheet or a page.
@Suite struct SafeTextTests {
    @Test func diagnosticsAreAlwaysOneLine() {
        #expect("plain id".oneLine == "plain id")
        #expect("a\nb\r\tc\u{1B}[31m\u{2028}".oneLine == #"a\nb\r\tc\u{1B}[31m\u{2028}"#)
        let diagnostic = Diagnostic(file: "f.geojson", featureIndex: 0, featureID: "x\nf.geojson: forged", message: "bad")
        #expect(!diagnostic.description.contains("\n"))
        #expect(diagnostic.description == #"f.geojson: feature 0 (x\nf.geojson: forged): bad"#)
    }

    @Test func csvNeutralisesFormulasButNotNumbers() {
        #expect(CSV.escape("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.escape("+1+2") == "'+1+2")
        #expect(CSV.escape("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.escape("\tx") == "'\tx")
        #expect(CSV.escape("-12.5") == "-12.5")
        #expect(CSV.escape("-1e-9") == "-1e-9")
        #expect(CSV.escape("-") == "'-")
        #expect(CSV.escape("AZ") == "AZ")
    }

    @Test func onlyWebAndMailLinksAreLinkable() {
        for url in ["https://example.org/a", "HTTP://x", "mailto:desk@example.org"] { #expect(LinkPolicy.isLinkable(url), "\(url)") }
        for url in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "//example.org", "file:///etc/passwd", "no scheme"] {
            #expect(!LinkPolicy.isLinkable(url), "\(url)")
        }
    }

    @Test func sha256FedInPiecesEqualsTheWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) { hasher.update(Array(bytes[chunk..<min(chunk + 37, bytes.count)])) }
        #expect(hasher.hexDigest() == SHA256.hex(bytes))
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
