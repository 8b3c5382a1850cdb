import FrontlineModel
import GeoJSON
import Geometry

/// `frontline validate`: every problem in a data folder or in given files, one diagnostic each.
public enum Validation {
    /// Checks the whole folder: every file's schema and geometry, references between files,
    /// and that the baseline partitions its theatre.
    public static func validateFolder(_ directory: String, claimFiles: [String] = [], repair: Bool = false) throws -> (diagnostics: [Diagnostic], repairs: [String]) {
        var (dataset, diagnostics) = Dataset.loadPartially(directory, parts: .all)
        if let baseline = dataset.baseline, !dataset.regions.isEmpty {
            diagnostics += try PartitionCheck.problems(baseline, regions: dataset.regions, file: dataset.path(Dataset.baselineFile))
        }
        var repairs: [String] = []
        do {
            let files = claimFiles.isEmpty ? try ClaimsLedger.files(in: dataset) : claimFiles
            repairs = try ClaimsLedger.load(files: files, dataset: dataset, repair: repair).repairs
        } catch {
            diagnostics += error.diagnostics
        }
        return (diagnostics, repairs)
    }

    /// Checks given files, each by what its name says it is (regions, settlements, baseline,
    /// lines, actors); any other file is read as a claims file. References to other files are
    /// checked against the data folder.
    public static func validateFiles(_ files: [String], directory: String, repair: Bool = false) throws -> (diagnostics: [Diagnostic], repairs: [String]) {
        var diagnostics: [Diagnostic] = []
        var repairs: [String] = []
        let context: Dataset? = Dataset.loadPartially(directory, parts: .all).0
        for file in files {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            do {
                switch name {
                case Dataset.regionsFile: _ = try Dataset.loadRegions(file)
                case Dataset.settlementsFile: _ = try Dataset.loadSettlements(file, regionIDs: Set(context?.regions.map(\.id) ?? []))
                case Dataset.actorsFile: _ = try Dataset.loadActors(file)
                case Dataset.linesFile: _ = try Dataset.loadLines(file)
                case Dataset.baselineFile:
                    let baseline = try Dataset.loadBaseline(file, actorIDs: Set(context?.actors.map(\.id) ?? []))
                    diagnostics += try PartitionCheck.problems(baseline, regions: context?.regions ?? [], file: file)
                default:
                    let dataset = context ?? Dataset(directory: directory, regions: [], actors: [], settlements: [], baseline: nil, lines: [])
                    repairs += try ClaimsLedger.load(files: [file], dataset: dataset, repair: repair).repairs
                }
            } catch let error as DataError {
                diagnostics += error.diagnostics
            }
        }
        return (diagnostics, repairs)
    }
}
