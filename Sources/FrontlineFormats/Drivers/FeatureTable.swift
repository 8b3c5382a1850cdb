import FrontlineEngine
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// What a format driver writes: typed features with their attributes, the members of the whole
/// (`date`, `layer`, ...) and the actors, for formats that style by controller. Made from one
/// `Snapshot`, or from the snapshots of a timeline (each feature dated, with its validity).
public struct FeatureTable: Sendable {
    public var features: [SnapshotFeature]
    public var metadata: JSONObject
    public var actors: [Actor]

    public init(features: [SnapshotFeature], metadata: JSONObject, actors: [Actor]) {
        (self.features, self.metadata, self.actors) = (features, metadata, actors)
    }

    /// One snapshot.
    public init(_ snapshot: Snapshot) {
        self.init(features: snapshot.features(), metadata: snapshot.metadata, actors: snapshot.actors)
    }

    /// Every snapshot's features in one table, each with `date`, `valid_from` and `valid_to`
    /// (exclusive: the next snapshot's date, or the day after the last) and its id prefixed with
    /// its date, for QGIS's Temporal Controller, kepler.gl and Google Earth.
    public init(timeline snapshots: [Snapshot], layer: Layer, dates: [CalendarDate], actors: [Actor]) {
        var features: [SnapshotFeature] = []
        for (index, snapshot) in snapshots.enumerated() {
            let date = snapshot.date
            let validTo = index + 1 < snapshots.count ? snapshots[index + 1].date : date.adding(days: 1)
            for var feature in snapshot.features() {
                feature.properties["date"] = .string(date.description)
                feature.properties["valid_from"] = .string(date.description)
                feature.properties["valid_to"] = .string(validTo.description)
                feature.id = "\(date)/\(feature.id)"
                features.append(feature)
            }
        }
        self.init(features: features, metadata: JSONObject([
            "layer": .string(layer.rawValue),
            "dates": .array(dates.map { .string($0.description) }),
            "note": "valid_to is exclusive: a feature holds from valid_from up to the day before valid_to",
        ]), actors: actors)
    }

    /// As a GeoJSON FeatureCollection, the metadata as foreign members.
    public var featureCollection: FeatureCollection {
        FeatureCollection(features: features.map(\.feature), foreignMembers: metadata)
    }
}
