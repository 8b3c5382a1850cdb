import Foundation
import GeoJSON
import Geometry
import Testing

@testable import FrontlineFormats
@testable import FrontlinePresentation
@testable import FrontlineEngine
@testable import FrontlineModel
import SQLite
import TestSupport

@Suite struct ImportTests {
    /// Three districts (one with a hole, one in two parts) as GeoJSON.
    static let source: FeatureCollection = {
        func square(_ x: Double, _ y: Double, _ size: Double = 1) -> PositionList {
            PositionList([(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)])
        }
        return FeatureCollection(features: [
            Feature(geometry: .polygon([square(46, 39), square(46.25, 39.25, 0.5).reversed()]), properties: JSONObject(["code": "D1", "label": "Alpha", "cc": "AZ"])),
            Feature(geometry: .polygon([square(47, 39)]), properties: JSONObject(["code": "D2", "label": "Beta", "cc": "AZ"])),
            Feature(geometry: .multiPolygon([[square(48, 39)], [square(49.5, 39, 0.5)]]), properties: JSONObject(["code": "D3", "label": "Gamma", "cc": "AM"])),
        ])
    }()

    func importer() -> RegionImport {
        var importer = RegionImport()
        importer.idField = "code"
        importer.nameField = "label"
        importer.countryField = "cc"
        return importer
    }

    /// Compares by id, name, country and exact coordinates (normalized rings).
    func summary(_ collection: FeatureCollection) throws -> [String] {
        try collection.features.map { feature in
            let geometry = try Geometry(feature.geometry!).normalized()
            return "\(feature.id!) \(feature.properties!["name"]!.stringValue!) \(feature.properties!["country"]!.stringValue!) \(geometry.wkt)"
        }
    }

    @Test func shapefileAndGeoPackageGiveTheSameRegionsAsGeoJSON() throws {
        let folder = try Paths.temporaryDirectory()
        let geojsonPath = folder.appendingPathComponent("districts.geojson")
        try Data(GeoJSONEncoder().encode(Self.source)).write(to: geojsonPath)
        let shpStem = folder.appendingPathComponent("districts")
        try ShapefileWriter.write(Self.source.features, fields: ["code", "label", "cc"], to: shpStem)
        let gpkgPath = folder.appendingPathComponent("districts.gpkg").path
        try GeoPackageWriter.write([GDALWriterDriver.Layer(name: "districts", features: Self.source.features)], to: gpkgPath)

        var reader = importer()
        let fromGeoJSON = try reader.regions(from: geojsonPath.path)
        let fromShapefile = try reader.regions(from: shpStem.path + ".shp")
        let fromGeoPackage = try reader.regions(from: gpkgPath)
        #expect(fromGeoJSON.features.count == 3)
        #expect(try summary(fromShapefile) == summary(fromGeoJSON))
        #expect(try summary(fromGeoPackage) == summary(fromGeoJSON))
        // The hole survived: area is the square minus the hole.
        let alpha = Geodesic.measure(fromShapefile.features[0].geometry!).areaKm2
        let full = Geodesic.measure(.polygon([PositionList([(46, 39), (47, 39), (47, 40), (46, 40), (46, 39)])])).areaKm2
        #expect(alpha < full * 0.8 && alpha > full * 0.7)
    }

    @Test func filtersByAttributeAndBoundingBox() throws {
        let folder = try Paths.temporaryDirectory()
        let path = folder.appendingPathComponent("districts.geojson")
        try Data(GeoJSONEncoder().encode(Self.source)).write(to: path)
        var byCountry = importer()
        byCountry.conditions = [("cc", "AZ")]
        #expect(try byCountry.regions(from: path.path).features.map { $0.id!.description } == ["D1", "D2"])
        var byBox = importer()
        byBox.bounds = Bounds(minX: 48.5, minY: 38, maxX: 51, maxY: 41)
        #expect(try byBox.regions(from: path.path).features.map { $0.id!.description } == ["D3"])
    }

    @Test func duplicateIdsAreRefusedUnlessMerged() throws {
        let folder = try Paths.temporaryDirectory()
        let path = folder.appendingPathComponent("districts.geojson")
        try Data(GeoJSONEncoder().encode(Self.source)).write(to: path)
        var importer = self.importer()
        importer.idField = "cc"
        #expect {
            _ = try importer.regions(from: path.path)
        } throws: { error in
            (error as? DataError)?.description.contains("id \"AZ\" is also used by feature 0") ?? false
        }
        importer.mergesDuplicates = true
        let merged = try importer.regions(from: path.path)
        #expect(merged.features.map { $0.id!.description } == ["AM", "AZ"])
        #expect(merged.features[1].geometry?.polygons.count == 2)
    }

    @Test func reprojectsAProjectedGeoPackage() throws {
        // A layer in UTM zone 38N (EPSG:32638) comes back in longitude/latitude.
        let folder = try Paths.temporaryDirectory()
        let projection = try Projection(from: "EPSG:4326", to: "EPSG:32638")
        let projected = try projection.forward(Self.source.features[1].geometry!)
        let path = folder.appendingPathComponent("utm.gpkg").path
        try GeoPackageWriter.write([GDALWriterDriver.Layer(name: "utm", features: [Feature(geometry: projected, properties: JSONObject(["code": "X"]))])], to: path)
        // Declare the layer's real CRS, as a GIS would have written it.
        let database = try SQLiteDatabase(path: path, mode: .create)
        try database.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 / UTM zone 38N', 32638, 'EPSG', 32638, 'undefined', ''); UPDATE gpkg_geometry_columns SET srs_id = 32638; UPDATE gpkg_contents SET srs_id = 32638;")
        var importer = RegionImport()
        importer.idField = "code"
        let regions = try importer.regions(from: path)
        let back = try #require(regions.features.first?.geometry?.polygons.first?.first)
        #expect(abs(back[0].longitude - 47) < 1e-7 && abs(back[0].latitude - 39) < 1e-7)
    }

    @Test func corruptFilesAreErrorsNotCrashes() throws {
        let folder = try Paths.temporaryDirectory()
        let stem = folder.appendingPathComponent("broken")
        try ShapefileWriter.write(Array(Self.source.features.prefix(1)), fields: ["code"], to: stem)
        var bytes = try Data(contentsOf: stem.appendingPathExtension("shp"))
        bytes = bytes.prefix(bytes.count - 20)
        try bytes.write(to: stem.appendingPathExtension("shp"))
        #expect(throws: DataError.self) { _ = try VectorSource.read(stem.path + ".shp") }
        let notAPackage = folder.appendingPathComponent("x.gpkg")
        try Data("not sqlite".utf8).write(to: notAPackage)
        #expect(throws: DataError.self) { _ = try VectorSource.read(notAPackage.path) }
    }
}
