import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct AreaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "area",
        abstract: "Geodesic area (km²) and perimeter (km) of every feature of vector files (GeoJSON, or any format GDAL reads).",
        discussion: "Areas are on the WGS 84 ellipsoid (Karney), |exterior| − Σ|holes| per polygon. For lines, perimeter_km is their length."
    )

    @Argument(help: ArgumentHelp("GeoJSON files, or any vector format GDAL reads (Shapefile, GeoPackage, FlatGeobuf, KML, ...); - is standard input (GeoJSON).", valueName: "FILE"))
    var files: [String]

    @Option(help: "Output format: table, json or csv.")
    var format: TableFormat = .table

    @Option(help: ArgumentHelp("The layer to measure in files of several (a GeoPackage, a zipped Shapefile); default: the first.", valueName: "NAME"))
    var layer: String?

    @Flag(help: "Measure invalid polygons after GEOS make-valid (each repair is reported) instead of refusing them.")
    var repair = false

    func run() throws {
        try Run.reportingErrors {
            var (report, repairs) = try AreaReport.measure(files: try StandardInput.files(files), repair: repair) { path throws(DataError) in
                try VectorSource.object(path, layer: layer)
            }
            // Named before the table is laid out, so that its columns line up.
            for index in report.rows.indices {
                if case .string(let file)? = report.rows[index]["file"] { report.rows[index]["file"] = .string(InputCopies.display(file)) }
            }
            for line in repairs { Run.printError("warning: " + line) }
            try Run.emit(Run.render(report, as: format))
        }
    }
}
