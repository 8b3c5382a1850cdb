import Foundation

/// A failure of PostgreSQL or of the connection to it: the server's address (its password
/// masked) and libpq's or the server's message.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The connection URL with any password replaced by `***`.
    public var target: String
    public var message: String
    /// The SQLSTATE of a server error (`40001`, `23505`, ...), nil for a client-side failure.
    public var sqlState: String?
    /// True when the connection itself failed or was lost (not an error of one statement).
    public var connectionFailed: Bool

    public init(target: String, message: String, sqlState: String? = nil, connectionFailed: Bool = false) {
        (self.target, self.message, self.sqlState, self.connectionFailed) = (target, message, sqlState, connectionFailed)
    }

    public var description: String { "\(target): \(message)" }
}

/// Connection URLs as they may be shown: a password never appears in a message.
public enum ConnectionURL {
    /// True for the URLs libpq takes as a connection string (`postgresql://`, `postgres://`).
    public static func isConnectionURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// `url` with the password of its user-info part and any `password=` parameter replaced by
    /// `***`.
    public static func masked(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        var result = ""
        var remainder = Substring(text)
        while let found = remainder.range(of: "password=") {
            result += remainder[..<found.upperBound] + "***"
            remainder = remainder[found.upperBound...]
            remainder = remainder[(remainder.firstIndex(where: { $0 == "&" || $0 == " " }) ?? remainder.endIndex)...]
        }
        return result + remainder
    }

    /// The password of `url`, when it has one, to scrub from messages that might echo it.
    static func password(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return nil }
        let password = String(rest[rest.index(after: colon)..<at])
        return password.isEmpty ? nil : password
    }
}
