import Foundation
import GeoJSON
import Testing

@testable import FrontlineModel
import TestSupport

@Suite struct ClaimsLedgerTests {
    /// Every field is checked and every problem reported at once, with file, feature and path.
    @Test func reportsEveryProblemOfEveryClaim() throws {
        let bad: [Feature] = [
            GridFixture.claim("ok", "2000-02-01", "AZ"),
            GridFixture.claim("ok", "2000-02-01", "AZ"),  // duplicate id
            GridFixture.claim("bad-date", "2000-02-30", "AZ"),
            GridFixture.claim("bad-month", "2000-13-01", "AZ"),
            GridFixture.claim("early", "1999-12-31", "AZ"),
            GridFixture.claim("who", "2000-02-01", "XX"),
            GridFixture.claim("status", "2000-02-01", "AZ", status: "rumoured"),
            GridFixture.claim("region", "2000-02-01", "AZ", region: "R9"),
            GridFixture.claim("extent", "2000-02-01", "AZ", region: "R1", extent: "most"),
            GridFixture.claim("place", "2000-02-01", "AZ", settlements: ["s1", "atlantis"]),
            GridFixture.claim("line", "2000-02-01", "AZ", geometry: .lineString(PositionList([(46, 39), (47, 40)]))),
            GridFixture.claim("bowtie", "2000-02-01", "AZ", geometry: .polygon([PositionList([(46, 39), (47, 40), (47, 39), (46, 40), (46, 39)])])),
            Feature(id: "no-source", geometry: nil, properties: JSONObject(["date": "2000-02-01", "controller": "AZ", "claimant": "x", "status": "claimed", "source": ["publisher": "nobody"]])),
            Feature(id: .number(7), geometry: nil, properties: JSONObject(["controller": "AZ"])),
        ]
        let folder = try GridFixture.write(claims: bad)
        let dataset = try Dataset.load(folder.path)
        let file = folder.appendingPathComponent("claims/test.geojson").path
        #expect {
            _ = try ClaimsLedger.load(files: [file], dataset: dataset)
        } throws: { error in
            let lines = (error as! DataError).diagnostics.map { $0.description.replacingOccurrences(of: file + ": ", with: "") }
            let expected = [
                "feature 1 (ok): features[1].id: duplicate claim id \"ok\" (also feature 0)",
                "feature 2 (bad-date): features[2].properties.date: \"2000-02-30\" is not a real date: that month has no day 30",
                "feature 3 (bad-month): features[3].properties.date: \"2000-13-01\" is not a real date: there is no month 13",
                "feature 4 (early): features[4].properties.date: 1999-12-31 is before the baseline (2000-01-01): claims start from the baseline's partition",
                "feature 5 (who): features[5].properties.controller: unknown actor \"XX\" (not in actors.json)",
                "feature 6 (status): features[6].properties.status: unknown status \"rumoured\": expected one of claimed, assessed, confirmed, retracted",
                "feature 7 (region): features[7].properties.region: unknown region \"R9\" (not in regions.geojson)",
                "feature 8 (extent): features[8].properties.extent: unknown extent \"most\": expected full or partial",
                "feature 9 (place): features[9].properties.settlements[1]: unknown settlement \"atlantis\" (not in settlements.geojson)",
                "feature 10 (line): features[10].geometry.type: a claim's geometry must be null, Polygon, MultiPolygon, Point or MultiPoint, found LineString",
                "feature 11 (bowtie): features[11].geometry: invalid geometry: Self-intersection at [46.5, 39.5] (fix it, or pass --repair to make it valid)",
                "feature 12 (no-source): features[12].properties.source: a source needs a url or a title",
                "feature 13 (7): features[13].id: id must be a string, found the number 7",
                "feature 13 (7): features[13].properties: missing property \"date\"",
                "feature 13 (7): features[13].properties: missing property \"claimant\"",
                "feature 13 (7): features[13].properties: missing property \"status\"",
                "feature 13 (7): features[13].properties: missing property \"source\" (an object with a url or a title)",
            ]
            for line in expected where !lines.contains(line) { Issue.record("missing: \(line)\n\(lines.joined(separator: "\n"))") }
            return lines.count == expected.count
        }
    }

    @Test func exactClaimsNeedAKnownCededTo() throws {
        var noCededTo = GridFixture.claim("no-ceded-to", "2000-02-01", "AZ", region: "R1")
        noCededTo.properties!["mode"] = "exact"
        var changeCedes = GridFixture.claim("change-cedes", "2000-02-01", "AZ", region: "R1")
        changeCedes.properties!["ceded_to"] = "AM"
        var badMode = GridFixture.claim("bad-mode", "2000-02-01", "AZ", region: "R1")
        badMode.properties!["mode"] = "reset"
        let claims = [
            noCededTo, changeCedes, badMode,
            GridFixture.claim("unknown", "2000-02-01", "AZ", region: "R1", exactCededTo: "ZZ"),
            GridFixture.claim("self", "2000-02-01", "AZ", region: "R1", exactCededTo: "AZ"),
            GridFixture.claim("fine", "2000-02-01", "AZ", region: "R1", exactCededTo: "AM"),
        ]
        let folder = try GridFixture.write(claims: claims)
        let file = folder.appendingPathComponent("claims/test.geojson").path
        #expect {
            _ = try ClaimsLedger.load(files: [file], dataset: try Dataset.load(folder.path))
        } throws: { error in
            let lines = (error as! DataError).diagnostics.map { $0.description.replacingOccurrences(of: file + ": ", with: "") }
            return lines == [
                "feature 0 (no-ceded-to): features[0].properties: missing property \"ceded_to\": an exact claim names who holds what its controller gives up in the scope",
                "feature 1 (change-cedes): features[1].properties.ceded_to: only an exact claim (\"mode\": \"exact\") cedes ground; remove ceded_to or set the mode",
                "feature 2 (bad-mode): features[2].properties.mode: unknown mode \"reset\": expected change or exact",
                "feature 3 (unknown): features[3].properties.ceded_to: unknown actor \"ZZ\" (not in actors.json)",
                "feature 4 (self): features[4].properties.ceded_to: an exact claim cannot cede ground to its own controller \"AZ\"",
            ]
        }
        // A valid exact claim round-trips through the ledger schema.
        let fine = try ClaimsLedger.load(files: [try GridFixture.write(claims: [claims[5]]).appendingPathComponent("claims/test.geojson").path],
                                         dataset: try Dataset.load(folder.path)).claims[0]
        #expect(fine.mode == .exact && fine.cededTo == "AM")
        #expect(fine.feature.properties?["mode"] == "exact" && fine.feature.properties?["ceded_to"] == "AM")
    }

    @Test func repairMakesInvalidPolygonsValidAndSaysSo() throws {
        let bowtie = GridFixture.claim("bowtie", "2000-02-01", "AZ", geometry: .polygon([PositionList([(46, 39), (47, 40), (47, 39), (46, 40), (46, 39)])]))
        let folder = try GridFixture.write(claims: [bowtie])
        let dataset = try Dataset.load(folder.path)
        let ledger = try ClaimsLedger.load(files: [folder.appendingPathComponent("claims/test.geojson").path], dataset: dataset, repair: true)
        #expect(ledger.claims.count == 1)
        #expect(ledger.repairs.count == 1)
        #expect(ledger.repairs[0].contains("feature 0 (bowtie): features[0].geometry: repaired: Self-intersection at [46.5, 39.5]"))
    }

    @Test func theShippedLedgerLoads() throws {
        let dataset = try Dataset.load(Paths.geoData.path)
        let ledger = try ClaimsLedger.load(files: try ClaimsLedger.files(in: dataset), dataset: dataset)
        #expect(ledger.claims.count > 50)
        let seed = try #require(ledger.claims.first { $0.id == "2020-10-03-az-article-tartar" })
        #expect(seed.source.title == "Azerbaijan records territorial gains as fighting continues")
        #expect(seed.region == "AZ-TAR" && seed.extent == .partial)
        let sugovushan = try #require(ledger.claims.first { $0.id == "2020-10-03-az-sugovushan" })
        #expect(sugovushan.settlements == ["sugovushan"])
        #expect(ledger.claims.allSatisfy { $0.source.url != nil || $0.source.title != nil })
        // Ledger order: by date, then reported, then id.
        #expect(zip(ledger.claims, ledger.claims.dropFirst()).allSatisfy { Claim.ledgerOrder($0, $1) })
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
