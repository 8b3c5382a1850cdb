import GeoJSON
import Geometry

/// A snapshot: the control of the theatre at a date, as a GeoJSON FeatureCollection with
/// foreign members `date` (and `known_on`) and features of `properties.kind`:
/// `control` (one per controller), `band` (per controller, the area it holds in the claimed
/// layer but not in the assessed one: the uncertainty), `frontline`, `unlocated` (one per
/// unlocated claim, at its point or its region's representative point) and, with lineage,
/// `piece`. Features carry simplestyle-spec properties (`fill`, `stroke`, `title`, ...) from the
/// actors' colours, so geojson.io and GitHub draw them as intended.
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

    public func snapshot(at date: CalendarDate, options: Options) throws -> FeatureCollection {
        var result: FeatureCollection?
        try tracker.walkBoth(dates: [date], knownOn: options.knownOn) { _, assessed, claimed in
            result = try collection(date: date, assessed: assessed, claimed: claimed, options: options)
        }
        return result!
    }

    /// Builds the features from both layers' states at `date`, and their control geometries
    /// (`ControlState.controls()`) when already at hand.
    public func collection(date: CalendarDate, assessed: ControlState, claimed: ControlState, options: Options,
                           assessedControls: ControlState.Controls? = nil, claimedControls: ControlState.Controls? = nil) throws -> FeatureCollection {
        let state = options.layer == .claimed ? claimed : assessed
        let layer = options.layer.rawValue
        let assessedControls = try assessedControls ?? assessed.controls()
        let claimedControls = try claimedControls ?? claimed.controls()
        let controls = (options.layer == .claimed ? claimedControls : assessedControls).byController
        let areas = state.areas()
        let bands = try uncertaintyBands(assessed: assessedControls, claimed: claimedControls)
        var lineage: [String: [String]] = [:]
        let order = Dictionary(tracker.resolved.enumerated().map { ($1.claim.id, $0) }, uniquingKeysWith: { a, _ in a })
        for piece in state.pieces.values { lineage[piece.controller, default: []].append(piece.claim) }
        var features: [Feature] = []
        for controller in controls.keys.sorted() {
            let claims = Set(lineage[controller] ?? []).sorted { (order[$0] ?? -1, $0) < (order[$1] ?? -1, $1) }
            let area = (areas[controller] ?? 0) / 1e6
            let band = bands[controller].map { Geodesic.area(of: $0) / 1e6 } ?? 0
            var properties = JSONObject([
                "kind": "control", "controller": .string(controller), "layer": .string(layer),
                "area_km2": .number(area), "band_km2": .number(band), "claims": .array(claims.map { .string($0) }),
            ])
            let name = tracker.actor(controller)?.name ?? controller
            properties["name"] = .string(name)
            Style.apply(to: &properties, fill: color(controller), fillOpacity: 0.55, stroke: color(controller), strokeWidth: 1,
                title: "\(name): \(Style.km2(area)) (\(layer) layer)",
                description: "\(Style.km2(band)) of it claimed but not assessed; \(claims.count) claim\(claims.count == 1 ? "" : "s") behind it")
            features.append(Feature(id: .string("control:\(controller)"), geometry: controls[controller]!.geoJSON(decimals: ControlState.gridDecimals), properties: properties))
        }
        for controller in bands.keys.sorted() {
            let geometry = bands[controller]!
            let area = Geodesic.area(of: geometry) / 1e6
            var properties = JSONObject([
                "kind": "band", "controller": .string(controller), "layer": .string(layer), "area_km2": .number(area),
            ])
            let name = tracker.actor(controller)?.name ?? controller
            Style.apply(to: &properties, fill: "#ffffff", fillOpacity: 0.45, stroke: color(controller), strokeWidth: 1,
                title: "Claimed for \(name), not assessed: \(Style.km2(area))",
                description: "The uncertainty band: held by \(name) in the claimed layer but not in the assessed layer")
            features.append(Feature(id: .string("band:\(controller)"), geometry: geometry.geoJSON(decimals: ControlState.gridDecimals), properties: properties))
        }
        let frontline = try FrontlineGeometry.compute(controls)
        var frontlineProperties = JSONObject(["kind": "frontline", "layer": .string(layer), "length_km": .number(frontline.length / 1000)])
        Style.apply(to: &frontlineProperties, stroke: "#111111", strokeWidth: 3, title: "Frontline: \(Report.fixed(frontline.length / 1000, decimals: 1)) km",
            description: "Boundary between areas of different controllers (\(layer) layer)")
        features.append(Feature(id: .string("frontline"), geometry: frontline.lines.geoJSON(decimals: ControlState.gridDecimals), properties: frontlineProperties))
        for resolved in tracker.claims(layer: options.layer, upTo: date, knownOn: options.knownOn) where resolved.area == nil {
            features.append(try unlocatedFeature(resolved, layer: layer))
        }
        if options.lineage {
            for piece in try state.lineage() {
                var properties = JSONObject([
                    "kind": "piece", "claim": .string(piece.claim), "controller": .string(piece.controller),
                    "layer": .string(layer), "area_km2": .number(piece.area / 1e6),
                ])
                Style.apply(to: &properties, fill: color(piece.controller), fillOpacity: 0.2, stroke: color(piece.controller), strokeWidth: 0.5,
                    title: "\(piece.claim): \(Style.km2(piece.area / 1e6))", description: "Area put under \(piece.controller) by \(piece.claim)")
                features.append(Feature(
                    id: .string("piece:\(piece.claim):\(piece.controller)"), geometry: piece.geometry.geoJSON(decimals: ControlState.gridDecimals),
                    properties: properties))
            }
        }
        var foreign = JSONObject(["date": .string(date.description), "layer": .string(layer)])
        if let knownOn = options.knownOn { foreign["known_on"] = .string(knownOn.description) }
        return FeatureCollection(features: features, foreignMembers: foreign)
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
                difference = try assessedOthers.difference(claimedOthers, gridSize: ControlState.gridSize)
            } else if let held = assessed.byController[controller] {
                difference = try geometry.difference(held, gridSize: ControlState.gridSize)
            } else {
                difference = geometry
            }
            let band = try ControlState.withoutSlivers(difference)
            if Geodesic.area(of: band) > 0 { bands[controller] = band }
        }
        return bands
    }

    func color(_ controller: String) -> String { tracker.actor(controller)?.color ?? "#888888" }

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
        properties["marker-color"] = .string(color(claim.controller))
        properties["marker-symbol"] = "cross"
        properties["title"] = .string("\(claim.date) \(claim.claimant): \(claim.note ?? claim.id)")
        properties["description"] = .string("Unlocated claim \(claim.id) (\(claim.status.rawValue)): \(claim.source.url ?? claim.source.title ?? "")")
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

/// simplestyle-spec 1.1.0 properties (read by geojson.io, GitHub, Mapbox tools).
enum Style {
    static func apply(
        to properties: inout JSONObject, fill: String? = nil, fillOpacity: Double? = nil, stroke: String? = nil,
        strokeWidth: Double? = nil, title: String, description: String
    ) {
        if let fill { properties["fill"] = .string(fill) }
        if let fillOpacity { properties["fill-opacity"] = .number(fillOpacity) }
        if let stroke { properties["stroke"] = .string(stroke) }
        if let strokeWidth { properties["stroke-width"] = .number(strokeWidth) }
        properties["title"] = .string(title)
        properties["description"] = .string(description)
    }

    /// "12,345.6 km²"
    static func km2(_ value: Double) -> String {
        let fixed = Report.fixed(value, decimals: 1)
        let parts = fixed.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        let negative = integer.hasPrefix("-")
        if negative { integer.removeFirst() }
        var grouped = ""
        for (index, character) in integer.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (negative ? "-" : "") + String(grouped.reversed()) + (parts.count > 1 ? "." + parts[1] : "") + " km²"
    }
}
