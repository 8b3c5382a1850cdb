import ArgumentParser
import FrontlineModel
import GeoJSON

/// `frontline places NAME`: which settlements a name stands for, as a claim's `places` would
/// resolve it (`Gazetteer.match`).
struct PlacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "Look a place name up in the gazetteer (any spelling: Azerbaijani, BGN, Russian, Armenian).",
        discussion: """
            Prints the settlements the name stands for, as a claim's "places" would resolve it: \
            the id to use, the name, the region, the position and the other names. \
            Exit 1 when no settlement has that name; the message gives the closest names.
            """
    )

    enum Format: String, NamedArgument {
        case table, json, csv, geojson
    }

    @Argument(help: "The name, as a source spells it (or a settlement id).")
    var name: String

    @Option(help: ArgumentHelp("Only settlements of this region (as a claim's region constrains its places).", valueName: "ID"))
    var region: String?

    @OptionGroup var data: DataOptions

    @Option(help: "Output format: table, json, csv or geojson.")
    var format: Format = .table

    func run() throws {
        try Run.reportingErrors {
            let dataset = try Dataset.load(data.directory, parts: .settlements)
            if let region, !dataset.regions.contains(where: { $0.id == region }) {
                throw UsageError("--region: unknown region \"\(region)\" (not in \(Dataset.regionsFile))")
            }
            let gazetteer = Gazetteer(dataset.settlements)
            let match = gazetteer.match(name, regions: region.map { [$0] })
            let matches: [Settlement]
            switch match {
            case .found(let settlement): matches = [settlement]
            case .ambiguous(let candidates): matches = candidates
            case .unknown:
                throw DataError(file: dataset.path(Dataset.settlementsFile), message: Gazetteer.problem(match, name: name, region: region)!)
            }
            switch format {
            case .table: try Run.emit(Self.report(matches).table())
            case .json: try Run.emit(Self.report(matches).json())
            case .csv: try Run.emit(Self.report(matches).csv())
            case .geojson: try Run.emit(GeoJSONEncoder().encode(FeatureCollection(features: matches.map(\.feature))))
            }
        }
    }

    static func report(_ settlements: [Settlement]) -> Report {
        Report(
            columns: [.init("id"), .init("name"), .init("region"), .init("latitude", decimals: 5), .init("longitude", decimals: 5), .init("names")],
            rows: settlements.map { settlement in
                JSONObject([
                    "id": .string(settlement.id), "name": .string(settlement.name), "region": .string(settlement.region),
                    "latitude": .number(settlement.position.latitude), "longitude": .number(settlement.position.longitude),
                    "names": .string(settlement.names.joined(separator: "; ")),
                ])
            })
    }
}
