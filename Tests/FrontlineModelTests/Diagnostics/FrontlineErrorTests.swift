import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineModel

/// One error taxonomy: each kind prints its own lines and ends with its own status.
@Suite struct FrontlineErrorTests {
    @Test func everyKindHasItsStatus() {
        let data = DataError([Diagnostic(file: "claims/a.geojson", featureIndex: 3, featureID: "c1", path: JSONPath().appending("properties"), message: "bad")])
        #expect(data.exitStatus == 1)
        #expect(data.lines == ["claims/a.geojson: feature 3 (c1): properties: bad"])
        let write = AtomicFile.WriteError(path: "out/x.geojson", reason: "Read-only file system")
        #expect(write.exitStatus == 73)
        #expect(write.lines == ["out/x.geojson: cannot write: Read-only file system"])
        let tool = ToolError(tool: "rsvg-convert", message: "not found")
        #expect(tool.exitStatus == 69 && tool.lines == ["rsvg-convert: not found"])
        let internalError = InternalError("unreachable")
        #expect(internalError.exitStatus == 70 && internalError.lines == ["frontline: internal error: unreachable"])
        let statuses: [any FrontlineError] = [data, write, tool, internalError]
        #expect(Set(statuses.map(\.exitStatus)).count == statuses.count)
    }

    @Test func aGEOSFailureNamesTheFeature() {
        let error = DataError(.geos(operation: "intersection", message: "TopologyException: side location conflict"),
                              file: "claims/war.geojson", featureIndex: 12, featureID: "az-2020-10-04", doing: "cannot resolve the claim's area")
        #expect(error.lines == ["claims/war.geojson: feature 12 (az-2020-10-04): cannot resolve the claim's area: GEOS intersection failed: TopologyException: side location conflict"])
    }

    @Test func geometryFailuresInABodyAreAttributed() throws {
        #expect(try DataError.attributing(file: "f", featureIndex: 0, featureID: "a", doing: "x") { 42 } == 42)
        #expect { try DataError.attributing(file: "regions.geojson", featureIndex: 2, featureID: "AZ-TAR", doing: "cannot densify") { () throws -> Int in
            throw GeometryError.geos(operation: "setPrecision", message: "boom")
        } } throws: { error in
            (error as? DataError)?.lines == ["regions.geojson: feature 2 (AZ-TAR): cannot densify: GEOS setPrecision failed: boom"]
        }
        // Other errors pass through as they are.
        #expect(throws: InternalError.self) { try DataError.attributing(file: "f", featureIndex: nil, featureID: nil, doing: "x") { () throws -> Int in throw InternalError("y") } }
    }

    @Test func collectorCapsOneFile() {
        var collector = DiagnosticCollector()
        for index in 0..<(DiagnosticCollector.limitPerFile + 5) { collector.add(Diagnostic(file: "f", featureIndex: index, message: "m")) }
        #expect(collector.diagnostics.count == DiagnosticCollector.limitPerFile + 1)
        #expect(collector.diagnostics.last?.message == "5 more problems not shown (the first 1000 are listed)")
    }
}
