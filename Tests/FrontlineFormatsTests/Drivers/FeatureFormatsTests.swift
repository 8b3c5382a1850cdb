import Foundation
import GDAL
import GeoJSON
import Geometry
import Testing

@testable import FrontlineEngine
@testable import FrontlineFormats
@testable import FrontlineModel
import FrontlinePresentation
import TestSupport

/// Every driver on one snapshot of the grid of known cells, with lineage (all five kinds).
@Suite struct FeatureFormatsTests {
    let snapshot: Snapshot
    var table: FeatureTable { FeatureTable(snapshot) }

    init() throws {
        snapshot = try SnapshotBuilder(tracker: try Tracker(directory: try GridFixture.write().path))
            .snapshot(at: CalendarDate("2000-03-01")!, options: .init(lineage: true))
    }

    @Test func everyFormatHasItsDriver() throws {
        var extensions: Set<String> = []
        for format in FeatureFormat.allCases {
            let driver = format.driver
            #expect(driver.name == format.rawValue)
            #expect(!driver.metadata.summary.isEmpty)
            #expect(driver.metadata.writes)
            #expect(driver.metadata.reads == [.geojson, .gpkg].contains(format))
            #expect(extensions.insert(driver.fileExtensions[0]).inserted)
            // Bytes, except for the formats written in place (SQLite, GDAL).
            #expect((try driver.encode(table, precision: nil) == nil) == [.gpkg, .flatgeobuf, .shapefile].contains(format))
        }
    }

    /// Any vector driver of GDAL's that writes a file is a format by its name, in any case.
    @Test func gdalDriversByName() {
        #expect(FeatureFormat.gdal("gml")?.rawValue == "GML" && FeatureFormat.gdal("GML")?.fileExtension == "gml")
        #expect(FeatureFormat.gdal("sqlite")?.writesInPlace == true)
        // A database (no file extension) and a name GDAL does not know are no formats.
        #expect(FeatureFormat.gdal("PostgreSQL") == nil && FeatureFormat.gdal("nonsense") == nil)
        #expect(FeatureFormat(rawValue: "shapefile")?.fileExtension == "shp.zip" && FeatureFormat(rawValue: "GML") == nil)
    }

    @Test func readersAreFoundByExtension() throws {
        #expect(VectorSource.readers.allSatisfy { $0.metadata.reads })
        // GeoJSON is read strictly by Frontline; every other format goes to GDAL.
        #expect(VectorSource.readers.map(\.name) == ["geojson"])
        #expect(VectorSource.readers.first { $0.handles("a.json") }?.name == "geojson")
        #expect(!VectorSource.readers.contains { $0.handles("districts.SHP") || $0.handles("x.gpkg") })
        #expect(throws: DataError.self) { try KMLDriver().read("/nonexistent/x.kml", layer: nil) }
        #expect { try VectorSource.read("/nonexistent/x.kml") } throws: { error in
            (error as? DataError)?.diagnostics.first?.message == "cannot open: No such file or directory"
        }
    }

    @Test func geoJSONIsTheSnapshotsCollection() throws {
        let bytes = try #require(try GeoJSONDriver().encode(table, precision: nil))
        #expect(bytes == GeoJSONEncoder().encode(snapshot.featureCollection))
    }

    /// Written in pieces (GeoJSON feature by feature), every text format gives `encode`'s bytes,
    /// with and without --precision, and with no feature at all.
    @Test func encodedInPiecesIsTheSameBytes() throws {
        var empty = table
        empty.features = []
        for format in FeatureFormat.allCases where !format.writesInPlace {
            for (table, precision) in [(table, nil), (table, 5), (empty, nil)] as [(FeatureTable, Int?)] {
                var pieces: [[UInt8]] = []
                #expect(try format.driver.encode(table, precision: precision, into: { pieces.append($0) }))
                #expect(pieces.flatMap { $0 } == (try format.driver.encode(table, precision: precision)), "\(format) \(String(describing: precision)) \(table.features.count)")
                if format == .geojson && !table.features.isEmpty { #expect(pieces.count == table.features.count + 2) }
            }
        }
    }

    @Test func geoJSONTextSequences() throws {
        let bytes = try #require(try GeoJSONSequenceDriver().encode(table, precision: nil))
        let records = bytes.split(separator: 0x1E, omittingEmptySubsequences: true)
        #expect(records.count == table.features.count)
        for record in records {
            #expect(record.last == 0x0A)
            guard case .feature(let feature) = try GeoJSONDecoder().decode(Array(record)) else {
                Issue.record("not a feature")
                continue
            }
            #expect(feature.properties?["date"] == "2000-03-01")
        }
    }

    @Test func kmlWithStylesAndTimes() throws {
        let kml = String(decoding: try #require(try KMLDriver().encode(table, precision: nil)), as: UTF8.self)
        #expect(kml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">"))
        #expect(kml.components(separatedBy: "<Placemark>").count - 1 == table.features.count)
        // #1f6fb4 at 0x8c opacity is aabbggrr 8cb46f1f.
        #expect(kml.contains("<PolyStyle><color>8cb46f1f</color></PolyStyle>"))
        #expect(kml.contains("<TimeStamp><when>2000-03-01</when></TimeStamp>"))
        #expect(kml.contains("<outerBoundaryIs><LinearRing><coordinates>"))
        // A folder per kind, in first-seen order.
        #expect(kml.contains("<Folder><name>control</name>") && kml.contains("<Folder><name>piece</name>"))
        // A timeline's feature carries a TimeSpan ending the day before valid_to.
        var later = snapshot
        later.date = CalendarDate("2000-05-01")!
        let timeline = FeatureTable(timeline: [snapshot, later], layer: .claimed, dates: [snapshot.date, later.date], actors: snapshot.actors)
        let span = KMLWriter.document(timeline, precision: nil)
        // From the first instant of valid_from to the last second of the day before valid_to
        // (a bare date reads as its first instant in GDAL and Google Earth).
        #expect(span.contains("<TimeSpan><begin>2000-03-01T00:00:00Z</begin><end>2000-04-30T23:59:59Z</end></TimeSpan>"))
        // Typed attributes: a Schema per kind, numbers as double.
        #expect(kml.contains("<SimpleField type=\"double\" name=\"area_km2\"/>"))
        #expect(kml.contains("<SchemaData schemaUrl=\"#schema-control\"><SimpleData name=\"area_km2\">"))
        #expect(kml.contains("<Polygon><tessellate>1</tessellate><outerBoundaryIs>"))
    }

    @Test func preparedFeaturesWindCounterClockwiseAndStayValidOnTheGrid() throws {
        // A clockwise square with a counter-clockwise hole, and a ring that crosses itself once
        // rounded to 0 decimals unless snap-rounded: (0,0) (2,0.4) (2.4,0.6) (0.4,0.55) ...
        let clockwise = GeoJSONGeometry.polygon([
            PositionList(flat: [0, 0, 0, 10, 10, 10, 10, 0, 0, 0], dimension: 2),
            PositionList(flat: [2, 2, 8, 2, 8, 8, 2, 8, 2, 2], dimension: 2),
        ])
        let feature = SnapshotFeature(kind: .control, id: "control:X", geometry: clockwise, properties: JSONObject())
        let wound = try #require(try feature.prepared(decimals: nil).geometry)
        #expect(wound.polygons[0][0].isWoundForRFC7946(exterior: true) && wound.polygons[0][0].signedPlanarArea > 0)
        #expect(wound.polygons[0][1].isWoundForRFC7946(exterior: false) && wound.polygons[0][1].signedPlanarArea < 0)
        // A bow-tie at 1 decimal: rounding alone gives a self-crossing ring; the grid keeps it valid.
        let narrow = GeoJSONGeometry.polygon([PositionList(flat: [0, 0, 1, 0.04, 2, 0, 2, 1, 1, 0.06, 0, 1, 0, 0], dimension: 2)])
        let rounded = try #require(try SnapshotFeature(kind: .piece, id: "piece:n", geometry: narrow, properties: JSONObject()).prepared(decimals: 1).geometry)
        #expect(try Geometry(rounded).isValid)
        #expect(rounded.allPositionLists.allSatisfy { list in list.values.allSatisfy { ($0 * 10).rounded() == $0 * 10 } })
        // What the grid reduces to nothing is refused, with the precision it needs.
        let speck = GeoJSONGeometry.polygon([PositionList(flat: [0.01, 0.01, 0.02, 0.01, 0.02, 0.02, 0.01, 0.01], dimension: 2)])
        #expect { try SnapshotFeature(kind: .piece, id: "piece:speck", geometry: speck, properties: JSONObject()).prepared(decimals: 1) } throws: { error in
            "\(error)".contains("piece:speck has no area or length left on a grid of 0.1°; it needs --precision 2 or more")
        }
        // An empty geometry is none.
        let empty = SnapshotFeature(kind: .frontline, id: "frontline", geometry: .multiLineString([]), properties: JSONObject())
        #expect(try empty.prepared(decimals: nil).geometry == nil)
    }

    @Test func timelineTableDatesEveryFeature() throws {
        var later = snapshot
        later.date = CalendarDate("2000-05-01")!
        let timeline = FeatureTable(timeline: [snapshot, later], layer: .claimed, dates: [snapshot.date, later.date], actors: snapshot.actors)
        #expect(timeline.features.count == 2 * table.features.count)
        let first = try #require(timeline.features.first)
        #expect(first.id == "2000-03-01/\(table.features[0].id)")
        #expect(first.properties["valid_to"] == "2000-05-01")
        #expect(timeline.features.last?.properties["valid_to"] == "2000-05-02")
        #expect(timeline.metadata["dates"] == .array(["2000-03-01", "2000-05-01"]))
    }

    @Test func csvWithWKTReadsBack() throws {
        let csv = try #require(try CSVDriver().encode(table, precision: nil))
        let rows = try CSV.parse(csv, file: "snapshot.csv")
        #expect(rows[0] == CSVDriver.columns)
        let control = try #require(rows.first { $0[0] == "control:AZ" })
        let geometry = try Geometry(wkt: control[13])
        let original = try Geometry(table.features.first { $0.id == "control:AZ" }!.geometry!)
        #expect(try geometry.topologicallyEquals(original))
    }

    @Test func geoPackageLayersPerKind() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("snapshot.gpkg").path
        try GeoPackageDriver().write(table, to: path, precision: nil)
        let layers = try GDALVectorReader(path: path).layerNames
        #expect(layers == ["control", "frontline", "unlocated", "piece"] || layers == ["control", "band", "frontline", "unlocated", "piece"])
        let control = try VectorSource.read(path, layer: "control")
        #expect(control.features.count == 2)
        #expect(control.features.allSatisfy { $0.properties?["date"] == "2000-03-01" })
        // The same file twice: byte-identical (no timestamp of the moment inside).
        let again = try Paths.temporaryDirectory().appendingPathComponent("snapshot.gpkg").path
        try GeoPackageDriver().write(table, to: again, precision: nil)
        #expect(try FileIO.read(path) == FileIO.read(again))
    }
}
