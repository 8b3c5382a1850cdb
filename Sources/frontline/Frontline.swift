import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GDAL
import GeoJSON
import Geometry
import PostgreSQL
import SQLite

@main
struct Frontline: AsyncParsableCommand {
    /// This build of Frontline and the C libraries it runs with (as loaded, not as built).
    static let version = "0.2.0"

    static func main() async {
        Allocator.configure()
        await main(nil)
    }
    static var versionLine: String {
        "frontline \(version) (GEOS \(LibraryVersions.geos), PROJ \(LibraryVersions.proj), GDAL \(GDALLibrary.version), libpq \(PostgresConnection.libraryVersion), SQLite \(SQLiteDatabase.libraryVersion))"
    }

    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Who controls which territory, when, and on whose word: geodesic snapshots, diffs and frontlines from a ledger of dated control claims.",
        version: Frontline.versionLine,
        subcommands: [
            RegionsCommand.self, AreaCommand.self, AdjacencyCommand.self, ValidateCommand.self, SnapshotCommand.self,
            ExportCommand.self, DiffCommand.self, TimelineCommand.self, RenderCommand.self, ImportCommand.self, InitCommand.self, IngestCommand.self,
            BuildGeoDataCommand.self, ServeCommand.self, DatabaseCommand.self, PlacesCommand.self,
        ]
    )
}
