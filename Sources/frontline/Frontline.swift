import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

@main
struct Frontline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Who controls which territory, when, and on whose word: geodesic snapshots, diffs and frontlines from a ledger of dated control claims.",
        subcommands: [
            RegionsCommand.self, AreaCommand.self, AdjacencyCommand.self, ValidateCommand.self, SnapshotCommand.self,
            ExportCommand.self, DiffCommand.self, TimelineCommand.self, RenderCommand.self, ImportCommand.self, InitCommand.self, IngestCommand.self,
            BuildGeoDataCommand.self, ServeCommand.self, DatabaseCommand.self, PlacesCommand.self,
        ]
    )
}
