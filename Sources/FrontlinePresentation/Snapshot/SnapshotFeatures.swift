import FrontlineEngine
import FrontlineModel
import GeoJSON
import Geometry

/// One feature of a snapshot as every format writes it: its kind (typed), its id, its geometry
/// (in output form, as the snapshot holds it) and its attributes, simplestyle properties included.
public struct SnapshotFeature: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case control, band, frontline, unlocated, piece
    }

    public var kind: Kind
    public var id: String
    public var geometry: GeoJSONGeometry?
    /// Attributes, `kind` among them (so that a GeoJSON reader can filter on it).
    public var properties: JSONObject

    public init(kind: Kind, id: String, geometry: GeoJSONGeometry?, properties: JSONObject) {
        (self.kind, self.id, self.geometry, self.properties) = (kind, id, geometry, properties)
    }

    /// As a GeoJSON Feature.
    public var feature: Feature { Feature(id: .string(id), geometry: geometry, properties: properties) }
}

extension Snapshot {
    /// The features in file order: controls, bands, the frontline, unlocated claims, pieces.
    public func features() -> [SnapshotFeature] {
        let layer = self.layer.rawValue
        var features: [SnapshotFeature] = []
        for control in controls {
            let name = actor(control.controller)?.name ?? control.controller
            let color = Style.color(of: control.controller, in: actors)
            var properties = JSONObject([
                "kind": "control", "controller": .string(control.controller), "layer": .string(layer),
                "area_km2": .number(control.areaKm2), "band_km2": .number(control.bandKm2), "claims": .array(control.claims.map { .string($0) }),
            ])
            properties["name"] = .string(name)
            Style.apply(to: &properties, fill: color, fillOpacity: 0.55, stroke: color, strokeWidth: 1,
                title: "\(name): \(Style.km2(control.areaKm2)) (\(layer) layer)",
                description: "\(Style.km2(control.bandKm2)) of it claimed but not assessed; \(control.claims.count) claim\(control.claims.count == 1 ? "" : "s") behind it")
            features.append(SnapshotFeature(kind: .control, id: "control:\(control.controller)", geometry: control.geometry, properties: properties))
        }
        for band in bands {
            var properties = JSONObject([
                "kind": "band", "controller": .string(band.controller), "layer": .string(layer), "area_km2": .number(band.areaKm2),
            ])
            let name = actor(band.controller)?.name ?? band.controller
            Style.apply(to: &properties, fill: "#ffffff", fillOpacity: 0.45, stroke: Style.color(of: band.controller, in: actors), strokeWidth: 1,
                title: "Claimed for \(name), not assessed: \(Style.km2(band.areaKm2))",
                description: "The uncertainty band: held by \(name) in the claimed layer but not in the assessed layer")
            features.append(SnapshotFeature(kind: .band, id: "band:\(band.controller)", geometry: band.geometry, properties: properties))
        }
        var frontlineProperties = JSONObject(["kind": "frontline", "layer": .string(layer), "length_km": .number(frontline.lengthKm)])
        Style.apply(to: &frontlineProperties, stroke: "#111111", strokeWidth: 3, title: "Frontline: \(Report.fixed(frontline.lengthKm, decimals: 1)) km",
            description: "Boundary between areas of different controllers (\(layer) layer)")
        // No frontline (one controller holds everything) is no geometry: readers take a null
        // geometry where an empty MultiLineString trips GDAL's and QGIS's extent checks.
        features.append(SnapshotFeature(kind: .frontline, id: "frontline", geometry: frontline.geometry.isEmpty ? nil : frontline.geometry,
                                        properties: frontlineProperties))
        for item in unlocated {
            let claim = item.claim
            var properties = Self.claimProperties(claim)
            // `date` is the snapshot's on every feature (as the collection's, or a timeline's
            // `date`); the claim's own is `claim_date`.
            properties["claim_date"] = properties["date"]
            properties["date"] = nil
            properties["kind"] = "unlocated"
            properties["layer"] = .string(layer)
            if let reason = item.reason { properties["reason"] = .string(reason) }
            properties["marker-color"] = .string(Style.color(of: claim.controller, in: actors))
            properties["marker-symbol"] = "cross"
            properties["title"] = .string("\(claim.date) \(claim.claimant): \(claim.note ?? claim.id)")
            properties["description"] = .string("Unlocated claim \(claim.id) (\(claim.status.rawValue)): \(claim.source.url ?? claim.source.title ?? "")")
            features.append(SnapshotFeature(kind: .unlocated, id: "claim:\(claim.id)", geometry: item.geometry, properties: properties))
        }
        for piece in pieces {
            let color = Style.color(of: piece.controller, in: actors)
            var properties = JSONObject([
                "kind": "piece", "claim": .string(piece.claim), "controller": .string(piece.controller),
                "layer": .string(layer), "area_km2": .number(piece.areaKm2),
            ])
            Style.apply(to: &properties, fill: color, fillOpacity: 0.2, stroke: color, strokeWidth: 0.5,
                title: "\(piece.claim): \(Style.km2(piece.areaKm2))", description: "Area put under \(piece.controller) by \(piece.claim)")
            features.append(SnapshotFeature(kind: .piece, id: "piece:\(piece.claim):\(piece.controller)", geometry: piece.geometry, properties: properties))
        }
        return features
    }

    /// The collection's own members: `date`, `layer` and, for an as-known-on snapshot, `known_on`.
    public var metadata: JSONObject {
        var members = JSONObject(["date": .string(date.description), "layer": .string(layer.rawValue)])
        if let knownOn { members["known_on"] = .string(knownOn.description) }
        return members
    }

    /// The GeoJSON encoding of the snapshot: its features, and `metadata` as foreign members.
    public var featureCollection: FeatureCollection {
        FeatureCollection(features: features().map(\.feature), foreignMembers: metadata)
    }

    /// The claim's own fields, for features that describe it.
    public static func claimProperties(_ claim: Claim) -> JSONObject {
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
