import GeoJSON
import Geometry

/// The one place that applies the invalid-geometry policy: by default an invalid polygon is an
/// error carrying GEOS's reason and location (`GEOSisValidDetail_r`); with `repair` it is made
/// valid by GEOS make-valid (structure method) and the repair is reported with both areas.
public enum ValidityPolicy {
    public static func check(
        _ geometry: GeoJSONGeometry?, repair: Bool, file: String, featureIndex: Int?, featureID: String?, path: JSONPath,
        repairs: inout [String]
    ) throws(DataError) -> GeoJSONGeometry? {
        guard let geometry, !geometry.polygons.isEmpty else { return geometry }
        func diagnostic(_ message: String) -> Diagnostic {
            Diagnostic(file: file, featureIndex: featureIndex, featureID: featureID, path: path, message: message)
        }
        do {
            let shape = try Geometry(geometry)
            guard let problem = try shape.validityProblem() else { return geometry }
            guard repair else {
                throw DataError([diagnostic("invalid geometry: \(problem) (fix it, or pass --repair to make it valid)")])
            }
            let fixed = GeoJSONGeometry.multiPolygon(try shape.makeValid().polygonRings).simplestForm
            let before = Geodesic.measure(geometry).areaKm2
            let after = Geodesic.measure(fixed).areaKm2
            repairs.append(diagnostic("repaired: \(problem); area \(Report.fixed(before, decimals: 3)) km² as drawn, \(Report.fixed(after, decimals: 3)) km² after make-valid").description)
            return fixed
        } catch let error as DataError {
            throw error
        } catch {
            throw DataError([diagnostic("geometry rejected by GEOS: \(error)")])
        }
    }
}
