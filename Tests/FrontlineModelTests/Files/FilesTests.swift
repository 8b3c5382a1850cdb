import Foundation
import Testing

@testable import FrontlineModel
import TestSupport

@Suite struct FilesTests {
    @Test func sha256OfKnownInputs() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two blocks: the padding crosses the 64-byte boundary.
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func atomicWriteReplacesWholeOrNotAtAll() throws {
        let folder = try Paths.temporaryDirectory()
        let path = folder.appendingPathComponent("out.txt").path
        try AtomicFile.write("first\n", to: path)
        try AtomicFile.write("second\n", to: path)
        #expect(try FileIO.read(path) == Array("second\n".utf8))
        // No temporary file is left beside it.
        #expect(try FileIO.listDirectory(folder.path) == ["out.txt"])
        // Into a folder that does not exist: an error naming the path, nothing written.
        let nowhere = folder.appendingPathComponent("missing/out.txt").path
        #expect { try AtomicFile.write("x", to: nowhere) } throws: { error in
            (error as? AtomicFile.WriteError)?.path == nowhere
        }
        #expect(!FileIO.exists(nowhere))
    }

    /// Written in pieces: all of them, or (when the producer fails midway) the file as it was
    /// and no temporary file beside it.
    @Test func atomicWriteInPiecesIsWholeOrNothing() throws {
        struct Stop: Error {}
        let folder = try Paths.temporaryDirectory()
        let path = folder.appendingPathComponent("out.txt").path
        try AtomicFile.write(to: path) { append in
            for piece in ["a", "b", "c\n"] { try append(Array(piece.utf8)) }
        }
        #expect(try FileIO.read(path) == Array("abc\n".utf8))
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: path) { append in
                try append(Array("partial".utf8))
                throw Stop()
            }
        }
        #expect(try FileIO.read(path) == Array("abc\n".utf8))
        #expect(try FileIO.listDirectory(folder.path) == ["out.txt"])
    }

    @Test func readingAMissingFileIsBadData() throws {
        let path = try Paths.temporaryDirectory().appendingPathComponent("none.geojson").path
        #expect { try FileIO.read(path) } throws: { error in
            (error as? DataError)?.diagnostics.first?.file == path
        }
    }

    @Test func stagingFoldersAreSwappedInWhole() throws {
        let folder = try Paths.temporaryDirectory()
        let target = folder.appendingPathComponent("export").path
        for content in ["one", "two"] {
            let staging = try AtomicFolder.makeStaging(for: target)
            try AtomicFile.write(content, to: staging + "/index.json")
            try AtomicFolder.commit(staging, to: target)
        }
        #expect(try FileIO.read(target + "/index.json") == Array("two".utf8))
        #expect(try FileIO.listDirectory(folder.path) == ["export"])
    }
}
