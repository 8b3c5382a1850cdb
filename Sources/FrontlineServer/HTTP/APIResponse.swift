import GeoJSON
import Hummingbird

/// A response as the API makes it: status, body and the headers that matter to caches and
/// clients; the HTTP adapter adds the rest (length, date).
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    /// A NIO buffer: a cached response is sent again without a copy.
    public var body: ByteBuffer
    /// Extra headers, in order (ETag, Cache-Control, Location, ...).
    public var headers: [(name: String, value: String)]

    public init(status: Int, contentType: String, body: ByteBuffer, headers: [(name: String, value: String)] = []) {
        (self.status, self.contentType, self.body, self.headers) = (status, contentType, body, headers)
    }

    public static let geoJSON = "application/geo+json"
    public static let json = "application/json"
    public static let openAPI = "application/vnd.oai.openapi+json;version=3.0"
    public static let html = "text/html; charset=utf-8"

    /// An OGC API exception (`{"code", "description"}`, as OGC API – Features' exception schema).
    public static func exception(_ status: Int, code: String, _ description: String) -> APIResponse {
        let body = JSONWriter.serialize(.object(JSONObject(["code": .string(code), "description": .string(description)]))) + "\n"
        return APIResponse(status: status, contentType: json, body: ByteBuffer(string: body), headers: [("Cache-Control", "no-store")])
    }

    /// 400 naming the parameter at fault.
    public static func badParameter(_ name: String, _ message: String) -> APIResponse {
        exception(400, code: "InvalidParameterValue", "\(name): \(message)")
    }

    public static func notFound(_ message: String) -> APIResponse { exception(404, code: "NotFound", message) }

    /// The value of header `name`, if set.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
