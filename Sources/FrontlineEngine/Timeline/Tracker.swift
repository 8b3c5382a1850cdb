import FrontlineModel
import GeoJSON
import Geometry

/// A data folder and its claims ledger, resolved and ready to answer snapshots, diffs and
/// timelines. Claims are resolved to areas once (in parallel) and shared by every layer and date.
public final class Tracker: Sendable {
    public let dataset: Dataset
    public let ledger: ClaimsLedger
    public let resolver: ClaimResolver
    /// Every claim with its area, in ledger order (date, reported, id).
    public let resolved: [ResolvedClaim]
    public let baseline: Baseline
    /// The current regions meeting the theatre, along which the baseline is cut.
    public let cutRegions: [Geometry]
    /// The scope of each region named by an exact claim, in the engine's form.
    let exactScopes: [String: Geometry]

    /// One line per claim with area outside the theatre beyond the outline tolerance.
    public var warnings: [String] { resolved.compactMap(\.warning) }

    /// The dataset's actors, in file order.
    public var actors: [Actor] { dataset.actors }

    /// Loads the folder and the ledger (`claimFiles`, or the folder's `claims/*.geojson`).
    public convenience init(directory: String, claimFiles: [String] = [], repair: Bool = false, snap: OutlineSnap = .default) throws {
        let dataset = try Dataset.load(directory, parts: .all)
        // Before the ledger: a folder without a baseline says so, not what its claims lack.
        try Self.requireBaseline(dataset)
        let files = claimFiles.isEmpty ? try ClaimsLedger.files(in: dataset) : claimFiles
        try self.init(dataset: dataset, ledger: try ClaimsLedger.load(files: files, dataset: dataset, repair: repair), snap: snap)
    }

    /// From a dataset and ledger already in memory.
    public init(dataset: Dataset, ledger: ClaimsLedger, snap: OutlineSnap = .default) throws {
        let baseline = try Self.requireBaseline(dataset)
        self.dataset = dataset
        self.ledger = ledger
        self.baseline = baseline
        resolver = try ClaimResolver(dataset: dataset, snap: snap, snapsAny: ledger.claims.contains { snap.applies(to: $0) })
        resolved = try resolver.resolve(ledger.claims)
        cutRegions = try Self.regionsInTheatre(dataset, resolver)
        var scopes: [String: Geometry] = [:]
        for item in resolved where item.claim.mode == .exact {
            guard let region = item.claim.region, scopes[region] == nil, let geometry = try resolver.regions.geometry(region) else { continue }
            scopes[region] = try GridPolicy.prepare(geometry).polygonal()
        }
        exactScopes = scopes
    }

    @discardableResult
    static func requireBaseline(_ dataset: Dataset) throws(DataError) -> Baseline {
        guard let baseline = dataset.baseline else {
            throw DataError(file: dataset.path(Dataset.baselineFile), message: "missing: snapshots need a baseline")
        }
        return baseline
    }

    static func regionsInTheatre(_ dataset: Dataset, _ resolver: ClaimResolver) throws -> [Geometry] {
        let theatre = try PreparedGeometry(resolver.theatre)
        var result: [Geometry] = []
        for region in dataset.regions where !region.isHistorical {
            guard let geometry = try resolver.regions.geometry(region.id), try theatre.intersects(geometry) else { continue }
            result.append(geometry)
        }
        return result
    }

    func makeState(expectedPieces: Int, tracksFrontline: Bool) throws -> ControlState {
        ControlState(baseline: resolver.baselinePieces, extent: resolver.theatre, regions: cutRegions, bounds: resolver.theatre.bounds!,
                     expectedPieces: expectedPieces, tracksFrontline: tracksFrontline, outline: resolver.outlineProximity)
    }

    public func actor(_ id: String) -> Actor? { actors.first { $0.id == id } }

    /// The claims of a layer visible at `date` as known on `knownOn`, in ledger order.
    public func claims(layer: Layer, upTo date: CalendarDate, knownOn: CalendarDate? = nil) -> [ResolvedClaim] {
        resolved.filter { item in item.claim.isIn(layer) && item.claim.date <= date && Self.isKnown(item.claim, on: knownOn) }
    }

    /// Whether a claim was public on `knownOn` (always, without a date).
    static func isKnown(_ claim: Claim, on knownOn: CalendarDate?) -> Bool {
        guard let knownOn else { return true }
        return claim.reported <= knownOn
    }

    /// Walks `dates` (ascending) once, applying each claim once, and calls `visit` with the state
    /// at each date. Claims reported after `knownOn` are left out.
    /// With `tracksFrontline` the state keeps running frontline lengths (for timelines).
    ///
    /// A checkpoint (see `checkpoints(_:)`) starts a fresh state from the baseline, so the state at
    /// a date does not depend on the claims before the latest checkpoint: the walk starts there.
    /// With `history`, every claim is applied to one state instead, so that each piece keeps the id
    /// of the claim that last changed its controller (lineage), across checkpoints too.
    public func walk(layer: Layer, dates: [CalendarDate], knownOn: CalendarDate? = nil, tracksFrontline: Bool = false, history: Bool = false,
                     _ visit: (CalendarDate, ControlState) throws -> Void) throws {
        let claims = resolved.filter { item in item.claim.isIn(layer) && Self.isKnown(item.claim, on: knownOn) }
        let ordered = dates.sorted()
        let restarts = history ? [] : Self.checkpoints(claims, baselineControllers: Set(baseline.pieces.map(\.controller)))
        // The baseline's state, made once: each checkpoint starts again from a copy of it (the
        // pieces and their borders are shared until changed).
        let fresh = try makeState(expectedPieces: claims.count, tracksFrontline: tracksFrontline)
        var state = fresh
        var next = 0
        if let first = ordered.first, let start = restarts.filter({ claims[$0].claim.date <= first }).max() { next = start }
        for date in ordered {
            while next < claims.count && claims[next].claim.date <= date {
                if restarts.contains(next) {
                    let previous = state
                    state = fresh
                    state.continueNumbering(after: previous)
                }
                try state.apply(claims[next], scope: claims[next].claim.region.flatMap { exactScopes[$0] })
                next += 1
            }
            try visit(date, state)
        }
    }

    /// Whether a layer's walk starts at a checkpoint (so that lineage needs a walk with history).
    func hasCheckpoints(layer: Layer, knownOn: CalendarDate?) -> Bool {
        let claims = resolved.filter { item in item.claim.isIn(layer) && Self.isKnown(item.claim, on: knownOn) }
        return !Self.checkpoints(claims, baselineControllers: Set(baseline.pieces.map(\.controller))).isEmpty
    }

    /// The positions in `claims` (one layer's, in ledger order) of its checkpoints: located exact
    /// claims over the whole theatre at which no one but the claim's controller and `ceded_to`
    /// can hold ground (by the baseline and every claim since the previous checkpoint). After
    /// one, the controller holds exactly its area and `ceded_to` the rest of the theatre, whatever
    /// came before, so a state rebuilt from the baseline there is the state a replay reaches.
    static func checkpoints(_ claims: [ResolvedClaim], baselineControllers: Set<String>) -> Set<Int> {
        var result: Set<Int> = []
        var holders = baselineControllers
        for (index, item) in claims.enumerated() where item.area != nil {
            let claim = item.claim
            var touched: Set<String> = [claim.controller]
            if let cededTo = claim.cededTo, claim.mode == .exact { touched.insert(cededTo) }
            if claim.isTheatreExact && holders.isSubset(of: touched) {
                result.insert(index)
                holders = touched
            } else {
                holders.formUnion(touched)
            }
        }
        return result
    }

    /// Walks both layers, calling `visit` with the assessed and the claimed state at each date
    /// (for the uncertainty band, which needs both); with `tracksFrontline`, the claimed state
    /// keeps its frontline totals. The two layers are walked in parallel, keeping their states
    /// at each date (copies share their pieces).
    public func walkBoth(dates: [CalendarDate], knownOn: CalendarDate? = nil, tracksFrontline: Bool = false, history: Bool = false,
                         _ visit: (CalendarDate, ControlState, ControlState) throws -> Void) throws {
        let ordered = dates.sorted()
        let walks = try Parallel.map(Layer.allCases) { layer in
            var states: [ControlState] = []
            try self.walk(layer: layer, dates: ordered, knownOn: knownOn, tracksFrontline: tracksFrontline && layer == .claimed, history: history) { _, state in
                states.append(state)
            }
            return states
        }
        let assessed = walks[Layer.allCases.firstIndex(of: .assessed)!], claimed = walks[Layer.allCases.firstIndex(of: .claimed)!]
        for (index, date) in ordered.enumerated() { try visit(date, assessed[index], claimed[index]) }
    }

    /// The state of one layer at one date.
    public func state(layer: Layer, at date: CalendarDate, knownOn: CalendarDate? = nil, history: Bool = false) throws -> ControlState {
        var result: ControlState?
        try walk(layer: layer, dates: [date], knownOn: knownOn, history: history) { _, state in result = state }
        return result!
    }

    /// Dates for a timeline or an export: every `every` days from `from` to `to`, or (when
    /// `every` is nil) `from`, each date on which a claim takes effect, and `to` when given.
    /// Defaults: from the baseline date to the last claim date.
    public func dates(from: CalendarDate?, to: CalendarDate?, every: Int?) -> [CalendarDate] {
        let start = from ?? baseline.date
        let end = to ?? max(resolved.map(\.claim.date).max() ?? start, start)
        guard start <= end else { return [] }
        if let every {
            return stride(from: start.dayNumber, through: end.dayNumber, by: max(1, every)).map(CalendarDate.init(dayNumber:))
        }
        var dates: Set<CalendarDate> = [start]
        if to != nil { dates.insert(end) }
        for claim in resolved where claim.claim.status != .retracted && claim.claim.date > start && claim.claim.date <= end {
            dates.insert(claim.claim.date)
        }
        return dates.sorted()
    }
}

