import FrontlineModel
import GeoJSON
import Geometry

/// Builds the `Snapshot` of a date from the ledger: both layers are walked (the uncertainty
/// band needs both), then the layer asked for gives the controls, the frontline, the unlocated
/// claims in force and, with lineage, the pieces.
public struct SnapshotBuilder: Sendable {
    public let tracker: Tracker

    public init(tracker: Tracker) { self.tracker = tracker }

    public struct Options: Sendable {
        public var layer: Layer = .claimed
        public var knownOn: CalendarDate?
        public var lineage = false
        public init(layer: Layer = .claimed, knownOn: CalendarDate? = nil, lineage: Bool = false) {
            self.layer = layer
            self.knownOn = knownOn
            self.lineage = lineage
        }
    }

    public func snapshot(at date: CalendarDate, options: Options) throws -> Snapshot {
        var result: Snapshot?
        try tracker.walkBothMoments(dates: [date], knownOn: options.knownOn, lazy: true) { _, assessed, claimed in
            result = try snapshot(date: date, assessed: assessed, claimed: claimed, options: options)
        }
        return result!
    }

    /// The snapshots of `dates` from one walk of both layers, built in parallel, instead of a
    /// walk per date. With lineage the walk keeps every claim's history (no restart at
    /// checkpoints), so each date's pieces come from its own moment.
    public func snapshots(at dates: [CalendarDate], options: Options) throws -> [Snapshot] {
        struct Moments: Sendable {
            var date: CalendarDate
            var assessed: Tracker.Moment
            var claimed: Tracker.Moment
        }
        var moments: [Moments] = []
        try tracker.walkBothMoments(dates: dates, knownOn: options.knownOn, history: options.lineage, lazy: !options.lineage) { date, assessed, claimed in
            moments.append(Moments(date: date, assessed: assessed, claimed: claimed))
        }
        return try Parallel.map(moments) { moment in
            try snapshot(date: moment.date, assessed: moment.assessed, claimed: moment.claimed, options: options, momentsHaveHistory: options.lineage)
        }
    }

    /// The snapshot from both layers' moments at `date` (`Tracker.walkBothMoments`), and their
    /// control geometries (`Tracker.controls(of:)`) when already at hand. `momentsHaveHistory`:
    /// the moments come from a walk with `history`, whose states hold the lineage.
    public func snapshot(date: CalendarDate, assessed: Tracker.Moment, claimed: Tracker.Moment, options: Options,
                         assessedControls: ControlState.Controls? = nil, claimedControls: ControlState.Controls? = nil,
                         momentsHaveHistory: Bool = false) throws -> Snapshot {
        let moment = options.layer == .claimed ? claimed : assessed
        // Both layers at one checkpoint with nothing after it (a tracker's day: every claim is
        // assessed): one partition, so its controls are built once and there is no band.
        let oneMoment = assessed.key < 0 && assessed.key == claimed.key
        let assessedControls = try assessedControls ?? tracker.controls(of: assessed)
        let claimedControls = try claimedControls ?? (oneMoment ? assessedControls : tracker.controls(of: claimed))
        let controlGeometries = (options.layer == .claimed ? claimedControls : assessedControls).byController
        let areas = tracker.areas(of: moment)
        // Before the output coordinates are made: with a claim of a million vertices, the
        // band's and the frontline's overlays are the peak of memory, and need only the control
        // geometries. The band first: its overlay is the larger, and the frontline's lines are
        // not yet held while it runs.
        let bandGeometries = oneMoment ? [:] : try uncertaintyBands(assessed: assessedControls, claimed: claimedControls)
        let frontline = try FrontlineGeometry.compute(controlGeometries, excludingNear: tracker.resolver.outlineProximity)
        let lineage = tracker.claimsBehind(moment)
        let order = Dictionary(tracker.resolved.enumerated().map { ($1.claim.id, $0) }, uniquingKeysWith: { a, _ in a })

        let bands = bandGeometries.keys.sorted().map { controller in
            // Measured on the geometry written, as pieces are: a band's many small parts drift
            // from their rounded outlines by more than a relative 1e-9.
            let geometry = GridPolicy.output(bandGeometries[controller]!)
            return Snapshot.Band(controller: controller, geometry: geometry, areaKm2: Geodesic.measure(geometry).area / 1e6)
        }
        let bandArea = Dictionary(bands.map { ($0.controller, $0.areaKm2) }, uniquingKeysWith: { a, _ in a })
        let controls = controlGeometries.keys.sorted().map { controller in
            Snapshot.Control(
                controller: controller, geometry: GridPolicy.output(controlGeometries[controller]!), areaKm2: (areas[controller] ?? 0) / 1e6,
                bandKm2: bandArea[controller] ?? 0,
                claims: Set(lineage[controller] ?? []).sorted { (order[$0] ?? -1, $0) < (order[$1] ?? -1, $1) })
        }
        var unlocated: [Snapshot.Unlocated] = []
        for resolved in Self.inForce(tracker.claims(layer: options.layer, upTo: date, knownOn: options.knownOn)) where resolved.area == nil {
            unlocated.append(Snapshot.Unlocated(claim: resolved.claim, geometry: try marker(resolved.claim), reason: resolved.unlocatedReason))
        }
        var pieces: [Snapshot.Piece] = []
        if options.lineage {
            // After a checkpoint the state starts there; a piece's lineage reaches further back.
            let history = !momentsHaveHistory && tracker.hasCheckpoints(layer: options.layer, knownOn: options.knownOn)
            pieces = try self.pieces(history || moment.state == nil ? try tracker.state(layer: options.layer, at: date, knownOn: options.knownOn, history: true) : moment.state!)
        }
        // Measured on the lines written (rounded to the output grid), as a reader of the file would.
        let frontlineLines = GridPolicy.output(frontline.lines)
        return Snapshot(
            date: date, layer: options.layer, knownOn: options.knownOn, actors: tracker.actors, controls: controls, bands: bands,
            frontline: Snapshot.Frontline(geometry: frontlineLines, lengthKm: Geodesic.measure(frontlineLines).lengthKm), unlocated: unlocated, pieces: pieces)
    }

    func pieces(_ state: ControlState) throws -> [Snapshot.Piece] {
        try state.lineage().map { piece in
            // Measured on the geometry written: the replay's running sum of the piece's parts
            // drifts from it (1.1e-7 relative on the shipped ledger).
            let geometry = GridPolicy.output(piece.geometry)
            return Snapshot.Piece(claim: piece.claim, controller: piece.controller, geometry: geometry, areaKm2: Geodesic.measure(geometry).area / 1e6)
        }
    }

    /// The claims (in ledger order) not superseded by a later located exact claim whose scope
    /// holds theirs: one over the whole theatre, or over the same region. An unlocated claim's
    /// marker shows only while the claim is in force.
    static func inForce(_ claims: [ResolvedClaim]) -> [ResolvedClaim] {
        var theatreSuperseded = false
        var regionsSuperseded: Set<String> = []
        var kept: [ResolvedClaim] = []
        for item in claims.reversed() {
            let superseded = theatreSuperseded || item.claim.region.map(regionsSuperseded.contains) ?? false
            if !superseded { kept.append(item) }
            guard item.area != nil, item.claim.mode == .exact else { continue }
            if let region = item.claim.region { regionsSuperseded.insert(region) } else { theatreSuperseded = true }
        }
        return kept.reversed()
    }

    /// Per controller, the claimed-layer area minus the assessed-layer area (empty ones left out).
    /// For the dominant controller of both layers, whose area is the theatre less the others',
    /// that is the others' area in the assessed layer less theirs in the claimed one: a
    /// difference of small geometries instead of theatre-wide ones.
    func uncertaintyBands(assessed: ControlState.Controls, claimed: ControlState.Controls) throws -> [String: Geometry] {
        var bands: [String: Geometry] = [:]
        for (controller, geometry) in claimed.byController {
            let difference: Geometry
            if controller == claimed.dominant, controller == assessed.dominant, let claimedOthers = claimed.others, let assessedOthers = assessed.others {
                difference = try assessedOthers.difference(claimedOthers, gridSize: GridPolicy.gridSize)
            } else if let held = assessed.byController[controller] {
                difference = try geometry.difference(held, gridSize: GridPolicy.gridSize)
            } else {
                difference = geometry
            }
            let band = try GridPolicy.withoutSlivers(difference)
            if Geodesic.area(of: band) > 0 { bands[controller] = band }
        }
        return bands
    }

    /// Where an unlocated claim is shown: its own points, else its region's representative point.
    func marker(_ claim: Claim) throws -> GeoJSONGeometry? {
        if let own = claim.geometry, !own.points.isEmpty {
            return own.points.count == 1 ? .point(own.points[0]) : .multiPoint(PositionList(own.points))
        }
        if let region = claim.region, let point = try tracker.resolver.regions.representativePoint(region) { return point.geoJSON }
        return nil
    }
}
