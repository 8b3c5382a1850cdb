/// Which URLs from the data may become links a reader can click: only http, https and mailto.
/// A claim's `source.url` is whatever its author typed; a `javascript:` or `data:` URL turned into
/// a link would run in the reader's browser.
public enum LinkPolicy {
    public static let allowedSchemes = ["http", "https", "mailto"]

    /// True when `url` starts with an allowed scheme (case-insensitive) followed by `:`.
    public static func isLinkable(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        return allowedSchemes.contains(url[..<colon].lowercased())
    }
}
