import FrontlineModel
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Where and how `frontline serve` listens.
public struct ServeConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (the line on stderr names it).
    public var port: Int
    /// The links' start when the server is reached through a proxy (`https://maps.example/api`);
    /// else taken from the request's Host header.
    public var publicURL: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil) {
        (self.host, self.port, self.publicURL) = (host, port, publicURL)
    }
}

/// The HTTP side: Hummingbird 2 (SwiftNIO) serving `FeatureAPI`, one access-log line per
/// request on stderr, and a graceful stop on SIGTERM or SIGINT (requests under way finish).
public enum HTTPServer {
    /// Serves until SIGTERM or SIGINT. `ready` gets the URL once the socket is bound.
    public static func run(_ api: FeatureAPI, configuration: ServeConfiguration, ready: @escaping @Sendable (String) -> Void) async throws {
        // Hummingbird's own lines (start, stop) go to stderr as warnings only: stdout stays empty.
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let bound = BoundAddress()
        let address = "\(hostForURL(configuration.host)):\(configuration.port)"
        let responder = APIResponder(api: api, configuration: configuration, bound: bound)
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let url = "http://\(hostForURL(configuration.host)):\(port)"
                bound.url.withLock { $0 = url }
                ready(url + "/")
            },
            logger: Logger(label: "frontline.serve")
        )
        do {
            try await app.runService()
        } catch {
            // Before the socket is bound, the error is the address's (in use, not this host's).
            guard bound.url.withLock({ $0 }) == nil else { throw error }
            let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? String(describing: error)
            throw ServeError(message: "frontline serve: cannot listen on \(address): \(reason)")
        }
    }

    static func hostForURL(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }

    /// Writes one line to stderr (a single write, so lines from concurrent requests never mix).
    public static func log(_ line: String) {
        let bytes = Array((line.oneLine + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

/// The request context: Hummingbird's core storage and the peer's address, for the log.
struct ServeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let peer: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress ?? "-"
    }
}

/// Turns Hummingbird's requests into `APIRequest`s and `APIResponse`s back into responses.
struct APIResponder: HTTPResponder {
    typealias Context = ServeRequestContext
    let api: FeatureAPI
    let configuration: ServeConfiguration
    let bound: BoundAddress

    func respond(to request: Request, context: ServeRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let target = request.head.path ?? "/"
        let baseURL = configuration.publicURL ?? Self.baseURL(authority: request.head.authority, fallback: bound.url.withLock { $0 } ?? "http://127.0.0.1")
        let reply: APIResponse
        if let parsed = APIRequest(method: request.method.rawValue, target: target, ifNoneMatch: request.headers[.ifNoneMatch], baseURL: baseURL) {
            reply = await api.respond(parsed)
        } else {
            reply = .exception(400, code: "InvalidRequest", "the request target is not valid percent-encoded UTF-8")
        }
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        let length = reply.body.readableBytes
        let isHead = request.method == .head
        if isHead { headers[.contentLength] = String(length) }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        HTTPServer.log("\(context.peer) \"\(request.method.rawValue) \(target.oneLine)\" \(reply.status) \(length) \(Report.fixed(milliseconds, decimals: 2))ms \(reply.header("Frontline-Ledger-Version") ?? "-")")
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers, body: isHead ? ResponseBody() : ResponseBody(byteBuffer: reply.body))
    }

    /// `http://` and the Host the client used, when it is a plain host[:port]; else the
    /// address the server is bound to (a forged Host must not reach the links).
    static func baseURL(authority: String?, fallback: String) -> String {
        if let authority, !authority.isEmpty, authority.utf8.count <= 255,
            authority.utf8.allSatisfy({ byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || Array(".-:[]_".utf8).contains(byte)
            })
        {
            return "http://" + authority
        }
        return fallback
    }
}

/// The server could not start listening: exit 69 (EX_UNAVAILABLE), as for a missing tool.
public struct ServeError: FrontlineError {
    public var message: String
    public var exitStatus: Int32 { 69 }
    public var lines: [String] { [message] }
}

/// The URL of the bound socket (its port is known only once bound, with `--port 0`).
final class BoundAddress: Sendable {
    let url = Locked<String?>(nil)
}
