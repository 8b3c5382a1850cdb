import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineFormats
@testable import FrontlineModel
import TestSupport

/// Shapefiles as `import` reads them: through GDAL's ESRI Shapefile driver (`VectorSource`).
@Suite struct ShapefileReadingTests {
    @Test func ringsAndAttributesReadBack() throws {
        let stem = try Paths.temporaryDirectory().appendingPathComponent("districts")
        let square = PositionList([(46, 39), (47, 39), (47, 40), (46, 40), (46, 39)])
        let hole = PositionList([(46.25, 39.25), (46.25, 39.75), (46.75, 39.75), (46.75, 39.25), (46.25, 39.25)])
        try ShapefileWriter.write([
            Feature(geometry: .polygon([square, hole]), properties: JSONObject(["code": "D1", "name": "Şuşa"])),
        ], fields: ["code", "name"], to: stem)
        let layer = try VectorSource.read(stem.appendingPathExtension("shp").path)
        #expect(layer.description == "districts.shp (ESRI Shapefile), layer districts")
        #expect(layer.features.count == 1)
        let feature = layer.features[0]
        #expect(feature.properties?["code"] == "D1")
        #expect(feature.properties?["name"] == "Şuşa")
        // A clockwise exterior and its counter-clockwise hole make one polygon with a hole.
        #expect(feature.geometry?.polygons.count == 1)
        #expect(feature.geometry?.polygons.first?.count == 2)
        let area = Geodesic.measure(feature.geometry!).areaKm2
        #expect(area > 0.7 * GridFixture.checkCellKm2 && area < 0.8 * GridFixture.checkCellKm2)
    }

    @Test func aTruncatedFileIsBadDataNamingIt() throws {
        let stem = try Paths.temporaryDirectory().appendingPathComponent("cut")
        try ShapefileWriter.write([Feature(geometry: GridFixture.cell(46, 39), properties: JSONObject(["code": "X"]))], fields: ["code"], to: stem)
        let shp = stem.appendingPathExtension("shp")
        let bytes = try Data(contentsOf: shp)
        try bytes.prefix(120).write(to: shp)
        #expect { try VectorSource.read(shp.path) } throws: { error in
            (error as? DataError)?.diagnostics.first?.file == shp.path
        }
    }
}
