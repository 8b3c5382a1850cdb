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
    /// (exclusive: the next snapshot's date, or the day after the last; null after 9999-12-31,
    /// the last day a date can name) and its id prefixed with its date, for QGIS's Temporal
    /// Controller, kepler.gl and Google Earth.
    public init(timeline snapshots: [Snapshot], layer: Layer, dates: [CalendarDate], actors: [Actor]) {
        var features: [SnapshotFeature] = []
        for (index, snapshot) in snapshots.enumerated() {
            features += Self.timelineFeatures(snapshot, next: index + 1 < snapshots.count ? snapshots[index + 1].date : nil)
        }
        self.init(features: features, metadata: Self.timelineMetadata(layer: layer, dates: dates), actors: actors)
    }

    /// One snapshot's features as a timeline has them; `next` is the following snapshot's date.
    public static func timelineFeatures(_ snapshot: Snapshot, next: CalendarDate?) -> [SnapshotFeature] {
        let date = snapshot.date
        let end = next ?? date.adding(days: 1)
        let validTo: JSONValue = end.year > 9999 ? .null : .string(end.description)
        return snapshot.features().map { item in
            var feature = item
            feature.properties["date"] = .string(date.description)
            feature.properties["valid_from"] = .string(date.description)
            feature.properties["valid_to"] = validTo
            feature.id = "\(date)/\(feature.id)"
            return feature
        }
    }

    /// The members of a timeline table.
    public static func timelineMetadata(layer: Layer, dates: [CalendarDate]) -> JSONObject {
        JSONObject([
            "layer": .string(layer.rawValue),
            "dates": .array(dates.map { .string($0.description) }),
            "note": "valid_to is exclusive: a feature holds from valid_from up to the day before valid_to",
        ])
    }

    /// As a GeoJSON FeatureCollection, the metadata as foreign members.
    public var featureCollection: FeatureCollection {
        FeatureCollection(features: features.map(\.feature), foreignMembers: metadata)
    }
}

extension SnapshotFeature {
    /// The feature as every file writes it: its rings wound as RFC 7946 asks (exteriors
    /// counter-clockwise, in KML, GeoPackage and WKT as in GeoJSON), an empty geometry as none
    /// (null), and with `decimals` (`--precision`) its geometry snap-rounded onto that decimal
    /// grid, so that it stays valid (`GeoJSONGeometry.onDecimalGrid`). A geometry that the
    /// grid reduces to nothing is refused, naming the feature and the precision it needs.
    public func prepared(decimals: Int?) throws -> SnapshotFeature {
        var feature = self
        guard let geometry, !geometry.isEmpty else {
            feature.geometry = nil
            return feature
        }
        guard let decimals else {
            feature.geometry = geometry.withRFC7946Winding
            return feature
        }
        feature.geometry = try OutputPrecision.round(geometry, decimals: decimals, feature: id).withRFC7946Winding
        return feature
    }
}

/// `--precision N`: geometry written on the decimal grid of N places.
public enum OutputPrecision {
    /// `geometry` snap-rounded onto the grid (`GeoJSONGeometry.onDecimalGrid`), valid; one that
    /// the grid reduces to nothing is refused, naming `feature` and the precision it needs.
    public static func round(_ geometry: GeoJSONGeometry, decimals: Int, feature: String) throws -> GeoJSONGeometry {
        let rounded = try rounding(geometry, decimals)
        guard rounded.isEmpty && !geometry.isEmpty else { return rounded }
        let enough = (decimals + 1...15).first { (try? rounding(geometry, $0).isEmpty) == false }
        throw UsageError("--precision \(decimals): \(feature) has no area or length left on a grid of \(JSONWriter.formatNumber(1 / powerOfTen(decimals), decimals: decimals))°"
            + (enough.map { "; it needs --precision \($0) or more" } ?? ""))
    }

    private static func rounding(_ geometry: GeoJSONGeometry, _ decimals: Int) throws -> GeoJSONGeometry {
        try Geometry(geometry).onDecimalGrid(decimals)
    }
}

extension FeatureTable {
    /// Its features as GeoJSON, each with the table's `date` where it has none of its own: for
    /// formats whose layers carry no collection members (GeoPackage, FlatGeobuf).
    public var datedFeatures: [(kind: SnapshotFeature.Kind, feature: Feature)] {
        let date = metadata["date"]
        return features.map { item in
            var feature = item.feature
            if let date, feature.properties?["date"] == nil { feature.properties?["date"] = date }
            return (item.kind, feature)
        }
    }

    /// The table as files are written (`SnapshotFeature.prepared`): what every driver is given.
    public func prepared(decimals: Int?) throws -> FeatureTable {
        var table = self
        table.features = try features.map { try $0.prepared(decimals: decimals) }
        return table
    }
}
