import GeoJSON
import Geometry

/// A snapshot: the control of the theatre at a date, as a GeoJSON FeatureCollection with
/// foreign members `date` (and `known_on`) and features of `properties.kind`:
/// `control` (one per controller), `frontline`, `unlocated` (one per unlocated claim, at its
/// point or its region's representative point) and, with lineage, `piece`.
public struct SnapshotBuilder {
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

    public func snapshot(at date: CalendarDate, options: Options) throws -> FeatureCollection {
        let state = try tracker.state(layer: options.layer, at: date, knownOn: options.knownOn)
        return try collection(date: date, state: state, options: options)
    }

    /// Builds the features of `state` (which must be the state of `options.layer` at `date`).
    public func collection(date: CalendarDate, state: ControlState, options: Options) throws -> FeatureCollection {
        let layer = options.layer.rawValue
        let controls = try state.controlGeometries()
        let areas = state.areas()
        var lineage: [String: [String]] = [:]
        let order = Dictionary(tracker.resolved.enumerated().map { ($1.claim.id, $0) }, uniquingKeysWith: { a, _ in a })
        for piece in state.pieces.values { lineage[piece.controller, default: []].append(piece.claim) }
        var features: [Feature] = []
        for controller in controls.keys.sorted() {
            let claims = Set(lineage[controller] ?? []).sorted { (order[$0] ?? -1, $0) < (order[$1] ?? -1, $1) }
            var properties = JSONObject([
                "kind": "control", "controller": .string(controller), "layer": .string(layer),
                "area_km2": .number((areas[controller] ?? 0) / 1e6), "claims": .array(claims.map { .string($0) }),
            ])
            if let actor = tracker.actor(controller) { properties["name"] = .string(actor.name) }
            features.append(Feature(id: .string("control:\(controller)"), geometry: controls[controller]!.geoJSON(decimals: ControlState.gridDecimals), properties: properties))
        }
        let frontline = try FrontlineGeometry.compute(controls)
        features.append(Feature(id: .string("frontline"), geometry: frontline.lines.geoJSON(decimals: ControlState.gridDecimals), properties: JSONObject([
            "kind": "frontline", "layer": .string(layer), "length_km": .number(frontline.length / 1000),
        ])))
        for resolved in tracker.claims(layer: options.layer, upTo: date, knownOn: options.knownOn) where resolved.area == nil {
            features.append(try unlocatedFeature(resolved, layer: layer))
        }
        if options.lineage {
            for piece in state.orderedPieces {
                features.append(Feature(
                    id: .string("piece:\(piece.claim):\(piece.controller)"), geometry: piece.geometry.geoJSON(decimals: ControlState.gridDecimals),
                    properties: JSONObject([
                        "kind": "piece", "claim": .string(piece.claim), "controller": .string(piece.controller),
                        "layer": .string(layer), "area_km2": .number(piece.area / 1e6),
                    ])))
            }
        }
        var foreign = JSONObject(["date": .string(date.description), "layer": .string(layer)])
        if let knownOn = options.knownOn { foreign["known_on"] = .string(knownOn.description) }
        return FeatureCollection(features: features, foreignMembers: foreign)
    }

    func unlocatedFeature(_ resolved: ResolvedClaim, layer: String) throws -> Feature {
        let claim = resolved.claim
        var geometry: GeoJSONGeometry?
        if let own = claim.geometry, !own.points.isEmpty {
            geometry = own.points.count == 1 ? .point(own.points[0]) : .multiPoint(PositionList(own.points))
        } else if let region = claim.region, let point = try tracker.resolver.regions.representativePoint(region) {
            geometry = point.geoJSON
        }
        var properties = claimProperties(claim)
        properties["kind"] = "unlocated"
        properties["layer"] = .string(layer)
        if let reason = resolved.unlocatedReason { properties["reason"] = .string(reason) }
        return Feature(id: .string("claim:\(claim.id)"), geometry: geometry, properties: properties)
    }

    /// The claim's own fields, for features that describe it.
    func claimProperties(_ claim: Claim) -> JSONObject {
        var properties = JSONObject([
            "claim": .string(claim.id), "controller": .string(claim.controller), "claimant": .string(claim.claimant),
            "status": .string(claim.status.rawValue), "date": .string(claim.date.description),
            "reported": .string(claim.reported.description), "source": claim.source.json,
        ])
        if let region = claim.region { properties["region"] = .string(region) }
        if !claim.settlements.isEmpty { properties["settlements"] = .array(claim.settlements.map { .string($0) }) }
        if let note = claim.note { properties["note"] = .string(note) }
        return properties
    }
}
