/// A request as the API sees it, apart from any HTTP library: the method, the path split into
/// decoded segments, the query parameters (decoded, in order) and the headers it reads.
public struct APIRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", head = "HEAD", other }

    public var method: Method
    /// The path's segments, percent-decoded; empty segments (`//`, a trailing `/`) are dropped,
    /// since clients such as GDAL join a root ending in `/` with paths starting with one.
    public var segments: [String]
    public var query: [(name: String, value: String)]
    /// `If-None-Match`, for a 304 when the client's copy is current.
    public var ifNoneMatch: String?
    /// `http://host:port` the links of responses start with.
    public var baseURL: String

    public init(method: Method, segments: [String], query: [(name: String, value: String)], ifNoneMatch: String? = nil, baseURL: String) {
        (self.method, self.segments, self.query, self.ifNoneMatch, self.baseURL) = (method, segments, query, ifNoneMatch, baseURL)
    }

    /// From a request target such as `/collections/control/items?datetime=2020-11-10`; nil when
    /// the path or the query is not valid percent-encoded UTF-8.
    public init?(method: String, target: String, ifNoneMatch: String? = nil, baseURL: String) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var segments: [String] = []
        for raw in parts[0].split(separator: "/") {
            guard let segment = PercentDecoding.decode(raw, plusIsSpace: false) else { return nil }
            segments.append(segment)
        }
        var query: [(name: String, value: String)] = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = PercentDecoding.decode(nameValue[0], plusIsSpace: true),
                    let value = PercentDecoding.decode(nameValue.count > 1 ? nameValue[1] : "", plusIsSpace: true)
                else { return nil }
                query.append((name, value))
            }
        }
        let kind = Method(rawValue: method) ?? .other
        self.init(method: kind, segments: segments, query: query, ifNoneMatch: ifNoneMatch, baseURL: baseURL)
    }

    /// The path as the API names it, `/` joined, for messages and the access log.
    public var path: String { "/" + segments.joined(separator: "/") }
}

/// RFC 3986 percent-decoding (and `+` as a space in a query, as HTML forms send it).
enum PercentDecoding {
    static func decode(_ text: Substring, plusIsSpace: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace: bytes.append(UInt8(ascii: " "))
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Encodes a query value: everything but RFC 3986's unreserved characters.
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                output += "%" + String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return output
    }
}
