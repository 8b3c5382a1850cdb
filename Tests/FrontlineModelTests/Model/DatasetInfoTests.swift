import Foundation
import Testing

@testable import FrontlineModel
import TestSupport

@Suite struct DatasetInfoTests {
    func write(_ text: String) throws -> String {
        let folder = try Paths.temporaryDirectory()
        let path = folder.appendingPathComponent(DatasetInfo.file).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theShippedFolderIsTitled() throws {
        let dataset = try Dataset.load(Paths.geoData.path)
        #expect(dataset.info?.title == "Nagorno-Karabakh conflict")
        #expect(dataset.info?.attribution?.contains("Natural Earth") == true)
        // Its bytes are the writer's: one member a line, keys sorted.
        let bytes = Array(try Data(contentsOf: Paths.geoData.appendingPathComponent(DatasetInfo.file)))
        #expect(dataset.info?.fileBytes == bytes)
    }

    @Test func aWrittenFileReadsBack() throws {
        let info = DatasetInfo(title: "Test war \"quoted\"", description: "Line one\nline two", attribution: "Boundaries: mine · places: yours")
        let path = try write(String(decoding: info.fileBytes, as: UTF8.self))
        #expect(try DatasetInfo.load(path) == info)
        #expect(try DatasetInfo.load(try write(#"{"title": "T"}"#)) == DatasetInfo(title: "T"))
    }

    @Test func problemsAreNamedWithTheirPaths() throws {
        func problems(_ text: String) throws -> [String] {
            let path = try write(text)
            do {
                _ = try DatasetInfo.load(path)
                return []
            } catch {
                return error.diagnostics.map { $0.description.replacingOccurrences(of: path, with: "FILE") }
            }
        }
        #expect(try problems("[]") == ["FILE: top level: expected an object with a \"title\", found an array"])
        #expect(try problems(#"{"description": "d"}"#) == ["FILE: top level: missing member \"title\""])
        #expect(try problems(#"{"title": 3, "colour": "red"}"#) == [
            "FILE: colour: unknown member (known: title, description, attribution)", "FILE: title: expected a string, found a number",
        ])
        #expect(try problems(#"{"title": "  "}"#) == ["FILE: title: must not be empty"])
        #expect(try problems(#"{"title": "#).first?.contains("invalid JSON at line 1") == true)
    }

    @Test func aBadFileIsAProblemOfTheFolder() throws {
        let folder = try GridFixture.write()
        try Data(#"{"title": 1}"#.utf8).write(to: folder.appendingPathComponent(DatasetInfo.file))
        let (_, diagnostics) = Dataset.loadPartially(folder.path)
        #expect(diagnostics.map(\.message) == ["expected a string, found a number"])
        #expect(Dataset.inputFiles(directory: folder.path).contains(folder.appendingPathComponent(DatasetInfo.file).path))
    }

    @Test func thePeriodIsInYears() {
        #expect(DatasetInfo.period(from: CalendarDate("1994-05-12")!, to: CalendarDate("2023-10-15")!) == "1994–2023")
        #expect(DatasetInfo.period(from: CalendarDate("2024-01-01")!, to: CalendarDate("2024-12-31")!) == "2024")
    }
}
