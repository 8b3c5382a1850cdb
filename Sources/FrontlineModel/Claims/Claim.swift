import GeoJSON
import Geometry

/// One dated control claim: who claims which area is controlled by whom from when, on which
/// source. The primary record of the ledger (`claims/*.geojson`).
public struct Claim: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case claimed, assessed, confirmed, retracted
    }

    public enum Extent: String, Sendable, CaseIterable {
        case full, partial
    }

    /// How a claim changes the partition. `change` (the default): the controller gains the
    /// claim's area, everyone else loses it. `exact`: within the claim's scope (its region, else
    /// the whole theatre) the controller holds exactly the claim's area from then on; what it held
    /// elsewhere in the scope passes to `cededTo`. A tracker's daily state is an exact claim.
    public enum Mode: String, Sendable, CaseIterable {
        case change, exact
    }

    /// A file a claim was made from (by `frontline ingest`), so that it can be traced and checked.
    public struct SourceFile: Sendable, Equatable {
        public var name: String
        public var sha256: String
        public init(name: String, sha256: String) { (self.name, self.sha256) = (name, sha256) }
    }

    public struct Source: Sendable, Equatable {
        public var url: String?
        public var title: String?
        public var publisher: String?
        public var quote: String?
        public var files: [SourceFile] = []

        public init(url: String? = nil, title: String? = nil, publisher: String? = nil, quote: String? = nil, files: [SourceFile] = []) {
            (self.url, self.title, self.publisher, self.quote, self.files) = (url, title, publisher, quote, files)
        }

        public var json: JSONValue {
            var object = JSONObject()
            if let url { object["url"] = .string(url) }
            if let title { object["title"] = .string(title) }
            if let publisher { object["publisher"] = .string(publisher) }
            if let quote { object["quote"] = .string(quote) }
            if !files.isEmpty {
                object["files"] = .array(files.map { .object(JSONObject(["name": .string($0.name), "sha256": .string($0.sha256)])) })
            }
            return .object(object)
        }
    }

    public var id: String
    /// When the claimed control takes effect.
    public var date: CalendarDate
    /// When the claim became public (defaults to `date`).
    public var reported: CalendarDate
    public var controller: String
    public var claimant: String
    public var status: Status
    public var region: String?
    public var extent: Extent
    public var mode: Mode
    /// With `mode == .exact`: who gets what the controller held in the scope outside the area.
    public var cededTo: String?
    public var settlements: [String]
    /// Places named as the source spells them (`"places"`), each with the settlement it was
    /// resolved to (`Gazetteer.match`, within the claim's region).
    public var places: [Place]
    public var geometry: GeoJSONGeometry?
    public var source: Source
    public var note: String?
    /// Where it was read from, for messages.
    public var file: String
    public var index: Int

    public init(
        id: String, date: CalendarDate, reported: CalendarDate? = nil, controller: String, claimant: String, status: Status,
        region: String? = nil, extent: Extent = .full, mode: Mode = .change, cededTo: String? = nil, settlements: [String] = [], places: [Place] = [],
        geometry: GeoJSONGeometry? = nil, source: Source, note: String? = nil, file: String = "", index: Int = 0
    ) {
        self.id = id
        self.date = date
        self.reported = reported ?? date
        self.controller = controller
        self.claimant = claimant
        self.status = status
        self.region = region
        self.extent = extent
        self.mode = mode
        self.cededTo = cededTo
        self.settlements = settlements
        self.places = places
        self.geometry = geometry
        self.source = source
        self.note = note
        self.file = file
        self.index = index
    }

    /// The ledger order: by date, then report date, then id.
    public static func ledgerOrder(_ a: Claim, _ b: Claim) -> Bool {
        if a.date != b.date { return a.date < b.date }
        if a.reported != b.reported { return a.reported < b.reported }
        return a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
    }

    /// An exact claim over the whole theatre: the state after it does not depend on the claims
    /// before it (where only its controller and `cededTo` held ground), so a snapshot can start there.
    public var isTheatreExact: Bool { mode == .exact && region == nil }

    /// The same claim with another mode.
    public func withMode(_ mode: Mode) -> Claim {
        var copy = self
        copy.mode = mode
        if mode == .change { copy.cededTo = nil }
        return copy
    }

    /// A place as the source names it and the settlement (id) it stands for.
    public struct Place: Sendable, Equatable {
        public var name: String
        public var settlement: String
        public init(name: String, settlement: String) {
            self.name = name
            self.settlement = settlement
        }
    }

    /// The settlements the claim stands on: those named by id, then those its places resolve to.
    public var locatedSettlements: [String] {
        var seen = Set(settlements)
        return settlements + places.map(\.settlement).filter { seen.insert($0).inserted }
    }

    /// Polygons of the claim's own geometry (points are display locations only).
    public var polygons: [[PositionList]] { geometry?.polygons ?? [] }

    /// Whether the claim belongs to a layer.
    public func isIn(_ layer: Layer) -> Bool {
        switch layer {
        case .assessed: return status == .assessed || status == .confirmed
        case .claimed: return status != .retracted
        }
    }

    /// The claim as a ledger feature (the schema of `claims/*.geojson`).
    public var feature: Feature {
        var properties = JSONObject()
        properties["date"] = .string(date.description)
        if reported != date { properties["reported"] = .string(reported.description) }
        properties["controller"] = .string(controller)
        properties["claimant"] = .string(claimant)
        properties["status"] = .string(status.rawValue)
        if let region { properties["region"] = .string(region) }
        if extent != .full || region != nil { properties["extent"] = .string(extent.rawValue) }
        if mode != .change { properties["mode"] = .string(mode.rawValue) }
        if let cededTo { properties["ceded_to"] = .string(cededTo) }
        if !settlements.isEmpty { properties["settlements"] = .array(settlements.map { .string($0) }) }
        if !places.isEmpty { properties["places"] = .array(places.map { .string($0.name) }) }
        properties["source"] = source.json
        if let note { properties["note"] = .string(note) }
        return Feature(id: .string(id), geometry: geometry, properties: properties)
    }
}

/// The two views of the ledger: `assessed` (assessed or confirmed claims) and `claimed` (every
/// claim not retracted). The difference between them is the uncertainty band.
public enum Layer: String, Sendable, CaseIterable {
    case assessed, claimed
}
