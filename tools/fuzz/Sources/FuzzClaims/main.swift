import FuzzDriver
import FrontlineKit
import GeoJSON

/// A small theatre of four 1° cells, three settlements and two actors, built once.
let dataset: Dataset = {
    func cell(_ x: Double, _ y: Double) -> GeoJSONGeometry {
        .polygon([PositionList([(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1), (x, y)])])
    }
    let regions = [("R1", 46.0, 39.0), ("R2", 47.0, 39.0), ("R3", 46.0, 40.0), ("R4", 47.0, 40.0)].map { id, x, y in
        Region(id: id, name: id, country: "XX", level: "admin1", geometry: cell(x, y))
    }
    let settlements = [("s1", 47.5, 39.5, "R2"), ("s2", 47.5, 40.5, "R4"), ("s3", 46.5, 39.5, "R1")].map { id, x, y, region in
        Settlement(id: id, name: id, region: region, position: Position(x, y))
    }
    let baseline = Baseline(date: CalendarDate("2000-01-01")!, pieces: [
        .init(id: "baseline:AZ", controller: "AZ", geometry: .polygon([PositionList([(46, 39), (47, 39), (47, 40), (47, 41), (46, 41), (46, 40), (46, 39)])])),
        .init(id: "baseline:AM", controller: "AM", geometry: .polygon([PositionList([(47, 39), (48, 39), (48, 40), (48, 41), (47, 41), (47, 40), (47, 39)])])),
    ])
    return Dataset(
        directory: "fuzz", regions: regions, actors: [Actor(id: "AZ", name: "A", color: "#000000"), Actor(id: "AM", name: "B", color: "#ffffff")],
        settlements: settlements, baseline: baseline, lines: [])
}()

/// Loads any bytes as a claims file; a ledger that loads (with repair) is resolved and a snapshot
/// of every date is built and encoded in every format that gives bytes: the whole path from bytes to GEOS overlays to output.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClaims(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let ledger = try? ClaimsLedger.load(documents: [("fuzz.geojson", bytes)], dataset: dataset, repair: true) else { return 0 }
    do {
        let tracker = try Tracker(dataset: dataset, ledger: ledger)
        let builder = SnapshotBuilder(tracker: tracker)
        try tracker.walkBothMoments(dates: tracker.dates(from: nil, to: nil, every: nil), tracksFrontline: true, lazy: true) { date, assessed, claimed in
            let snapshot = try builder.snapshot(date: date, assessed: assessed, claimed: claimed, options: .init(lineage: true))
            for format in FeatureFormat.allCases where format != .gpkg { _ = try format.driver.encode(FeatureTable(snapshot), precision: nil) }
        }
    } catch {
        // GEOS may refuse a pathological geometry; that is an error, not a crash.
    }
    return 0
}

@_cdecl("FuzzClaims_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzClaims)
}
