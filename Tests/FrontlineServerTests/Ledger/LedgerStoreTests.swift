import Foundation
import FrontlineEngine
import FrontlineModel
import Testing
import TestSupport

@testable import FrontlineServer

/// Reloads: a changed ledger is swapped in whole; a broken one is reported and the previous
/// version goes on serving.
@Suite struct LedgerStoreTests {
    static func copyOfGeoData() throws -> URL {
        let folder = try Paths.temporaryDirectory().appendingPathComponent("data")
        try FileManager.default.copyItem(at: Paths.geoData, to: folder)
        return folder
    }

    static func store(_ folder: URL, log: @escaping @Sendable (String) -> Void = { _ in }) throws -> LedgerStore {
        let directory = folder.path
        return try LedgerStore(directory: directory, inputs: { Dataset.inputFiles(directory: directory) }, log: log) { try Tracker(directory: directory) }
    }

    static let extraClaim = """
        {"type":"FeatureCollection","features":[{"type":"Feature","id":"test-extra","geometry":null,"properties":{
        "date":"2023-10-20","controller":"AZ","claimant":"AZ:mod","status":"claimed","region":"AZ-FUZ","extent":"partial",
        "source":{"title":"a test claim"}}}]}
        """

    @Test func aNewClaimFileMakesANewVersion() throws {
        let folder = try Self.copyOfGeoData()
        let store = try Self.store(folder)
        let before = store.current
        let heldClaims = before.tracker.resolved.count
        #expect(store.reload() == false)
        try Self.extraClaim.write(to: folder.appendingPathComponent("claims/extra.geojson"), atomically: true, encoding: .utf8)
        #expect(store.reload() == true)
        let after = store.current
        #expect(after.id != before.id)
        #expect(after.tracker.resolved.count == before.tracker.resolved.count + 1)
        #expect(after.latest == CalendarDate("2023-10-20")!)
        // The version a request held is unchanged.
        #expect(before.tracker.resolved.count == heldClaims && heldClaims > 100)
    }

    @Test func aBrokenLedgerIsReportedOnceAndTheOldVersionServes() throws {
        let folder = try Self.copyOfGeoData()
        let lines = Lines()
        let store = try Self.store(folder) { lines.append($0) }
        let before = store.current.id
        try "{\"type\":\"FeatureCollection\",\"features\":[".write(to: folder.appendingPathComponent("claims/half.geojson"), atomically: true, encoding: .utf8)
        #expect(store.reload() == false)
        #expect(store.reload() == false)
        #expect(store.current.id == before)
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("did not reload; still serving \(before)") == true)
        #expect(lines.all.first?.contains("half.geojson") == true)
        try Self.extraClaim.write(to: folder.appendingPathComponent("claims/half.geojson"), atomically: true, encoding: .utf8)
        #expect(store.reload() == true)
        #expect(store.current.id != before)
    }

    @Test func theVersionIsTheLedgersContentNotItsTimes() throws {
        let folder = try Self.copyOfGeoData()
        let first = try Self.store(folder).current.id
        let actors = folder.appendingPathComponent("actors.json")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: actors.path)
        #expect(try Self.store(folder).current.id == first)
        #expect(try Self.store(Paths.geoData).current.id == first)
    }
}

/// Lines logged from any thread.
final class Lines: Sendable {
    private let lines = Locked<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
