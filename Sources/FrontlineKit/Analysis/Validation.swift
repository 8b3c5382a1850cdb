import GeoJSON
import Geometry

/// `frontline validate`: every problem in a data folder or in given files, one diagnostic each.
public enum Validation {
    /// Checks the whole folder: every file's schema and geometry, references between files,
    /// and that the baseline partitions its theatre.
    public static func validateFolder(_ directory: String) throws -> [Diagnostic] {
        var (dataset, diagnostics) = Dataset.loadPartially(directory, parts: .all)
        if let baseline = dataset.baseline, !dataset.regions.isEmpty {
            diagnostics += try PartitionCheck.problems(baseline, regions: dataset.regions, file: dataset.path(Dataset.baselineFile))
        }
        return diagnostics
    }

    /// Checks given files, each by what its name says it is (regions, settlements, baseline,
    /// lines, actors); any other file must be valid GeoJSON. References to other files are
    /// checked against the data folder when it loads.
    public static func validateFiles(_ files: [String], directory: String) throws -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let context: Dataset? = Dataset.loadPartially(directory, parts: [.regions, .actors]).0
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
                    _ = try GeoJSONFile.load(file)
                }
            } catch let error as DataError {
                diagnostics += error.diagnostics
            }
        }
        return diagnostics
    }
}
