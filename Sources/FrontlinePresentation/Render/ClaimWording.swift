import FrontlineEngine
import FrontlineModel

/// A claim in plain words, for readers who know no ids: "Azerbaijan took Talish and
/// Madagiz", "claimed by Azerbaijan (president)", and where it is not on the map, why.
struct ClaimWording {
    /// Actors by id.
    let actors: [String: Actor]
    /// Regions and settlements by id.
    let names: [String: String]

    func actor(_ id: String) -> String { actors[id]?.name ?? id }

    /// "AZ:president" → "Azerbaijan (president)"; a claimant naming no actor stays as written.
    func claimant(_ text: String) -> String {
        guard let colon = text.firstIndex(of: ":"), let actor = actors[String(text[..<colon])] else { return text }
        let rest = text[text.index(after: colon)...].drop { $0 == " " }
        return rest.isEmpty ? actor.name : "\(actor.name) (\(rest))"
    }

    func region(_ id: String) -> String { names[id] ?? id }

    /// "A, B and C"; past `limit` names, the first ones and how many more.
    static func list(_ items: [String], limit: Int = 6) -> String {
        var items = items
        if items.count > limit {
            let more = items.count - (limit - 1)
            items = Array(items.prefix(limit - 1)) + ["\(more) more places"]
        }
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// What the claim is about: its places, its mapped area, or its region.
    func subject(_ resolved: ResolvedClaim) -> String {
        let claim = resolved.claim
        let places = claim.locatedSettlements.map { names[$0] ?? $0 }
        let within = claim.region.map { " in \(region($0))" } ?? ""
        if !places.isEmpty { return Self.list(places) + (claim.region.map { " (\(region($0)))" } ?? "") }
        if claim.geometry != nil { return "an area the source maps" + within }
        if let id = claim.region { return (claim.extent == .full ? "all of " : "part of ") + region(id) }
        return "the whole theatre"
    }

    /// The sentence: who holds what now.
    func headline(_ resolved: ResolvedClaim) -> String {
        let claim = resolved.claim
        let who = actor(claim.controller)
        switch claim.mode {
        case .change:
            return "\(who) took \(subject(resolved))"
        case .exact:
            let scope = claim.region.map(region) ?? "the theatre"
            let ceded = claim.cededTo.map { "; the rest of \(scope) passes to \(actor($0))" } ?? ""
            return "\(who) holds exactly \(subject(resolved))\(ceded)"
        }
    }

    /// On whose word: "claimed by Azerbaijan (president)".
    func attribution(_ claim: Claim) -> String {
        let verb: String
        switch claim.status {
        case .claimed: verb = "claimed"
        case .assessed: verb = "assessed"
        case .confirmed: verb = "confirmed"
        case .retracted: verb = "retracted"
        }
        let reported = claim.reported != claim.date ? ", reported \(claim.reported)" : ""
        return "\(verb) by \(claimant(claim.claimant)) for \(claim.date)\(reported)"
    }

    /// Why a claim is not drawn, when it is not.
    func unlocated(_ resolved: ResolvedClaim) -> String? {
        guard resolved.area == nil else { return nil }
        let claim = resolved.claim
        if claim.region != nil && claim.locatedSettlements.isEmpty && claim.geometry == nil {
            return "Not on the map: the source names no place that can be located; it counts as a claim on \(region(claim.region!)) without an area."
        }
        return "Not on the map: it has no area that can be drawn."
    }
}
