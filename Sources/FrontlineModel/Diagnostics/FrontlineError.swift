import GeoJSON
import Geometry

/// The errors the CLI reports, each with the lines it prints and the exit status it ends with.
/// Every layer throws its own kind; this is the one map from an error to what a user sees
/// (`docs/CLI.md`, "Exit status"):
///
/// | status | kind |
/// |---|---|
/// | 1 | `DataError`: the input data is bad (file, feature, JSON path, message) |
/// | 64 | a usage error (swift-argument-parser's own, or `UsageError` once the data is read) |
/// | 69 | `ToolError`: a program Frontline runs is not installed, or failed |
/// | 70 | `InternalError`: a failure that is Frontline's fault, not the data's |
/// | 73 | `AtomicFile.WriteError`: an output cannot be written there |
public protocol FrontlineError: Error, Sendable {
    /// The process's exit status for this error.
    var exitStatus: Int32 { get }
    /// What is printed on standard error, one line each.
    var lines: [String] { get }
}

extension DataError: FrontlineError {
    public var exitStatus: Int32 { 1 }
    public var lines: [String] { diagnostics.map(\.description) }
}

extension AtomicFile.WriteError: FrontlineError {
    public var exitStatus: Int32 { 73 }
    public var lines: [String] { [description] }
}

/// A program Frontline runs (such as `rsvg-convert` for PNG maps) is not installed, or failed.
public struct ToolError: FrontlineError, CustomStringConvertible {
    public var tool: String
    /// What went wrong and what to install or do instead.
    public var message: String
    public init(tool: String, message: String) { (self.tool, self.message) = (tool, message) }
    public var exitStatus: Int32 { 69 }
    public var description: String { "\(tool): \(message)" }
    public var lines: [String] { [description] }
}

/// An option that the data makes wrong (a date before the baseline, a range of too many dates),
/// found only once the data is read: exit 64 as a usage error, said as swift-argument-parser says
/// its own (`Error: …`), without a usage line that would name no subcommand.
public struct UsageError: FrontlineError, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var exitStatus: Int32 { 64 }
    public var description: String { message }
    public var lines: [String] { ["Error: " + message] }
}

/// A failure that no input should cause: a bug to report, not data to fix.
public struct InternalError: FrontlineError, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var exitStatus: Int32 { 70 }
    public var description: String { "internal error: \(message)" }
    public var lines: [String] { ["frontline: " + description] }
}

extension DataError {
    /// A GEOS or PROJ failure on one feature's geometry, as bad data of that feature: GEOS fails
    /// on geometry it cannot process (collapsed, non-finite, topology it cannot resolve), and
    /// the user needs to know which feature it was.
    public init(_ error: GeometryError, file: String, featureIndex: Int? = nil, featureID: String? = nil, doing what: String) {
        self.init([Diagnostic(file: file, featureIndex: featureIndex, featureID: featureID, message: "\(what): \(error)")])
    }
}

extension DataError {
    /// Runs `body`; a GEOS or PROJ failure in it becomes bad data of the feature named (the one
    /// place where geometry failures get their file, feature and id).
    public static func attributing<T>(
        file: String, featureIndex: Int?, featureID: String?, doing what: String, _ body: () throws -> T
    ) throws -> T {
        do {
            return try body()
        } catch let error as GeometryError {
            throw DataError(error, file: file, featureIndex: featureIndex, featureID: featureID, doing: what)
        }
    }
}
