import Foundation
import FrontlineModel
import GeoJSON
import Testing

/// `frontline db` and `--data postgresql://…` on a real PostgreSQL 15 with PostGIS (a throwaway
/// cluster, `PostgresCluster`).
@Suite struct DatabaseTests {
    /// A database with the schema and the shipped GeoData pushed into it.
    static func pushedDatabase() throws -> String {
        let url = try PostgresCluster.start().newDatabase()
        let initialized = try CLI.run(["db", "init", "--db", url])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let pushed = try CLI.run(["db", "push", "--data", CLI.geoData.path, "--db", url])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stderr.contains("\(CLI.shippedClaims) added, 0 replaced, 0 removed, \(CLI.shippedClaims) in the ledger"), "\(pushed.stderr)")
        return url
    }

    /// Every file of a folder, by relative path.
    static func files(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    static func pull(_ url: String) throws -> [String: Data] {
        let out = try CLI.temporaryDirectory().appendingPathComponent("pulled")
        let pulled = try CLI.run(["db", "pull", "--db", url, "--out", out.path])
        #expect(pulled.status == 0, "\(pulled.stderr)")
        return try files(out)
    }

    /// A copy of GeoData with one more claim (a copy of a shipped one under a new id).
    static func folderWithExtraClaim(_ id: String) throws -> URL {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("data")
        try FileManager.default.copyItem(at: CLI.geoData, to: folder)
        let shipped = try Data(contentsOf: folder.appendingPathComponent("claims/2020-war.geojson"))
        guard case .featureCollection(let collection) = try GeoJSONDecoder().decode(Array(shipped)) else { throw CocoaError(.fileReadCorruptFile) }
        var claim = try #require(collection.features.first { $0.geometry == nil && $0[property: "settlements"] != nil })
        claim.id = .string(id)
        let bytes = GeoJSONEncoder().encode(FeatureCollection(features: [claim]))
        try Data(bytes).write(to: folder.appendingPathComponent("claims/\(id).geojson"))
        return folder
    }

    @Test func pushThenPullIsByteIdenticalAndEveryReadCommandAgreesWithTheFolder() throws {
        let url = try Self.pushedDatabase()
        let pulled = try Self.pull(url)
        let shipped = try Self.files(CLI.geoData)
        #expect(pulled.keys.sorted() == shipped.keys.sorted())
        for (name, bytes) in shipped { #expect(pulled[name] == bytes, "\(name) differs after push and pull") }

        for arguments in [
            ["snapshot", "--date", "2020-11-10"], ["snapshot", "--date", "2020-12-01", "--lineage", "--layer", "assessed"],
            ["diff", "--from", "2020-09-27", "--to", "2020-11-10", "--format", "json"], ["timeline", "--format", "json"],
            ["regions", "--format", "json"], ["validate"],
        ] {
            let fromFolder = try CLI.run(arguments + ["--data", CLI.geoData.path])
            let fromDatabase = try CLI.run(arguments + ["--data", url])
            #expect(fromFolder.status == 0 && fromDatabase.status == 0, "\(arguments): \(fromDatabase.stderr)")
            if arguments == ["validate"] {
                #expect(fromDatabase.stdout.replacingOccurrences(of: url, with: CLI.geoData.path) == fromFolder.stdout)
            } else {
                #expect(fromDatabase.stdout == fromFolder.stdout, "\(arguments) differs between the folder and the database")
            }
        }
    }

    @Test func aBadClaimIsRefusedAndTheDatabaseIsUnchanged() throws {
        let url = try Self.pushedDatabase()
        let folder = try Self.folderWithExtraClaim("extra-bad")
        let file = folder.appendingPathComponent("claims/extra-bad.geojson")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\"controller\":\"AZ\"", with: "\"controller\":\"XX\"")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let pushed = try CLI.run(["db", "push", "--data", folder.path, "--db", url])
        #expect(pushed.status == 1)
        #expect(pushed.stderr.contains("extra-bad.geojson: feature 0 (extra-bad): features[0].properties.controller: unknown actor \"XX\""), "\(pushed.stderr)")
        #expect(try Self.pull(url) == (try Self.files(CLI.geoData)))
    }

    @Test func aBadRowInsertedBySQLIsReportedWithItsID() throws {
        let url = try Self.pushedDatabase()
        try PostgresCluster.start().sql(url, """
            INSERT INTO frontline.claims (id, date, controller, claimant, status, source)
            VALUES ('qgis-row', '2020-11-11', 'RU', 'an editor', 'claimed', '{"title":"typed in QGIS"}')
            """)
        let snapshot = try CLI.run(["snapshot", "--date", "2020-11-11", "--data", url])
        #expect(snapshot.status == 1)
        #expect(snapshot.stderr.contains("\(url)/claims/database.geojson: feature 0 (qgis-row): features[0].properties.controller: unknown actor \"RU\""), "\(snapshot.stderr)")
        #expect(!snapshot.stderr.contains("frontline-db-"), "the private folder is named instead of the database")
    }

    @Test func concurrentPushesOfDifferentClaimsBothLand() throws {
        let url = try Self.pushedDatabase()
        let folders = try ["extra-alice", "extra-bob"].map(Self.folderWithExtraClaim)
        let results = Locked<[CLI.Result]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if let result = try? CLI.run(["db", "push", "--data", folders[index].path, "--db", url]) { results.withLock { $0.append(result) } }
        }
        #expect(results.withLock { $0.map(\.status) } == [0, 0], "\(results.withLock { $0.map(\.stderr) })")
        let pulled = try Self.pull(url)
        #expect(pulled["claims/extra-alice.geojson"] != nil && pulled["claims/extra-bob.geojson"] != nil)
        #expect(try PostgresCluster.start().sql(url, "SELECT count(*) FROM frontline.claims") == "\(CLI.shippedClaims + 2)")
        // --replace makes the ledger the folder's.
        let replaced = try CLI.run(["db", "push", "--data", CLI.geoData.path, "--db", url, "--replace"])
        #expect(replaced.stderr.contains("0 added, \(CLI.shippedClaims) replaced, 2 removed, \(CLI.shippedClaims) in the ledger"), "\(replaced.stderr)")
        #expect(try Self.pull(url) == (try Self.files(CLI.geoData)))
    }

    @Test func aPushKilledMidwayLeavesThePreviousLedger() throws {
        let (url, push, _) = try Self.interruptPushWaitingOnALock("extra-killed") { push, _, _ in
            kill(push.processIdentifier, SIGKILL)
        }
        #expect(push.terminationReason == .uncaughtSignal)
        #expect(try Self.pull(url) == (try Self.files(CLI.geoData)))
    }

    /// The server ends the push's session mid-transaction (as a restart or a network cut would):
    /// the push fails with exit 69 naming the database, and the ledger is the one before it.
    @Test func aLostConnectionMidPushLeavesThePreviousLedgerAndSaysSo() throws {
        let (url, push, stderr) = try Self.interruptPushWaitingOnALock("extra-lost") { _, cluster, url in
            _ = try cluster.sql(url, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE relation = 'frontline.claims'::regclass AND NOT granted")
        }
        #expect(push.terminationReason == .exit && push.terminationStatus == CLI.toolMissing, "\(stderr)")
        #expect(stderr.contains(String(url.split(separator: "/").last!)) && stderr.contains("server closed the connection") && stderr.contains("nothing was written: the database holds the ledger it held before"), "\(stderr)")
        #expect(stderr.split(separator: "\n").count <= 3, "\(stderr)")
        #expect(try Self.pull(url) == (try Self.files(CLI.geoData)))
    }

    /// Starts a push of the shipped data plus one claim while another session locks the claims
    /// table, so that the push has rewritten the other tables and waits; then `interrupt`s it
    /// and releases the lock. Returns the database and the finished push.
    static func interruptPushWaitingOnALock(_ extra: String, _ interrupt: (Process, PostgresCluster, String) throws -> Void) throws -> (String, Process, String) {
        let cluster = try PostgresCluster.start()
        let url = try Self.pushedDatabase()
        let folder = try Self.folderWithExtraClaim(extra)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: cluster.binaries + "/psql")
        holder.arguments = ["-X", "-q", "-d", url]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN; LOCK TABLE frontline.claims IN ACCESS EXCLUSIVE MODE;\n".utf8))
        #expect(try Self.waitFor { try cluster.sql(url, "SELECT count(*) FROM pg_locks WHERE relation = 'frontline.claims'::regclass AND granted") == "1" })
        let push = Process()
        push.executableURL = CLI.executable
        push.arguments = ["db", "push", "--data", folder.path, "--db", url]
        let errors = Pipe()
        push.standardError = errors
        try push.run()
        #expect(try Self.waitFor { try cluster.sql(url, "SELECT count(*) FROM pg_locks WHERE relation = 'frontline.claims'::regclass AND NOT granted") == "1" })
        try interrupt(push, cluster, url)
        push.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        input.fileHandleForWriting.write(Data("ROLLBACK;\n\\q\n".utf8))
        holder.waitUntilExit()
        return (url, push, stderr)
    }

    static func waitFor(_ condition: () throws -> Bool) throws -> Bool {
        for _ in 0..<200 {
            if try condition() { return true }
            usleep(50_000)
        }
        return false
    }

    /// `serve --data URL`: the database's ledger served as a folder's is, and a claim inserted
    /// by SQL (as from QGIS) served after the next poll; a bad row leaves the ledger served.
    @Test func serveReadsTheDatabaseAndFollowsItsChanges() throws {
        let cluster = try PostgresCluster.start()
        let url = try Self.pushedDatabase()
        let server = try ServerProcess(["--data", url, "--watch", "0.2"])
        func matched() throws -> (version: String, count: Int) {
            let response = try HTTPGet(port: server.port, "/collections/claims/items?limit=1")
            return (response.headers["frontline-ledger-version"] ?? "", (response.json as? [String: Any])?["numberMatched"] as? Int ?? -1)
        }
        let before = try matched()
        #expect(before.count == CLI.shippedClaims)
        try cluster.sql(url, """
            INSERT INTO frontline.claims (id, date, controller, claimant, status, region, source)
            VALUES ('qgis-row', '2020-11-11', 'AZ', 'an editor', 'claimed', 'AZ-CAB', '{"title":"typed in QGIS"}')
            """)
        var after = before
        let deadline = Date().addingTimeInterval(60)
        while after.count != CLI.shippedClaims + 1 && Date() < deadline {
            usleep(100_000)
            after = try matched()
        }
        #expect(after.count == CLI.shippedClaims + 1 && after.version != before.version)
        try cluster.sql(url, "UPDATE frontline.claims SET controller = 'XX' WHERE id = 'qgis-row'")
        #expect(try Self.waitFor { server.lines.contains { $0.contains("the ledger did not reload; still serving \(after.version)") } })
        #expect(try matched().count == CLI.shippedClaims + 1)
        #expect(server.stop() == 0, "the server's last lines: \(server.lines.suffix(100).joined(separator: "\n"))")
        #expect(!server.lines.joined().contains("frontline-db-"), "messages name the database, not its mirror")
    }

    @Test func aPasswordIsNeverPrintedAndAMissingSchemaIsNamed() throws {
        let cluster = try PostgresCluster.start()
        let refused = try CLI.run(["db", "pull", "--db", "postgresql://frontline:s3cret-word@127.0.0.1:1/none", "--out", try CLI.temporaryDirectory().appendingPathComponent("x").path])
        #expect(refused.status == CLI.toolMissing)
        #expect(refused.stderr.contains("postgresql://frontline:***@127.0.0.1:1/none: cannot connect"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("s3cret-word"))
        let empty = try cluster.newDatabase()
        let noSchema = try CLI.run(["snapshot", "--date", "2020-11-10", "--data", empty])
        #expect(noSchema.status == 1)
        #expect(noSchema.stderr.contains("no frontline schema here (run frontline db init --db URL first)"), "\(noSchema.stderr)")
    }

    /// PostGIS's geodesic measures (Karney's, as Frontline's) on the published tables agree with
    /// the areas and lengths Frontline wrote in them.
    @Test func publishedTablesAgreeWithPostGISGeographyAndAreReplacedWhole() throws {
        let cluster = try PostgresCluster.start()
        let url = try Self.pushedDatabase()
        let published = try CLI.run(["db", "publish", "--db", url, "--data", url, "--from", "2020-09-27", "--to", "2020-12-01", "--on-change"])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stderr.contains("into frontline_published: control ("), "\(published.stderr)")
        func worst(_ query: String) throws -> Double { try #require(Double(try cluster.sql(url, query))) }
        let control = try worst("SELECT max(abs(ST_Area(geom::geography) / 1e6 - area_km2) / area_km2) FROM frontline_published.control WHERE area_km2 > 0")
        let band = try worst("SELECT coalesce(max(abs(ST_Area(geom::geography) / 1e6 - area_km2) / area_km2), 0) FROM frontline_published.band WHERE area_km2 > 0")
        let frontline = try worst("SELECT max(abs(ST_Length(geom::geography) / 1000 - length_km) / length_km) FROM frontline_published.frontline WHERE length_km > 0")
        let piece = try worst("SELECT max(abs(ST_Area(geom::geography) / 1e6 - area_km2) / area_km2) FROM frontline_published.piece WHERE area_km2 > 0")
        let worstPiece = try cluster.sql(url, "SELECT area_km2 || ' ' || ST_NPoints(geom) FROM frontline_published.piece WHERE area_km2 > 0 ORDER BY abs(ST_Area(geom::geography) / 1e6 - area_km2) / area_km2 DESC LIMIT 3")
        #expect(control < 1e-9 && band < 1e-9 && piece < 1e-9, "control \(control), band \(band), piece \(piece) \(worstPiece)")
        #expect(frontline < 1e-9, "frontline \(frontline)")
        // The Temporal Controller's fields are DATE; the last change before 2020-11-10 holds the area of that day's snapshot.
        #expect(try cluster.sql(url, "SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_schema = 'frontline_published' AND table_name = 'control' AND column_name IN ('date', 'valid_from', 'valid_to')")
            == "date:date,valid_from:date,valid_to:date")
        let snapshot = try CLI.run(["snapshot", "--date", "2020-11-10", "--data", CLI.geoData.path])
        guard case .featureCollection(let collection) = try GeoJSONDecoder().decode(Array(snapshot.stdout.utf8)) else { throw CocoaError(.fileReadCorruptFile) }
        let azerbaijan = try #require(collection.features.first { $0.id == .string("control:AZ") }?[property: "area_km2"]?.numberValue)
        #expect(try worst("SELECT area_km2 FROM frontline_published.control WHERE date <= '2020-11-10' AND controller = 'AZ' ORDER BY date DESC LIMIT 1") == azerbaijan)
        // A second publish replaces the first whole.
        let again = try CLI.run(["db", "publish", "--db", url, "--data", url, "--from", "2020-11-10", "--to", "2020-11-10"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try cluster.sql(url, "SELECT count(DISTINCT date) FROM frontline_published.control") == "1")
    }
}
