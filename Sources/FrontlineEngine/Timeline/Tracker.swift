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
    /// With checkpoints and no outline snapping, the theatre's outline indexed within the grid's
    /// tolerance: a checkpoint's boundary along it borders no one.
    let outlineOnGrid: SharedBorder?

    /// Files of the folder's `claims/` that are not read as claims, one warning line each.
    public let unreadFiles: [String]

    /// One line per claim with area outside the theatre beyond the outline tolerance.
    public var warnings: [String] { resolved.compactMap(\.warning) }

    /// The dataset's actors, in file order.
    public var actors: [Actor] { dataset.actors }

    /// Loads the folder and the ledger (`claimFiles`, or the folder's `claims/*.geojson`).
    /// With `answering`, the tracker answers snapshots and diffs within those dates alone (see
    /// `init(dataset:…)`).
    public convenience init(directory: String, claimFiles: [String] = [], repair: Bool = false, snap: OutlineSnap = .default,
                            answering dates: ClosedRange<CalendarDate>? = nil, cache: ResolutionCache? = nil) throws {
        // The ledger's first file (a tracker's whole ledger) is parsed beside the folder's files:
        // parsing JSON is most of loading either. The others are read one at a time as before,
        // so that memory holds one parsed file at a time. The folder is checked first.
        let listed = (try? ClaimsLedger.files(in: Dataset.empty(directory))) ?? []
        let early = (claimFiles.isEmpty ? listed : claimFiles).first
        let (loaded, parsed) = try Parallel.pair({ Result { () throws(DataError) in try Dataset.load(directory, parts: .all) } },
                                                 { early.map { file in Result { () throws(DataError) in try GeoJSONFile.loadCollection(file) } } })
        let dataset = try loaded.get()
        // Before the ledger: a folder without a baseline says so, not what its claims lack.
        try Self.requireBaseline(dataset)
        let files = claimFiles.isEmpty ? try ClaimsLedger.files(in: dataset) : claimFiles
        var decoded: [String: Result<FeatureCollection, DataError>] = [:]
        if let early, let parsed { decoded[early] = parsed }
        try self.init(dataset: dataset, ledger: try ClaimsLedger.load(files: files, dataset: dataset, repair: repair, decoded: decoded), snap: snap,
                      unreadFiles: claimFiles.isEmpty ? try ClaimsLedger.unreadFiles(in: dataset) : [], answering: dates, cache: cache)
    }

    /// From a dataset and ledger already in memory. With `answering`, only the claims that
    /// snapshots and diffs within those dates read (without lineage or `knownOn`) are resolved
    /// and held (`window`): on a tracker's ledger, a day instead of every day. With `cache`,
    /// resolutions are kept between runs (`ResolutionCache`).
    public init(dataset: Dataset, ledger: ClaimsLedger, snap: OutlineSnap = .default, unreadFiles: [String] = [], answering dates: ClosedRange<CalendarDate>? = nil,
                cache: ResolutionCache? = nil) throws {
        let baseline = try Self.requireBaseline(dataset)
        self.unreadFiles = unreadFiles
        self.dataset = dataset
        self.ledger = ledger
        self.baseline = baseline
        let resolver = try ClaimResolver(dataset: dataset, snap: snap, snapsAny: ledger.claims.contains { snap.applies(to: $0) }, cache: cache)
        self.resolver = resolver
        let window = try dates.flatMap {
            try Self.window(ledger.claims, answering: $0, resolver: resolver, baselineControllers: Set(baseline.pieces.map(\.controller)))
        }
        resolved = try window ?? resolver.resolve(ledger.claims)
        cutRegions = try Self.regionsInTheatre(dataset, resolver)
        var scopes: [String: Geometry] = [:]
        for item in resolved where item.claim.mode == .exact {
            guard let region = item.claim.region, scopes[region] == nil, let geometry = try resolver.regions.geometry(region) else { continue }
            scopes[region] = try GridPolicy.prepare(geometry).polygonal()
        }
        exactScopes = scopes
        let hasCheckpoints = resolved.contains { $0.claim.isTheatreExact && $0.area != nil }
        outlineOnGrid = hasCheckpoints && !resolver.snapsToOutline ? SharedBorder(resolver.theatre, tolerance: 2 * GridPolicy.gridSize) : nil
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

    /// What a walk holds at a date: a state, and the checkpoint it was rebuilt from when nothing
    /// else has changed it since (its totals then follow from the checkpoint's area alone).
    public struct Moment: Sendable {
        /// Nil when the walk was asked not to build states that are only a checkpoint.
        public var state: ControlState?
        public var checkpoint: ResolvedClaim?
        /// Distinct for each distinct partition along one walk (a state's version, or minus the
        /// checkpoint's position in the ledger, the same in both layers), so that derived results
        /// can be cached by it.
        public var key: Int
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
        try walkMoments(layer: layer, dates: dates, knownOn: knownOn, tracksFrontline: tracksFrontline, history: history, lazy: false) { date, moment in
            try visit(date, moment.state!)
        }
    }

    /// `walk`, seeing at each date the state and the checkpoint it is made of alone; with `lazy`,
    /// such a state is not built (for totals, which the checkpoint gives without an overlay).
    public func walkMoments(layer: Layer, dates: [CalendarDate], knownOn: CalendarDate? = nil, tracksFrontline: Bool = false, history: Bool = false,
                            lazy: Bool, _ visit: (CalendarDate, Moment) throws -> Void) throws {
        let positions = resolved.indices.filter { resolved[$0].claim.isIn(layer) && Self.isKnown(resolved[$0].claim, on: knownOn) }
        let claims = positions.map { resolved[$0] }
        let ordered = dates.sorted()
        let restarts = history ? [] : Self.checkpoints(claims, baselineControllers: Set(baseline.pieces.map(\.controller)))
        // The baseline's state, made once when first needed: each checkpoint starts again from a
        // copy of it (the pieces and their borders are shared until changed).
        var fresh: ControlState?
        var state: ControlState?
        var pending: Int?
        var lastVersion = 0
        func materialize() throws {
            guard state == nil else { return }
            if fresh == nil { fresh = try makeState(expectedPieces: claims.count, tracksFrontline: tracksFrontline) }
            var rebuilt = fresh!
            if let checkpoint = pending {
                rebuilt.continueNumbering(afterVersion: lastVersion)
                try rebuilt.apply(claims[checkpoint], scope: nil)
            }
            state = rebuilt
        }
        var next = 0
        if let first = ordered.first, let start = restarts.filter({ claims[$0].claim.date <= first }).max() { next = start }
        let restartSet = Set(restarts)
        for date in ordered {
            // The claims of one date go in as one batch (across dates, later claims cover
            // earlier ones so much that cutting each by the union of the later would cost more).
            var batch: [ResolvedClaim] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                try materialize()
                pending = nil
                try state!.apply(batch, scope: { $0.claim.region.flatMap { self.exactScopes[$0] } })
                batch = []
            }
            while next < claims.count && claims[next].claim.date <= date {
                if restartSet.contains(next) {
                    try flush()
                    lastVersion = max(lastVersion, state?.version ?? 0) + 1
                    (state, pending) = (nil, next)
                } else {
                    if let last = batch.last, last.claim.date != claims[next].claim.date { try flush() }
                    batch.append(claims[next])
                }
                next += 1
            }
            try flush()
            let checkpoint = pending.map { claims[$0] }
            if !(lazy && checkpoint != nil) { try materialize() }
            try visit(date, Moment(state: state, checkpoint: checkpoint, key: pending.map { -1 - positions[$0] } ?? state!.version))
        }
    }

    /// The control geometries of a moment: a state's (`ControlState.controls()`), or a
    /// checkpoint's own: its area to its controller, the rest of the theatre to `ceded_to`.
    public func controls(of moment: Moment) throws -> ControlState.Controls {
        guard let checkpoint = moment.checkpoint, let area = checkpoint.area, let cededTo = checkpoint.claim.cededTo else { return try moment.state!.controls() }
        let rest = try GridPolicy.withoutSlivers(try resolver.theatre.difference(area, gridSize: GridPolicy.gridSize))
        let areas = self.areas(of: moment)
        guard (areas[cededTo] ?? 0) > 0 else { return ControlState.Controls(byController: [checkpoint.claim.controller: area], dominant: checkpoint.claim.controller, others: nil) }
        let controllerDominates = (areas[checkpoint.claim.controller] ?? 0, cededTo) > (areas[cededTo] ?? 0, checkpoint.claim.controller)
        return ControlState.Controls(byController: [checkpoint.claim.controller: area, cededTo: rest],
                                     dominant: controllerDominates ? checkpoint.claim.controller : cededTo, others: controllerDominates ? rest : area)
    }

    /// Area per controller in m² of a moment (`ControlState.areas()`, or a checkpoint's).
    public func areas(of moment: Moment) -> [String: Double] {
        guard let checkpoint = moment.checkpoint, checkpoint.area != nil, let cededTo = checkpoint.claim.cededTo else { return moment.state!.areas() }
        let theatre = resolver.baselinePieces.reduce(0) { $0 + $1.area }
        var areas = [checkpoint.claim.controller: checkpoint.areaSquareMetres]
        if theatre - checkpoint.areaSquareMetres > 0 { areas[cededTo] = theatre - checkpoint.areaSquareMetres }
        return areas
    }

    /// The claims (or `baseline`) behind each controller's area: a state's pieces', or a
    /// checkpoint's: its controller's area is the checkpoint's, and `ceded_to` holds the baseline's
    /// area it held and what the checkpoint made its controller give up.
    public func claimsBehind(_ moment: Moment) -> [String: [String]] {
        guard let checkpoint = moment.checkpoint, let cededTo = checkpoint.claim.cededTo else {
            var result: [String: [String]] = [:]
            for piece in moment.state!.pieces.values { result[piece.controller, default: []].append(piece.claim) }
            return result
        }
        var ceded: [String] = []
        if baseline.pieces.contains(where: { $0.controller == cededTo }) { ceded.append(ControlState.baselineLineage) }
        if baseline.pieces.contains(where: { $0.controller == checkpoint.claim.controller }) { ceded.append(checkpoint.claim.id) }
        return [checkpoint.claim.controller: [checkpoint.claim.id], cededTo: ceded]
    }

    /// The baseline's area in µm², as the running totals count it.
    var theatreMicroSquareMetres: Int64 { resolver.baselinePieces.reduce(0) { $0 + ControlState.micro($1.area) } }

    /// The running totals (m² per controller, m of frontline per controller) of a state that is a
    /// checkpoint alone: its controller holds its area and `ceded_to` the rest of the theatre; the
    /// frontline is the area's boundary away from the theatre's outline. The same integers as the
    /// state would keep, up to the rounding of its pieces (µm² each).
    /// `measured`: checkpoints' `frontlineAway` already taken, by their moment's key.
    public func totals(of moment: Moment, tracksFrontline: Bool, measured: [Int: Double] = [:]) -> (areas: [String: Double], frontline: [String: Double]) {
        guard let checkpoint = moment.checkpoint, let area = checkpoint.area, let cededTo = checkpoint.claim.cededTo else {
            return (moment.state!.areaByController, moment.state!.frontlineByController)
        }
        let held = ControlState.micro(checkpoint.areaSquareMetres)
        var areas: [String: Int64] = [checkpoint.claim.controller: held, cededTo: theatreMicroSquareMetres - held]
        areas = areas.filter { $0.value != 0 }
        var frontline: [String: Double] = [:]
        if tracksFrontline, let away = measured[moment.key] ?? frontlineAway(of: checkpoint) {
            let length = ControlState.micro(away)
            if length != 0, areas[cededTo] != nil { frontline = [checkpoint.claim.controller: Double(length) / 1e6, cededTo: Double(length) / 1e6] }
        }
        return (areas.mapValues { Double($0) / 1e6 }, frontline)
    }

    /// A checkpoint's frontline alone (m): its area's boundary away from the theatre's outline;
    /// nil when there is no outline to measure it against.
    public func frontlineAway(of checkpoint: ResolvedClaim) -> Double? {
        guard let area = checkpoint.area, let outline = resolver.outlineProximity ?? outlineOnGrid else { return nil }
        return SharedBorder.lengthAway(of: area, excludingNear: outline)
    }

    /// The checkpoints of a layer that a walk over `dates` (ascending) may find alone at a date
    /// (the latest at or before it), as positions in `resolved`, which their moments' keys name
    /// (`-1 - position`). Known before the walk, so that they can be measured beside it.
    public func checkpointsAlone(layer: Layer, dates: [CalendarDate]) -> [Int] {
        let positions = resolved.indices.filter { resolved[$0].claim.isIn(layer) }
        let found = Self.checkpoints(positions.map { resolved[$0] }, baselineControllers: Set(baseline.pieces.map(\.controller))).sorted().map { positions[$0] }
        var result: [Int] = []
        var next = 0
        for date in dates {
            while next < found.count && resolved[found[next]].claim.date <= date { next += 1 }
            if next > 0, result.last != found[next - 1] { result.append(found[next - 1]) }
        }
        return result
    }

    /// The claims that snapshots and diffs within `dates` read, resolved: those up to the last
    /// date, from the latest claim at or before the first date that is a checkpoint in both
    /// layers on. A checkpoint makes every earlier claim irrelevant to the partition
    /// (`checkpoints`) and supersedes their unlocated markers, so each answer is the one the
    /// whole ledger gives. Nil when no such checkpoint is found among the last few candidates
    /// (each costs a resolution): then every claim is resolved.
    static func window(_ claims: [Claim], answering dates: ClosedRange<CalendarDate>, resolver: ClaimResolver,
                       baselineControllers: Set<String>) throws -> [ResolvedClaim]? {
        let end = claims.firstIndex { $0.date > dates.upperBound } ?? claims.count
        var before = claims.firstIndex { $0.date > dates.lowerBound } ?? claims.count
        for _ in 0..<3 {
            // A claim in the assessed layer is in the claimed one too.
            guard let index = claims[..<before].lastIndex(where: { $0.isTheatreExact && $0.isIn(.assessed) && !$0.polygons.isEmpty }) else {
                return nil
            }
            before = index
            let checkpoint = try resolver.resolve([claims[index]])[0]
            guard checkpoint.area != nil else { continue }
            // Who may hold ground there: the baseline's controllers and all that any earlier
            // claim of the layer touches, as if each were located and none a checkpoint. That is
            // more than a replay finds (an unlocated claim moves nothing and is no checkpoint),
            // so a checkpoint found here is one of the replay's.
            let inBoth = Layer.allCases.allSatisfy { layer in
                var holders = baselineControllers
                for claim in claims[..<index] where claim.isIn(layer) { holders.formUnion(touched(by: claim)) }
                return holders.isSubset(of: touched(by: claims[index]))
            }
            guard inBoth else { continue }
            return [checkpoint] + (try resolver.resolve(Array(claims[(index + 1)..<end])))
        }
        return nil
    }

    /// The controllers whose ground a claim can change: its own, and an exact claim's `ceded_to`.
    static func touched(by claim: Claim) -> Set<String> {
        var touched: Set<String> = [claim.controller]
        if let cededTo = claim.cededTo, claim.mode == .exact { touched.insert(cededTo) }
        return touched
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
            let touched = touched(by: claim)
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
        try walkBothMoments(dates: dates, knownOn: knownOn, tracksFrontline: tracksFrontline, history: history) { date, assessed, claimed in
            try visit(date, assessed.state!, claimed.state!)
        }
    }

    /// `walkBoth` with each layer's `Moment` (its state, and the checkpoint it is alone).
    public func walkBothMoments(dates: [CalendarDate], knownOn: CalendarDate? = nil, tracksFrontline: Bool = false, history: Bool = false, lazy: Bool = false,
                                _ visit: (CalendarDate, Moment, Moment) throws -> Void) throws {
        let ordered = dates.sorted()
        let walks = try Parallel.map(Layer.allCases) { layer in
            var moments: [Moment] = []
            try self.walkMoments(layer: layer, dates: ordered, knownOn: knownOn, tracksFrontline: tracksFrontline && layer == .claimed,
                                 history: history, lazy: lazy) { _, moment in
                moments.append(moment)
            }
            return moments
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

