import ArgumentParser
import Foundation
import FrontlineEngine
import FrontlineFormats
import FrontlineModel
import FrontlinePresentation
import GeoJSON
import Geometry

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the control at a date as a map: SVG, or PNG (through rsvg-convert).",
        discussion: "Lambert azimuthal equal-area projection centred on the map: regions with labels, control areas in the actors' colours, the claimed-only band hatched, the frontline, places named in claims (a name where it overlaps no other), legend, scale bar and caption. The map is framed on where control changed up to the date (--frame changes: the frontline, the band and every located claim), or on the whole theatre (--frame theatre)."
    )

    enum FrameChoice: String, ExpressibleByArgument, CaseIterable {
        case changes, theatre
    }

    @OptionGroup var ledger: LedgerOptions

    @OptionGroup var which: SnapshotOptions

    @Option(help: ArgumentHelp("Output file, map.svg or map.png.", valueName: "FILE"))
    var out: String

    @Option(help: ArgumentHelp("Width of the map in pixels.", valueName: "PX"))
    var width: Int = 1200

    @Option(help: ArgumentHelp("What the map frames: where control changed up to the date, or the whole theatre.", valueName: "WHAT"))
    var frame: FrameChoice = .changes

    func validate() throws {
        guard out.hasSuffix(".svg") || out.hasSuffix(".png") else { throw ValidationError("--out must end in .svg or .png") }
        guard (200...8000).contains(width) else { throw ValidationError("--width must be between 200 and 8000") }
    }

    func run() throws {
        try Run.reportingErrors {
            try OutputPath.refuseInputs(out, inputs: ledger.inputFiles)
            let tracker = try ledger.tracker()
            try tracker.requireRecorded(which.date, option: "--date")
            let snapshot = try SnapshotBuilder(tracker: tracker).snapshot(at: which.date, options: which.builderOptions())
            var renderer = MapRenderer()
            renderer.width = Double(width)
            if frame == .changes {
                renderer.extent = try MapRenderer.changedBounds([snapshot], tracker: tracker, layer: which.layer)
            }
            let svg = try renderer.svg(snapshot: snapshot, tracker: tracker)
            if out.hasSuffix(".png") {
                try AtomicFile.write(try Rasterizer.png(svg: svg), to: out)
            } else {
                try AtomicFile.write(svg, to: out)
            }
        }
    }
}
