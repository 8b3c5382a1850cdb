import FrontlineModel
import GeoJSON
import Geometry

/// `frontline validate`: every problem in a data folder or in given files, one diagnostic each.
public enum Validation {
    /// Checks the whole folder: every file's schema and geometry, references between files,
    /// and that the baseline partitions its theatre. Warnings are lines to print as they are.
    public static func validateFolder(_ directory: String, claimFiles: [String] = [], repair: Bool = false) throws -> (diagnostics: [Diagnostic], warnings: [String]) {
        var (dataset, diagnostics) = Dataset.loadPartially(directory, parts: .all)
        if let baseline = dataset.baseline, !dataset.regions.isEmpty {
            diagnostics += try PartitionCheck.problems(baseline, regions: dataset.regions, file: dataset.path(Dataset.baselineFile))
        }
        var warnings: [String] = []
        do {
            let files = claimFiles.isEmpty ? try ClaimsLedger.files(in: dataset) : claimFiles
            if claimFiles.isEmpty { warnings += try ClaimsLedger.unreadFiles(in: dataset) }
            warnings += try ClaimsLedger.load(files: files, dataset: dataset, repair: repair).repairs.map { "warning: " + $0 }
        } catch {
            diagnostics += error.diagnostics
        }
        return (diagnostics, warnings)
    }

    /// Checks given files, each by what its name says it is (regions, settlements, baseline,
    /// lines, actors); any other file is read as a claims file. References to other files are
    /// checked against the data folder.
    public static func validateFiles(_ files: [String], directory: String, repair: Bool = false) throws -> (diagnostics: [Diagnostic], warnings: [String]) {
        var diagnostics: [Diagnostic] = []
        var warnings: [String] = []
        let context = Dataset.loadPartially(directory, parts: .all).0
        for file in files {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            do {
                switch name {
                case Dataset.regionsFile: _ = try Dataset.loadRegions(file)
                case Dataset.settlementsFile: _ = try Dataset.loadSettlements(file, regionIDs: context.referenceIDs(Dataset.regionsFile, context.regions.map(\.id)), regions: context.regions)
                case Dataset.actorsFile: _ = try Dataset.loadActors(file)
                case Dataset.linesFile: _ = try Dataset.loadLines(file)
                case Dataset.baselineFile:
                    let baseline = try Dataset.loadBaseline(file, actorIDs: context.referenceIDs(Dataset.actorsFile, context.actors.map(\.id)))
                    diagnostics += try PartitionCheck.problems(baseline, regions: context.regions, file: file)
                default:
                    warnings += try ClaimsLedger.load(files: [file], dataset: context, repair: repair).repairs.map { "warning: " + $0 }
                }
            } catch let error as DataError {
                diagnostics += error.diagnostics
            }
        }
        return (diagnostics, warnings)
    }
}
