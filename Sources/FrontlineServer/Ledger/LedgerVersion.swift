import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// One loaded ledger, never changed once made: a request holds the version it started with
/// to its end, so a reload between two of its steps cannot mix two ledgers in one answer.
public final class LedgerVersion: Sendable {
    public let tracker: Tracker
    /// The first 16 hex digits of the SHA-256 of the ledger's files (names and bytes), sent in
    /// every response as `Frontline-Ledger-Version` and part of every ETag.
    public let id: String
    /// The date a request without `datetime` gets: the last claim's, else the baseline's.
    public let latest: CalendarDate
    /// Every claim of the ledger, in ledger order, as the `claims` collection serves them.
    public let claims: [EncodedFeature]
    /// The regions of `regions.geojson`, as the `regions` collection serves them.
    public let regions: [EncodedFeature]
    /// The bounds of the regions (the collections' spatial extent).
    public let extent: Bounds?

    public init(tracker: Tracker, id: String) {
        self.tracker = tracker
        self.id = id
        latest = max(tracker.resolved.map(\.claim.date).max() ?? tracker.baseline.date, tracker.baseline.date)
        claims = tracker.resolved.map { resolved in
            EncodedFeature(Self.claimFeature(resolved), id: resolved.claim.id, date: resolved.claim.date)
        }
        regions = tracker.dataset.regions.map { EncodedFeature($0.feature, id: $0.id) }
        extent = regions.compactMap(\.bounds).reduce(nil) { $0?.union($1) ?? $1 }
    }

    public var baselineDate: CalendarDate { tracker.baseline.date }

    /// A claim as the ledger has it (its own geometry, or none for a claim located by region or
    /// settlements) with what resolution made of it: its area and, when unlocated, why.
    static func claimFeature(_ resolved: ResolvedClaim) -> Feature {
        let claim = resolved.claim
        var properties = Snapshot.claimProperties(claim)
        properties["mode"] = .string(claim.mode.rawValue)
        properties["extent"] = .string(claim.extent.rawValue)
        if let cededTo = claim.cededTo { properties["ceded_to"] = .string(cededTo) }
        properties["area_km2"] = .number(resolved.areaSquareMetres / 1e6)
        if let reason = resolved.unlocatedReason { properties["unlocated_reason"] = .string(reason) }
        return Feature(id: .string(claim.id), geometry: claim.geometry, properties: properties)
    }

    /// The version id of `files`: SHA-256 over each file's path relative to `directory` and
    /// its bytes (a missing file counts as absent), first 16 hex digits.
    public static func digest(of files: [String], directory: String) -> String {
        var hasher = SHA256()
        for file in files.sorted() {
            let name = file.hasPrefix(directory + "/") ? String(file.dropFirst(directory.count + 1)) : file
            hasher.update(Array(name.utf8) + [0])
            if let bytes = try? FileIO.read(file) {
                hasher.update(Array(String(bytes.count).utf8) + [0])
                hasher.update(bytes)
            } else {
                hasher.update(Array("absent".utf8) + [0])
            }
        }
        return String(hasher.hexDigest().prefix(16))
    }
}
