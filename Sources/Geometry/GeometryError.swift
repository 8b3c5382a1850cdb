/// Errors of the Geometry layer, each saying which operation failed and why.
public enum GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// GEOS raised an exception (the message is GEOS's own).
    case geos(operation: String, message: String)
    /// Input that cannot become a geometry (e.g. WKT that does not parse).
    case invalidInput(String)
    /// A PROJ failure (creating or running a transformation).
    case proj(operation: String, message: String)
    /// GEOS or PROJ is older than Frontline supports.
    case unsupportedLibrary(String)

    public var description: String {
        switch self {
        case .geos(let operation, let message): return "GEOS \(operation) failed: \(message)"
        case .invalidInput(let message): return message
        case .proj(let operation, let message): return "PROJ \(operation) failed: \(message)"
        case .unsupportedLibrary(let message): return message
        }
    }
}

/// The single place where a GEOS failure becomes a typed error: the message GEOS left on this
/// thread's context, or a generic one when it left none.
@inline(__always)
func geosFailure(_ operation: String, _ context: GEOSContext) -> GeometryError {
    .geos(operation: operation, message: context.takeError() ?? "no message from GEOS")
}

/// A GEOS predicate's answer: 1 true, 0 false, anything else (2) an exception.
@inline(__always)
func geosBool(_ result: CChar, _ operation: String, _ context: GEOSContext) throws(GeometryError) -> Bool {
    switch result {
    case 1: return true
    case 0: return false
    default: throw geosFailure(operation, context)
    }
}
