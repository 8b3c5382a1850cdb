import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineFormats
@testable import FrontlineModel

/// The one geometry-blob codec: what the writer encodes, the reader decodes.
@Suite struct GeoPackageGeometryTests {
    @Test func roundTripWithEnvelope() throws {
        let shape = try Geometry(wkt: "MULTIPOLYGON(((46 39, 47 39, 47 40, 46 40, 46 39)), ((48 39, 49 39, 49 40, 48 39)))")
        let blob = GeoPackageGeometry.encode(shape)
        #expect(Array(blob.prefix(4)) == [0x47, 0x50, 0x00, 0b0000_0011])
        #expect(Array(blob[4..<8]) == [0xE6, 0x10, 0, 0])  // srs_id 4326, little endian
        let envelope = (0..<4).map { index in Double(bitPattern: blob[(8 + 8 * index)..<(16 + 8 * index)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }
        #expect(envelope == [46, 49, 39, 40])
        let decoded = try #require(try GeoPackageGeometry.decode(blob, file: "t.gpkg", what: "row 0"))
        #expect(try Geometry(decoded).wkb == shape.wkb)
    }

    @Test func emptyGeometriesHaveNoEnvelope() throws {
        let blob = GeoPackageGeometry.encode(Geometry.emptyCollection(.multiPolygon))
        #expect(blob[3] == 0b0001_0001)
        #expect(try GeoPackageGeometry.decode(blob, file: "t.gpkg", what: "row 0") == nil)
    }

    @Test func foreignBlobsAreBadData() {
        #expect { try GeoPackageGeometry.decode([1, 2, 3, 4, 5, 6, 7, 8, 9], file: "t.gpkg", what: "layer x, row 3") } throws: { error in
            (error as? DataError)?.diagnostics.first?.message == "layer x, row 3: geometry is not a GeoPackage blob (no \"GP\" magic)"
        }
        #expect { try GeoPackageGeometry.decode([0x47, 0x50, 0, 0b0000_1110, 0xE6, 0x10, 0, 0], file: "t.gpkg", what: "row 1") } throws: { error in
            (error as? DataError)?.diagnostics.first?.message == "row 1: invalid envelope code 7"
        }
    }
}
