import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineModel
import TestSupport

/// The resolution cache (`--cache DIR`): a run that reads it answers with the very bytes of a run
/// that resolves everything, on the shipped data (change claims, settlements, regions) and on
/// exact claims snapped to the outline.
@Suite struct ResolutionCacheTests {
    /// Everything a tracker holds that the cache stands in for, as bytes.
    func fingerprint(_ tracker: Tracker) -> [String] {
        var lines = tracker.resolver.baselinePieces.map { "piece \($0.area.bitPattern) \(SHA256.hex($0.geometry.wkb))" }
        lines.append("theatre \(SHA256.hex(tracker.resolver.theatre.wkb))")
        lines.append("band \(tracker.resolver.outlineBand.map { SHA256.hex($0.wkb) } ?? "none")")
        lines.append("reach \(tracker.resolver.outlineReach.map { SHA256.hex($0.wkb) } ?? "none")")
        lines.append("inside \(tracker.resolver.regionsInsideTheatre.sorted())")
        for item in tracker.resolved {
            lines.append("\(item.claim.id) \(item.areaSquareMetres.bitPattern) \(item.area.map { SHA256.hex($0.wkb) } ?? "-") \(item.unlocatedReason ?? "") \(item.warning ?? "")")
        }
        return lines
    }

    func timeline(_ tracker: Tracker) throws -> String {
        let rows = try TimelineReport.rows(tracker, dates: tracker.dates(from: nil, to: nil, every: nil))
        return rows.map { "\($0.date) \($0.controller) \($0.assessedKm2.bitPattern) \($0.claimedKm2.bitPattern) \($0.frontlineKm.bitPattern)" }.joined(separator: "\n")
    }

    func entries(_ cache: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(ResolutionCache.fileExtension) }.sorted()
    }

    /// A folder whose exact claims are snapped to the outline (one reaches past it: a warning).
    func snappedFolder() throws -> URL {
        let drawn = GeoJSONGeometry.polygon([PositionList([(46.005, 38.9), (47, 38.9), (47, 40), (46.005, 40), (46.005, 38.9)])])
        return try GridFixture.write(claims: [
            GridFixture.claim("e1", "2000-02-01", "AZ", geometry: drawn, exactCededTo: "AM"),
            GridFixture.claim("e2", "2000-03-01", "AZ", geometry: GridFixture.cell(46, 39, 1.5, 1.2), exactCededTo: "AM"),
            GridFixture.claim("u1", "2000-03-05", "AM", region: "R3", extent: "partial"),
        ])
    }

    @Test(arguments: ["shipped", "snapped"])
    func aRunFromTheCacheGivesTheBytesOfARunWithout(_ data: String) throws {
        let folder = data == "shipped" ? Paths.geoData.path : try snappedFolder().path
        let cache = try Paths.temporaryDirectory().appendingPathComponent("cache")
        let plain = try Tracker(directory: folder)
        let cold = try Tracker(directory: folder, cache: try ResolutionCache(directory: cache.path))
        let written = try entries(cache)
        // One entry for the prepared theatre, one per claim; claims that resolution reads alike
        // (the same region, the same settlements) share one.
        let setup = ResolutionCache.setupKey(dataset: plain.dataset, snap: plain.resolver.snap, snapsAny: plain.resolver.snapsToOutline)
        let distinct = Set(plain.ledger.claims.map { ResolutionCache.claimKey(setup: setup, claim: $0) })
        #expect(written.count == 1 + distinct.count && distinct.count > 1)
        let warm = try Tracker(directory: folder, cache: try ResolutionCache(directory: cache.path))
        #expect(try entries(cache) == written)
        #expect(fingerprint(cold) == fingerprint(plain))
        #expect(fingerprint(warm) == fingerprint(plain))
        #expect(try timeline(warm) == timeline(plain))
        if data == "snapped" {
            #expect(warm.warnings.count == 1 && warm.warnings[0].contains("feature 0 (e1)"))
            #expect(warm.resolver.outlineBand != nil)
        }
    }

    @Test func aChangedClaimIsResolvedAgainAndTheOthersAreRead() throws {
        let folder = try snappedFolder()
        let cache = try Paths.temporaryDirectory().appendingPathComponent("cache")
        _ = try Tracker(directory: folder.path, cache: try ResolutionCache(directory: cache.path))
        let before = try entries(cache)
        // e2 redrawn: its key changes; e1's and u1's do not, nor the theatre's.
        let claims = [
            GridFixture.claim("e1", "2000-02-01", "AZ", geometry: .polygon([PositionList([(46.005, 38.9), (47, 38.9), (47, 40), (46.005, 40), (46.005, 38.9)])]), exactCededTo: "AM"),
            GridFixture.claim("e2", "2000-03-01", "AZ", geometry: GridFixture.cell(46, 39, 1.4, 1.2), exactCededTo: "AM"),
            GridFixture.claim("u1", "2000-03-05", "AM", region: "R3", extent: "partial"),
        ]
        try Data(GeoJSONEncoder().encode(FeatureCollection(features: claims))).write(to: folder.appendingPathComponent("claims/test.geojson"))
        let changed = try Tracker(directory: folder.path, cache: try ResolutionCache(directory: cache.path))
        let after = try entries(cache)
        #expect(after.count == before.count + 1 && Set(before).isSubset(of: Set(after)))
        #expect(fingerprint(changed) == fingerprint(try Tracker(directory: folder.path)))
    }

    @Test func anEntryThatCannotBeReadIsAMissAndIsWrittenAgain() throws {
        let folder = try snappedFolder()
        let cache = try Paths.temporaryDirectory().appendingPathComponent("cache")
        let plain = try Tracker(directory: folder.path)
        _ = try Tracker(directory: folder.path, cache: try ResolutionCache(directory: cache.path))
        let names = try entries(cache)
        // Every entry damaged a different way: a byte changed, cut short, emptied, another format.
        for (index, name) in names.enumerated() {
            let path = cache.appendingPathComponent(name)
            var bytes = Array(try Data(contentsOf: path))
            switch index % 4 {
            case 0: bytes[bytes.count / 2] ^= 0x40
            case 1: bytes.removeLast(bytes.count / 3)
            case 2: bytes = []
            default: bytes[ResolutionCache.magic.count] &+= 1
            }
            try Data(bytes).write(to: path)
        }
        let store = try ResolutionCache(directory: cache.path)
        let damaged = try Tracker(directory: folder.path, cache: store)
        #expect(fingerprint(damaged) == fingerprint(plain))
        #expect(store.writeFailure == nil)
        // Written again: the next run reads every entry back.
        let setupKey = ResolutionCache.setupKey(dataset: plain.dataset, snap: .default, snapsAny: true)
        #expect(store.read(setupKey, kind: .setup) != nil)
        for claim in plain.ledger.claims {
            #expect(store.read(ResolutionCache.claimKey(setup: setupKey, claim: claim), kind: .claim) != nil)
        }
        #expect(fingerprint(try Tracker(directory: folder.path, cache: store)) == fingerprint(plain))
    }

    @Test func keysFollowWhatResolutionReadsAndNothingElse() throws {
        let tracker = try Tracker(directory: try snappedFolder().path)
        let dataset = tracker.dataset
        let setup = ResolutionCache.setupKey(dataset: dataset, snap: .default, snapsAny: true)
        #expect(setup == ResolutionCache.setupKey(dataset: dataset, snap: .default, snapsAny: true))
        #expect(setup != ResolutionCache.setupKey(dataset: dataset, snap: OutlineSnap(option: 500), snapsAny: true))
        #expect(setup != ResolutionCache.setupKey(dataset: dataset, snap: .default, snapsAny: false))
        var moved = dataset
        moved.regions[0].geometry = GridFixture.cell(46, 39, 1, 0.9)
        #expect(setup != ResolutionCache.setupKey(dataset: moved, snap: .default, snapsAny: true))

        let claim = tracker.ledger.claims[1]
        let key = ResolutionCache.claimKey(setup: setup, claim: claim)
        var renamed = claim
        (renamed.id, renamed.date, renamed.reported, renamed.note, renamed.index) = ("other", CalendarDate("2001-01-01")!, CalendarDate("2001-01-02")!, "a note", 7)
        #expect(ResolutionCache.claimKey(setup: setup, claim: renamed) == key)
        #expect(ResolutionCache.claimKey(setup: setup, claim: claim.withMode(.change)) != key)
        var scoped = claim
        scoped.region = "R1"
        #expect(ResolutionCache.claimKey(setup: setup, claim: scoped) != key)
        var redrawn = claim
        redrawn.geometry = GridFixture.cell(46, 39, 1.5, 1.3)
        #expect(ResolutionCache.claimKey(setup: setup, claim: redrawn) != key)
        #expect(ResolutionCache.claimKey(setup: ResolutionCache.setupKey(dataset: moved, snap: .default, snapsAny: true), claim: claim) != key)
    }

    @Test func aFailedWriteIsSaidAndTheResultsStand() throws {
        let folder = try snappedFolder()
        let root = try Paths.temporaryDirectory()
        // Not a folder: refused when opened.
        let file = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        #expect(throws: AtomicFile.WriteError.self) { try ResolutionCache(directory: file.path) }
        // An entry's name taken by a folder: that write fails, once said; nothing else changes.
        let cache = root.appendingPathComponent("cache")
        let store = try ResolutionCache(directory: cache.path)
        let plain = try Tracker(directory: folder.path)
        let setupKey = ResolutionCache.setupKey(dataset: plain.dataset, snap: .default, snapsAny: true)
        try FileManager.default.createDirectory(atPath: store.path(setupKey), withIntermediateDirectories: false)
        let tracker = try Tracker(directory: folder.path, cache: store)
        #expect(fingerprint(tracker) == fingerprint(plain))
        #expect(store.writeFailure?.hasPrefix("warning: cannot write to the cache: ") == true)
        #expect(FileManager.default.fileExists(atPath: store.path(setupKey)))
        #expect(try entries(cache).count == 1 + plain.ledger.claims.count)
    }
}
