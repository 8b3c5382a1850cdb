import CPROJ
import GeoJSON

/// A coordinate transformation by PROJ (`proj_create_crs_to_crs`, `proj_trans`), with axis order
/// normalized to longitude/latitude, easting/northing (`proj_normalize_for_visualization`).
///
/// Each Projection owns its own `PJ_CONTEXT`, and PROJ objects must not be shared across threads,
/// so this type is not Sendable: create one per thread or task.
public final class Projection {
    let context: OpaquePointer
    let transformation: OpaquePointer
    public let source: String
    public let target: String

    /// A transformation from `source` to `target` (any CRS string PROJ accepts: "EPSG:4326",
    /// "+proj=laea +lat_0=40 +lon_0=47 +datum=WGS84 +units=m", WKT, ...).
    public init(from source: String = "EPSG:4326", to target: String) throws(GeometryError) {
        guard let context = proj_context_create() else { throw .proj(operation: "context_create", message: "out of memory") }
        // Never reach for the network (grids): results must not depend on connectivity.
        proj_context_set_enable_network(context, 0)
        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            let message = Projection.lastError(context)
            proj_context_destroy(context)
            throw .proj(operation: "create_crs_to_crs(\(source) -> \(target))", message: message)
        }
        guard let normalized = proj_normalize_for_visualization(context, raw) else {
            let message = Projection.lastError(context)
            proj_destroy(raw)
            proj_context_destroy(context)
            throw .proj(operation: "normalize_for_visualization", message: message)
        }
        proj_destroy(raw)
        self.context = context
        self.transformation = normalized
        self.source = source
        self.target = target
    }

    /// Lambert azimuthal equal-area centred on (longitude, latitude): areas on the map are true.
    public static func lambertAzimuthalEqualArea(centerLongitude: Double, centerLatitude: Double) throws(GeometryError) -> Projection {
        try Projection(to: "+proj=laea +lat_0=\(centerLatitude) +lon_0=\(centerLongitude) +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs")
    }

    deinit {
        proj_destroy(transformation)
        proj_context_destroy(context)
    }

    static func lastError(_ context: OpaquePointer) -> String {
        let code = proj_context_errno(context)
        guard code != 0, let message = proj_context_errno_string(context, code) else { return "unknown error" }
        return String(cString: message)
    }

    /// Transforms one point (`proj_trans`). Throws when PROJ cannot (e.g. out of the CRS's domain).
    public func forward(x: Double, y: Double) throws(GeometryError) -> (x: Double, y: Double) {
        let input = proj_coord(x, y, 0, 0)
        let output = proj_trans(transformation, PJ_FWD, input)
        guard output.xy.x.isFinite, output.xy.y.isFinite else {
            throw .proj(operation: "trans", message: "cannot transform (\(x), \(y)): \(Projection.lastError(context))")
        }
        return (output.xy.x, output.xy.y)
    }

    /// Transforms flat 2-D coordinates in place (`proj_trans_generic`).
    public func forward(flat values: inout [Double], dimension: Int = 2) throws(GeometryError) {
        let count = values.count / dimension
        guard count > 0 else { return }
        let stride = MemoryLayout<Double>.stride * dimension
        let transformed = values.withUnsafeMutableBufferPointer { buffer in
            proj_trans_generic(transformation, PJ_FWD, buffer.baseAddress, stride, count, buffer.baseAddress! + 1, stride, count, nil, 0, 0, nil, 0, 0)
        }
        guard transformed == count, values.allSatisfy(\.isFinite) else {
            throw .proj(operation: "trans_generic", message: Projection.lastError(context))
        }
    }

    /// A GeoJSON geometry with every position transformed (the result is in the target CRS,
    /// which is no longer RFC 7946 GeoJSON unless the target is longitude/latitude).
    public func forward(_ geometry: GeoJSONGeometry) throws(GeometryError) -> GeoJSONGeometry {
        func list(_ positions: PositionList) throws(GeometryError) -> PositionList {
            var values = positions.values
            try forward(flat: &values, dimension: positions.dimension)
            return PositionList(flat: values, dimension: positions.dimension)
        }
        return try geometry.mappingPositionLists(list)
    }
}
