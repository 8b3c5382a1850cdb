import Testing

@testable import FrontlineModel
import GeoJSON

/// The spellings are the sources' own: the ledger's notes and sources (English press), the
/// Wikipedia campaign pages (Azerbaijani Latin), Who's On First (BGN/GeoNames, Russian, Armenian).
@Suite struct PlaceNamesTests {
    @Test(arguments: [
        ["Garakhanbeyli", "Karakhanbeyli", "Qaraxanbəyli", "Караханбейли", "Karakhanbeyly"],
        ["Jafarabad", "Dzhafarabad", "Cəfərabad", "Джафарабад"],
        ["Madagiz", "Madaqiz", "Мадагиз"],
        ["Mataghis", "Մատաղիս"],
        ["Hadrut", "Гадрут", "Հադրութ", "Hadrut’"],
        ["Boyuk Marjanli", "Böyük Mərcanlı", "Bolshoy Mardzhanly", "Marcanli Boyuk"],
        ["Ashaghi Maralyan", "Aşağı Maralyan", "Asagi Maralyan", "Nizhniy Maral'yan"],
        ["Chakhirli", "Çaxırlı", "Chakhyrly", "Чахырлы"],
        ["Shukurbayli", "Şükürbəyli"],
        ["Aghband", "Ağbənd", "Agbend"],
        ["Jabrayil", "Cəbrayıl", "Jabrail"],
    ])
    func spellingsOfOnePlaceShareAKey(_ spellings: [String]) {
        let keys = Set(spellings.map(PlaceName.key))
        #expect(keys.count == 1, "\(spellings): \(keys)")
    }

    @Test func differentPlacesKeepDifferentKeys() {
        let names = ["Mehdili", "Mahmudlu", "Horadiz", "Horovlu", "Talish", "Tulus", "Yukhari Maralyan", "Ashaghi Maralyan", "Fuzuli", "Zangilan", "Shusha", "Shushakend"]
        #expect(Set(names.map(PlaceName.key)).count == names.count)
    }

    static let gazetteer = Gazetteer([
        place("dzhafarabad", "Dzhafarabad", ["Aşağı Fərəcan", "Ашагы Фараджан"], "AZ-LAC"),
        place("dzhafarabad-az-cab", "Dzhafarabad", ["Cəfərabad", "Джафарабад"], "AZ-CAB"),
        place("karakhanbeyli", "Karakhanbeyli", ["Qaraxanbəyli"], "AZ-FUZ"),
        place("tulus", "Tulus", [], "AZ-CAB"),
        place("dezhal", "Dezhal", ["Dəcəl"], "AZ-CAB"),
    ])

    static func place(_ id: String, _ name: String, _ names: [String], _ region: String) -> Settlement {
        Settlement(id: id, name: name, names: names, region: region, position: Position(47, 39.5))
    }

    @Test func aRegionSettlesANameTwoDistrictsShare() {
        guard case .ambiguous(let both) = Self.gazetteer.match("Jafarabad") else { Issue.record("expected two"); return }
        #expect(both.map(\.id) == ["dzhafarabad", "dzhafarabad-az-cab"])
        guard case .found(let one) = Self.gazetteer.match("Jafarabad", regions: ["AZ-CAB"]) else { Issue.record("expected one"); return }
        #expect(one.id == "dzhafarabad-az-cab")
        guard case .found(let byID) = Self.gazetteer.match("dzhafarabad") else { Issue.record("an id names its settlement"); return }
        #expect(byID.region == "AZ-LAC")
    }

    @Test func anUnknownNameGivesTheClosestAndTheSameNameElsewhere() {
        guard case .unknown(let closest, let elsewhere) = Self.gazetteer.match("Garakhanbeyli", regions: ["AZ-CAB"]) else { Issue.record("expected unknown"); return }
        #expect(elsewhere.map(\.id) == ["karakhanbeyli"])
        #expect(closest.count == 3 && Set(closest.map(\.region)) == ["AZ-CAB"])
        guard case .unknown(let near, _) = Self.gazetteer.match("Dejal Kend", regions: ["AZ-CAB"]) else { Issue.record("expected unknown"); return }
        #expect(near.first?.id == "dezhal")
    }
}
