import ArgumentParser
import FrontlineKit

#if canImport(Glibc)
    import Glibc
#endif

/// `--data DIR`: the dataset folder (default `$FRONTLINE_DATA`, else `./GeoData`).
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset folder (default: $FRONTLINE_DATA, else ./GeoData).", valueName: "DIR"))
    var data: String?

    var directory: String {
        if let data { return data }
        if let environment = getenv("FRONTLINE_DATA"), environment.pointee != 0 { return String(cString: environment) }
        return "./GeoData"
    }
}

/// `--claims FILE` (repeatable): when given, only these files are the ledger.
struct ClaimsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A claims file; repeat for several. When given, only these files are the ledger.", valueName: "FILE"))
    var claims: [String] = []
}

/// Output formats of tabular commands.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
