import FrontlineModel
import GeoJSON
import Geometry

/// The control of the theatre at one date, in one layer: what the engine answers and what every
/// format encodes. Areas are geodesic on WGS 84 (an edge is a geodesic), in km²; lengths in km;
/// geometries are in the engine's form (`GridPolicy`).
public struct Snapshot: Sendable {
    /// The area one controller holds.
    public struct Control: Sendable {
        public var controller: String
        public var geometry: GeoJSONGeometry
        /// Sum of its pieces' geodesic areas.
        public var areaKm2: Double
        /// Of it, what only the claimed layer gives it (its uncertainty band), or 0.
        public var bandKm2: Double
        /// The claims (or `baseline`) behind its pieces, in ledger order.
        public var claims: [String]
    }

    /// Area a controller holds in the claimed layer but not in the assessed one.
    public struct Band: Sendable {
        public var controller: String
        public var geometry: GeoJSONGeometry
        public var areaKm2: Double
    }

    /// The boundary between areas of different controllers.
    public struct Frontline: Sendable {
        /// Merged lines; empty when no two controllers meet.
        public var geometry: GeoJSONGeometry
        public var lengthKm: Double
    }

    /// A claim in force that moves no area: shown at its own points or its region's point.
    public struct Unlocated: Sendable {
        public var claim: Claim
        public var geometry: GeoJSONGeometry?
        public var reason: String?
    }

    /// The area one claim (or the baseline) put under a controller and still holds.
    public struct Piece: Sendable {
        public var claim: String
        public var controller: String
        public var geometry: GeoJSONGeometry
        public var areaKm2: Double
    }

    public var date: CalendarDate
    public var layer: Layer
    public var knownOn: CalendarDate?
    /// The dataset's actors (names, colours), for encoders that style by controller.
    public var actors: [Actor]
    /// Ordered by controller.
    public var controls: [Control]
    /// Ordered by controller.
    public var bands: [Band]
    public var frontline: Frontline
    /// In ledger order.
    public var unlocated: [Unlocated]
    /// With lineage only (else empty), ordered by controller then claim.
    public var pieces: [Piece]

    public func actor(_ id: String) -> Actor? { actors.first { $0.id == id } }
}
