import Foundation
import FrontlineModel
import GeoJSON
import Geometry

/// SVG to PNG with librsvg's `rsvg-convert` (Debian's librsvg2-bin, installed by tools/setup).
public enum Rasterizer {
    /// `$FRONTLINE_RSVG_CONVERT` when set (a build of one's own, or none to test without),
    /// else Debian's.
    public static var tool: String? {
        if let chosen = ProcessInfo.processInfo.environment["FRONTLINE_RSVG_CONVERT"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        return ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static func png(svg: String, width: Int? = nil) throws -> [UInt8] {
        guard let tool else {
            throw ToolError(tool: "rsvg-convert", message: "not found: PNG output needs librsvg2-bin (tools/setup librsvg2-bin), or write .svg")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frontline-render-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("map.svg"), output = folder.appendingPathComponent("map.png")
        try Data(svg.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--format", "png", "--output", output.path] + (width.map { ["--width", String($0)] } ?? []) + [input.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let png = try? Data(contentsOf: output), !png.isEmpty else {
            throw ToolError(tool: "rsvg-convert", message: "failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return Array(png)
    }
}
