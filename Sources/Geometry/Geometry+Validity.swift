import CGEOS
import GeoJSON

/// Why a geometry is invalid, and where (`GEOSisValidDetail_r`).
public struct ValidityProblem: Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    /// Longitude and latitude of the problem, when GEOS gives one.
    public var location: (x: Double, y: Double)?

    public static func == (lhs: ValidityProblem, rhs: ValidityProblem) -> Bool {
        lhs.reason == rhs.reason && lhs.location?.x == rhs.location?.x && lhs.location?.y == rhs.location?.y
    }

    /// "Self-intersection at [47.15, 39.6]": the location to 9 decimals (0.1 mm), since GEOS
    /// computes it and would print floating-point noise (47.150000000000006).
    public var description: String {
        // GEOS reports the location of a NaN as NaN: no number to print, and none to format.
        guard let location, location.x.isFinite, location.y.isFinite else { return reason }
        return "\(reason) at [\(JSONWriter.formatNumber(location.x, decimals: 9)), \(JSONWriter.formatNumber(location.y, decimals: 9))]"
    }
}

extension Geometry {
    /// True when valid in the OGC sense (`GEOSisValid_r`).
    public var isValid: Bool {
        withHandle { GEOSisValid_r(GEOSContext.current.handle, $0) == 1 }
    }

    /// Nil when valid, else GEOS's reason and location (`GEOSisValidDetail_r`).
    public func validityProblem() throws(GeometryError) -> ValidityProblem? {
        let context = GEOSContext.current
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let status = withHandle { GEOSisValidDetail_r(context.handle, $0, 0, &reason, &location) }
        defer {
            if let reason { GEOSFree_r(context.handle, reason) }
            if let location { GEOSGeom_destroy_r(context.handle, location) }
        }
        // 1 valid, 0 invalid, 2 exception
        switch status {
        case 1: return nil
        case 0:
            var problem = ValidityProblem(reason: reason.map { String(cString: $0) } ?? "invalid geometry")
            if let location {
                var x = 0.0, y = 0.0
                if GEOSGeomGetX_r(context.handle, location, &x) == 1, GEOSGeomGetY_r(context.handle, location, &y) == 1 {
                    problem.location = (x, y)
                }
            }
            return problem
        default:
            throw geosFailure("isValidDetail", context)
        }
    }

    /// A valid version of this geometry. The "structure" method (`GEOSMakeValidWithParams_r`)
    /// rebuilds polygons from their rings and drops collapsed parts, which is what area data needs;
    /// the "linework" method (`GEOSMakeValid_r`) keeps every line.
    public func makeValid(keepingCollapsed: Bool = false, structure: Bool = true) throws(GeometryError) -> Geometry {
        let context = GEOSContext.current
        guard structure else { return try unary("makeValid", GEOSMakeValid_r) }
        guard let params = GEOSMakeValidParams_create_r(context.handle) else { throw geosFailure("makeValidParams", context) }
        defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
        _ = GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE)
        _ = GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, keepingCollapsed ? 1 : 0)
        return try unary("makeValid") { GEOSMakeValidWithParams_r($0, $1, params) }
    }
}
