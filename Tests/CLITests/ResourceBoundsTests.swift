import Foundation
import Testing

/// A 200 MB input: processed in under four times its size in memory, and a defect at its very
/// end still named with its feature and path.
@Suite struct ResourceBoundsTests {
    /// Writes `megabytes` of valid square polygons and one unclosed ring as the last feature.
    static func writeLargeFile(megabytes: Int, to url: URL) throws -> Int {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(#"{"type":"FeatureCollection","features":["#.utf8))
        var written = 0, count = 0
        var chunk = ""
        while written < megabytes << 20 {
            let x = 46 + Double(count % 1000) / 1000, y = 39 + Double(count / 1000 % 1000) / 1000
            let ring = (0..<25).map { step -> String in
                let angle = Double(step) / 24 * 2 * Double.pi
                return "[\(x + 0.0004 * cos(angle)),\(y + 0.0004 * sin(angle))]"
            }
            let closed = ring.dropLast() + [ring[0]]
            chunk += #"{"type":"Feature","id":"f\#(count)","geometry":{"type":"Polygon","coordinates":[[\#(closed.joined(separator: ","))]]},"properties":{"n":\#(count)}},"#
            count += 1
            if chunk.utf8.count > 1 << 20 {
                written += chunk.utf8.count
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += #"{"type":"Feature","id":"last","geometry":{"type":"Polygon","coordinates":[[[46,39],[46.001,39],[46.001,39.001],[46,39.002]]]},"properties":{}}]}"#
        try handle.write(contentsOf: Data(chunk.utf8))
        return count
    }

    /// Runs `frontline` under python3's resource accounting: peak resident memory of the child.
    static func peakMemory(_ arguments: [String]) throws -> (status: Int32, stderr: String, peakBytes: Int) {
        let script = "import resource,subprocess,sys\nr=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\nsys.stderr.write(r.stderr.decode())\nprint(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nsys.exit(r.returncode)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, CLI.executable.path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let kilobytes = Int(String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return (process.terminationStatus, String(decoding: errData, as: UTF8.self), kilobytes * 1024)
    }

    /// Memory bounds mean something only without a sanitizer's shadow memory.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") && CLI.sanitizer == nil))
    func a200MegabyteFileIsReadWithinFourTimesItsSize() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.geojson")
        let count = try Self.writeLargeFile(megabytes: 200, to: file)
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as! Int
        let result = try Self.peakMemory(["area", file.path, "--format", "csv"])
        print("200 MB input: \(size >> 20) MB, \(count + 1) features, peak memory \(result.peakBytes >> 20) MB (\(String(format: "%.2f", Double(result.peakBytes) / Double(size)))× the file)")
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path): feature \(count) (last): features[\(count)].geometry.coordinates[0]: ring is not closed"))
        #expect(result.peakBytes < 4 * size, "peak \(result.peakBytes >> 20) MB for a \(size >> 20) MB file")
        // Over the configured limit, the file is refused before it is read, naming the limit.
        let refused = try CLI.run(["area", file.path], environment: ["FRONTLINE_MAX_INPUT_MB": "100"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("over the 100 MB input limit; raise it with FRONTLINE_MAX_INPUT_MB="))
    }
}
