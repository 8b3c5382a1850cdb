import ArgumentParser
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a data folder (or given files): schema, geometry validity, ids, references, baseline partition.",
        discussion: "Prints one line per problem (FILE: feature N (id): path: message) and exits 1 when there is any; prints a summary and exits 0 otherwise."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var claims: ClaimsOptions

    @Flag(help: "Report invalid claim polygons as repairable (GEOS make-valid) instead of as errors.")
    var repair = false

    @Argument(help: ArgumentHelp("Files to check instead of the whole data folder; - is standard input (a claims file).", valueName: "FILE"))
    var files: [String] = []

    func run() throws {
        try Run.reportingErrors {
            let (diagnostics, warnings) = files.isEmpty
                ? try Validation.validateFolder(data.directory, claimFiles: try ConvertedClaims.geoJSON(claims.claims), repair: repair)
                : try Validation.validateFiles(try ConvertedClaims.geoJSON(try StandardInput.files(files)), directory: data.directory, repair: repair)
            for line in warnings { Run.printError(line) }
            if !diagnostics.isEmpty { throw DataError(diagnostics) }
            Run.printError("frontline validate: no problems in \(files.isEmpty ? data.directory : files.map { $0 == StandardInput.argument ? StandardInput.shown : $0 }.joined(separator: ", "))")
        }
    }
}
