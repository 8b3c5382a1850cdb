import Foundation
import FrontlineModel

#if canImport(Glibc)
    import Glibc
#endif

/// `frontline serve` started by a test on a free loopback port, stopped (SIGTERM, then SIGKILL)
/// when the test ends, whether it passed or not.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let stderrLines = SharedLines()

    /// Starts the server and waits (up to `timeout` seconds: sanitizer builds load slowly) for
    /// the line that names its port.
    init(_ arguments: [String], timeout: Double = 120) throws {
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FRONTLINE_DATA"] = nil
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let lines = stderrLines
        let handle = errors.fileHandleForReading
        Thread.detachNewThread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    lines.append(line)
                }
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            found = lines.all.lazy.compactMap(Self.port).first
            if found == nil { usleep(50_000) }
        }
        guard let found else {
            if process.isRunning { process.terminate() }
            throw ServerError("the server did not start: \(stderrLines.all.joined(separator: "\n"))")
        }
        port = found
    }

    static func port(_ line: String) -> Int? {
        guard let range = line.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    var url: String { "http://127.0.0.1:\(port)/" }
    var lines: [String] { stderrLines.all }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// SIGTERM, then the exit status (SIGKILL after `timeout` seconds).
    @discardableResult
    func stop(timeout: Double = 30) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        signal(SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { signal(SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { stop() }
}

/// Lines appended from one thread and read from another.
final class SharedLines: Sendable {
    private let lines = Locked<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A plain HTTP/1.1 GET over a loopback socket: the raw target is sent as given (no client
/// normalises `..` away), and the status, headers and body come back as they were sent.
struct HTTPGet {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    init(port: Int, _ target: String, headers extra: [String: String] = [:], method: String = "GET") throws {
        let socketNumber = try connectToLoopback(port: port)
        defer { close(socketNumber) }
        var request = "\(method) \(target) HTTP/1.1\r\nHost: \(extra["Host"] ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        for (name, value) in extra where name != "Host" { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(socketNumber, $0.baseAddress, $0.count, 0) }) == bytes.count else { throw ServerError("send: \(errno)") }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socketNumber, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { throw ServerError("no response head: \(String(decoding: response, as: UTF8.self))") }
        let head = String(decoding: response[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        status = Int(head[0].split(separator: " ")[1]) ?? 0
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        headers = fields
        body = response[split.upperBound...]
    }

    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
}

/// A TCP socket connected to 127.0.0.1:`port` (closed again when the connection fails).
func connectToLoopback(port: Int) throws -> Int32 {
    let socketNumber = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketNumber >= 0 else { throw ServerError("socket: \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketNumber, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { close(socketNumber); throw ServerError("connect: \(errno)") }
    return socketNumber
}

/// One HTTP/1.1 connection kept alive for many GETs (responses framed by Content-Length).
final class KeepAliveConnection {
    let socketNumber: Int32
    let port: Int
    private var pending: [UInt8] = []

    init(port: Int) throws {
        self.port = port
        socketNumber = try connectToLoopback(port: port)
    }

    deinit { close(socketNumber) }

    func get(_ target: String) throws -> (status: Int, body: Data) {
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(socketNumber, $0.baseAddress, $0.count, 0) }) == request.count else { throw ServerError("send: \(errno)") }
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            headEnd = pending.indices.dropLast(3).first { pending[$0..<$0 + 4].elementsEqual(separator) }
            if headEnd == nil { try fill() }
        }
        let head = String(decoding: pending[..<headEnd!], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        let length = head.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "content-length" ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }.first ?? 0
        let start = headEnd! + 4
        while pending.count < start + length { try fill() }
        let body = Data(pending[start..<start + length])
        pending.removeFirst(start + length)
        return (status, body)
    }

    private func fill() throws {
        var buffer = [UInt8](repeating: 0, count: 262_144)
        let count = recv(socketNumber, &buffer, buffer.count, 0)
        guard count > 0 else { throw ServerError("connection closed: \(errno)") }
        pending += buffer[0..<count]
    }
}
