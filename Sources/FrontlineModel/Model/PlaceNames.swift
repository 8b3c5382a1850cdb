/// Place names as the sources spell them: the same village is Qaraxanbəyli in Azerbaijani,
/// Karakhanbeyli in the BGN/GeoNames romanisation, Garakhanbeyli in the English press,
/// Караханбейли in Russian. `key` maps every spelling of a name to one comparison key:
/// Cyrillic and Armenian letters romanised, the letters the romanisations render differently
/// folded together (ə/a/e; x/kh; q/g/k/gh/ğ and the h that Russian writes as г; c/j/dzh/zh;
/// ş/sh; ç/ch; ı/i; ö/o; ü/u), doubled letters and a y between vowels dropped, and the
/// qualifying words (Böyük/Boyuk/Bolshoy, Yuxarı/Yukhari/Verkhniy, Aşağı/Ashaghi/Nizhniy,
/// Kiçik/Kichik/Malyy, Orta/Sredniy, Yeni/Novyy) made one word each, in any order.
public enum PlaceName {
    /// The comparison key of a name (see the type's documentation).
    public static func key(_ name: String) -> String {
        let words = romanised(name).split(whereSeparator: { !$0.isLetter }).map { folded(String($0)) }.filter { !$0.isEmpty }
        var qualifiers: [String] = []
        var rest: [String] = []
        for word in words {
            if let canonical = qualifierWords[word] { qualifiers.append(canonical) } else { rest.append(word) }
        }
        return (qualifiers.sorted() + rest).joined()
    }

    /// Edit distance between two keys (Levenshtein, over Unicode scalars), for the closest names.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Lower case, Cyrillic and Armenian romanised letter by letter, other accents kept for `folded`.
    static func romanised(_ name: String) -> String {
        let lowered = name.lowercased()
        // Most names are in Latin letters alone: nothing to romanise.
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return lowered }
        var result = ""
        // Armenian ու is one vowel, u.
        let armenian = lowered.unicodeScalars.contains { (0x0530...0x058F).contains($0.value) }
        for character in armenian ? lowered.replacing("ու", with: "u") : lowered {
            if let latin = scriptLetters[character] { result += latin } else { result.append(character) }
        }
        return result
    }

    /// One word's key: digraphs first (so that the h of sh, ch, kh, gh, zh is not read alone),
    /// then single letters by class, then doubled letters and a y between vowels dropped.
    static func folded(_ word: String) -> String {
        var scalars: [Character] = []
        let letters = Array(word)
        var index = 0
        while index < letters.count {
            let rest = letters[index...]
            if let candidates = digraphsByFirstLetter[letters[index]],
               let (length, symbol) = candidates.lazy.compactMap({ entry in rest.starts(with: entry.0) ? (entry.0.count, entry.1) : nil }).first {
                scalars.append(symbol)
                index += length
                continue
            }
            let letter = letters[index]
            if let symbol = letterClasses[letter] { scalars.append(symbol) } else if let base = Self.base(letter) {
                scalars.append(letterClasses[base] ?? base)
            }
            index += 1
        }
        var result: [Character] = []
        for (position, var symbol) in scalars.enumerated() {
            if symbol == "y" {
                let beforeVowel = position + 1 < scalars.count && vowels.contains(scalars[position + 1])
                // Jabrayil/Jabrail: a y between vowels is a glide the spellings differ on.
                if beforeVowel, let before = result.last, vowels.contains(before) { continue }
                // Chakhyrly/Çaxırlı: before a consonant or at the end, y is the vowel ı.
                if !beforeVowel && !result.isEmpty { symbol = "i" }
            }
            if symbol == result.last { continue }
            result.append(symbol)
        }
        return String(result)
    }

    /// A letter without its accents (é → e), nil for marks and signs (ʼ, ’); other letters as they are.
    static func base(_ letter: Character) -> Character? {
        if let plain = accented[letter] { return plain }
        return letter.isLetter ? letter : nil
    }

    static let accented: [Character: Character] = {
        let groups: [(Character, String)] = [
            ("a", "áàâãåāăąǎ"), ("e", "éèêëēėęě"), ("i", "íìîïīįǐḯ"), ("o", "óòôõøōőǒ"), ("u", "úùûūůűųǔ"), ("y", "ýÿŷ"),
            ("n", "ñńňņ"), ("s", "ś"), ("t", "ţțť"), ("z", "źżẓ"), ("l", "łľĺ"), ("r", "řŕ"), ("d", "ďđ"), ("g", "ġģǧ"),
            ("$", "š"), ("j", "ž"), ("%", "č"), ("k", "ķ"), ("c", "ćĉ"),
        ]
        var table: [Character: Character] = [:]
        for (plain, forms) in groups { for form in forms { table[form] = plain } }
        return table
    }()

    static let vowels: Set<Character> = ["a", "i", "o", "u"]

    static let digraphs: [([Character], Character)] = [
        (["d", "z", "h"], "j"), (["d", "j"], "j"), (["z", "h"], "j"), (["k", "h"], "x"), (["g", "h"], "g"),
        (["s", "h"], "$"), (["c", "h"], "%"), (["t", "s"], "z"), (["y", "e"], "a"), (["y", "a"], "a"), (["y", "u"], "u"),
    ]

    /// `digraphs` by their first letter, in their order (the first that matches wins).
    static let digraphsByFirstLetter = Dictionary(grouping: digraphs, by: { $0.0[0] })

    static let letterClasses: [Character: Character] = [
        "a": "a", "e": "a", "ə": "a", "ä": "a", "i": "i", "ı": "i", "o": "o", "ö": "o", "u": "u", "ü": "u",
        "x": "x", "q": "g", "g": "g", "k": "g", "ğ": "g", "h": "g", "c": "j", "j": "j", "ş": "$", "ș": "$", "ç": "%",
        "w": "v",
    ]

    /// Cyrillic (Russian) and Armenian letters in the BGN romanisations GeoNames uses.
    static let scriptLetters: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y",
        "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
        "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "e", "թ": "t", "ժ": "zh", "ի": "i",
        "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n",
        "շ": "sh", "ո": "o", "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts",
        "ւ": "v", "փ": "p", "ք": "k", "օ": "o", "ֆ": "f", "և": "ev",
    ]

    /// Qualifying words (big, upper, lower, small, middle, new, old) in the forms the sources
    /// use, by their folded key, to one canonical word each.
    static let qualifierWords: [String: String] = {
        let groups: [(String, [String])] = [
            ("1big", ["boyuk", "böyük", "buyuk", "bolshoy", "bolshaya", "bolshoye", "bolshiye", "bolshie", "big"]),
            ("2upper", ["yukhari", "yuxarı", "yuxari", "yukhary", "verkhniy", "verkhnyaya", "verkhneye", "verkhniye", "verkhnie", "upper"]),
            ("3lower", ["ashaghi", "aşağı", "ashagi", "ashaghy", "asagi", "nizhniy", "nizhnyaya", "nizhneye", "nizhniye", "nizhnie", "lower"]),
            ("4small", ["kichik", "kiçik", "kicik", "malyy", "malaya", "maloye", "malyye", "small", "little"]),
            ("5middle", ["orta", "sredniy", "srednyaya", "sredneye", "middle"]),
            ("6new", ["yeni", "novyy", "novaya", "novoye", "novyye", "new"]),
            ("7old", ["kohna", "köhnə", "kohne", "staryy", "staraya", "staroye", "old"]),
        ]
        var table: [String: String] = [:]
        for (canonical, forms) in groups {
            for form in forms { table[folded(romanised(form))] = canonical }
        }
        return table
    }()
}

/// The settlements of a data folder searchable by any of their names (`PlaceName.key`), for
/// claims that name their places as the sources spell them and for `frontline places`.
public struct Gazetteer: Sendable {
    public let settlements: [Settlement]
    let byID: [String: Int]
    /// Each settlement's keys (its name, every variant in `names`, and its id read as a name).
    let keys: [[String]]
    let byKey: [String: [Int]]

    public init(_ settlements: [Settlement]) {
        self.settlements = settlements
        var byID: [String: Int] = [:]
        var keys: [[String]] = []
        var byKey: [String: [Int]] = [:]
        for (index, settlement) in settlements.enumerated() {
            byID[settlement.id] = byID[settlement.id] ?? index
            var own: [String] = []
            for name in [settlement.name] + settlement.names + [settlement.id] {
                let key = PlaceName.key(name)
                if !key.isEmpty && !own.contains(key) { own.append(key) }
            }
            keys.append(own)
            for key in own { byKey[key, default: []].append(index) }
        }
        self.byID = byID
        self.keys = keys
        self.byKey = byKey
    }

    /// The outcome of looking a name up.
    public enum Match: Sendable {
        /// One settlement has that name (or that id).
        case found(Settlement)
        /// Several settlements have it: the candidates, in gazetteer order.
        case ambiguous([Settlement])
        /// None has it in the regions searched: the closest names there, and the settlements
        /// with that name in other regions.
        case unknown(closest: [Settlement], elsewhere: [Settlement])
    }

    /// Looks `name` up among the settlements of `regions` (every region when nil): a settlement
    /// id matches itself; otherwise every settlement one of whose names has the same key.
    public func match(_ name: String, regions: Set<String>? = nil) -> Match {
        if let index = byID[name], regions?.contains(settlements[index].region) ?? true { return .found(settlements[index]) }
        let key = PlaceName.key(name)
        let all = byKey[key] ?? []
        let inScope = all.filter { regions?.contains(settlements[$0].region) ?? true }
        switch inScope.count {
        case 1: return .found(settlements[inScope[0]])
        case 0: return .unknown(closest: closest(key, regions: regions, count: 3), elsewhere: all.map { settlements[$0] })
        default: return .ambiguous(inScope.map { settlements[$0] })
        }
    }

    /// The `count` settlements of `regions` whose names are nearest to `key` (edit distance
    /// of keys, then gazetteer order).
    public func closest(_ key: String, regions: Set<String>?, count: Int) -> [Settlement] {
        var scored: [(distance: Int, index: Int)] = []
        for index in settlements.indices where regions?.contains(settlements[index].region) ?? true {
            let distance = keys[index].map { PlaceName.distance(key, $0) }.min() ?? Int.max
            scored.append((distance, index))
        }
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(count).map { settlements[$0.index] }
    }

    /// Why `name` names no one settlement (nil when it does), for messages: the candidates of
    /// an ambiguous name, or the closest names and the same name in other regions.
    public static func problem(_ match: Match, name: String, region: String?) -> String? {
        let within = region.map { " in \($0)" } ?? ""
        switch match {
        case .found: return nil
        case .ambiguous(let candidates):
            return "\"\(name)\" names \(candidates.count) settlements\(within): \(candidates.map(describe).joined(separator: ", ")); give the settlement's id instead"
        case .unknown(let closest, let elsewhere):
            var message = "no settlement \"\(name)\"\(within)"
            if !elsewhere.isEmpty { message += "; with that name elsewhere: " + elsewhere.map(describe).joined(separator: ", ") }
            if !closest.isEmpty { message += "; closest names: " + closest.map(describe).joined(separator: ", ") }
            return message
        }
    }

    /// A settlement for messages: `id (name, region)`.
    public static func describe(_ settlement: Settlement) -> String {
        settlement.name == settlement.id ? "\(settlement.id) (\(settlement.region))" : "\(settlement.id) (\(settlement.name), \(settlement.region))"
    }
}
