/// Deterministic RFC 7946 output.
///
/// Members are sorted by UTF-8 bytes, numbers are shortest round-trip (rounded only when
/// `precision` asks), exterior rings are written counter-clockwise and holes clockwise, and a
/// FeatureCollection puts one feature per line so that two snapshots diff line by line.
public struct GeoJSONEncoder: Sendable {
    /// Decimal places for coordinates; nil keeps every digit (no silent rounding).
    public var precision: Int?
    /// Write a computed `bbox` on each feature and on the collection.
    public var writesBoundingBoxes = false

    public init(precision: Int? = nil, writesBoundingBoxes: Bool = false) {
        self.precision = precision
        self.writesBoundingBoxes = writesBoundingBoxes
    }

    public func encode(_ object: GeoJSONObject) -> [UInt8] {
        var output: [UInt8] = []
        switch object {
        case .geometry(let geometry): writeGeometry(geometry, into: &output)
        case .feature(let feature): writeFeature(feature, into: &output)
        case .featureCollection(let collection):
            writeCollection(collection, into: &output)
            return output
        }
        output.append(0x0A)
        return output
    }

    public func encode(_ collection: FeatureCollection) -> [UInt8] {
        var output: [UInt8] = []
        writeCollection(collection, into: &output)
        return output
    }

    /// The collection, with a newline after it.
    public func writeCollection(_ collection: FeatureCollection, into output: inout [UInt8]) {
        var members: [(String, (inout [UInt8]) -> Void)] = []
        let bbox = collection.bbox ?? (writesBoundingBoxes ? Self.boundingBox(of: collection.features.compactMap(\.geometry)) : nil)
        if let bbox { members.append(("bbox", { self.writeNumbers(bbox, into: &$0) })) }
        members.append(("type", { JSONWriter.writeString("FeatureCollection", into: &$0) }))
        members.append((
            "features",
            { output in
                output.append(UInt8(ascii: "["))
                for (index, feature) in collection.features.enumerated() {
                    output.append(contentsOf: index == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
                    self.writeFeature(feature, into: &output)
                }
                if !collection.features.isEmpty { output.append(0x0A) }
                output.append(UInt8(ascii: "]"))
            }
        ))
        appendForeign(collection.foreignMembers, to: &members)
        writeMembers(members, into: &output)
        output.append(0x0A)
    }

    public func writeFeature(_ feature: Feature, into output: inout [UInt8]) {
        var members: [(String, (inout [UInt8]) -> Void)] = []
        members.append(("type", { JSONWriter.writeString("Feature", into: &$0) }))
        if let id = feature.id { members.append(("id", { JSONWriter.write(id.jsonValue, into: &$0) })) }
        members.append((
            "geometry",
            { output in
                if let geometry = feature.geometry { self.writeGeometry(geometry, into: &output) } else { output.append(contentsOf: "null".utf8) }
            }
        ))
        members.append((
            "properties",
            { output in
                if let properties = feature.properties { JSONWriter.writeObject(properties, into: &output) } else { output.append(contentsOf: "null".utf8) }
            }
        ))
        let bbox = feature.bbox ?? (writesBoundingBoxes ? feature.geometry?.computedBoundingBox : nil)
        if let bbox { members.append(("bbox", { self.writeNumbers(bbox, into: &$0) })) }
        appendForeign(feature.foreignMembers, to: &members)
        writeMembers(members, into: &output)
    }

    public func writeGeometry(_ geometry: GeoJSONGeometry, into output: inout [UInt8]) {
        var members: [(String, (inout [UInt8]) -> Void)] = []
        members.append(("type", { JSONWriter.writeString(geometry.typeName, into: &$0) }))
        switch geometry.shape {
        case .geometryCollection(let geometries):
            members.append((
                "geometries",
                { output in
                    output.append(UInt8(ascii: "["))
                    for (index, child) in geometries.enumerated() {
                        if index > 0 { output.append(UInt8(ascii: ",")) }
                        self.writeGeometry(child, into: &output)
                    }
                    output.append(UInt8(ascii: "]"))
                }
            ))
        default:
            members.append(("coordinates", { self.writeCoordinates(geometry.shape, into: &$0) }))
        }
        let bbox = geometry.bbox ?? (writesBoundingBoxes ? geometry.computedBoundingBox : nil)
        if let bbox { members.append(("bbox", { self.writeNumbers(bbox, into: &$0) })) }
        appendForeign(geometry.foreignMembers, to: &members)
        writeMembers(members, into: &output)
    }

    // MARK: pieces

    private func appendForeign(_ foreign: JSONObject, to members: inout [(String, (inout [UInt8]) -> Void)]) {
        let reserved = Set(members.map(\.0))
        for key in foreign.sortedKeys where !reserved.contains(key) {
            let value = foreign[key]!
            members.append((key, { JSONWriter.write(value, into: &$0) }))
        }
    }

    private func writeMembers(_ members: [(String, (inout [UInt8]) -> Void)], into output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (index, member) in members.sorted(by: { JSONObject.keyOrder($0.0, $1.0) }).enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(member.0, into: &output)
            output.append(UInt8(ascii: ":"))
            member.1(&output)
        }
        output.append(UInt8(ascii: "}"))
    }

    private func writeNumbers(_ numbers: [Double], into output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (index, number) in numbers.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.writeNumber(number, decimals: precision, into: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    private func writeCoordinates(_ shape: GeoJSONGeometry.Shape, into output: inout [UInt8]) {
        switch shape {
        case .point(let position):
            writePosition(PositionList([position]), 0, into: &output)
        case .multiPoint(let list), .lineString(let list):
            writeList(list, into: &output)
        case .multiLineString(let lines):
            writeArray(lines, into: &output) { self.writeList($0, into: &$1) }
        case .polygon(let rings):
            writeRings(rings, into: &output)
        case .multiPolygon(let polygons):
            writeArray(polygons, into: &output) { self.writeRings($0, into: &$1) }
        case .geometryCollection:
            output.append(contentsOf: "[]".utf8)
        }
    }

    private func writeArray<T>(_ items: [T], into output: inout [UInt8], _ body: (T, inout [UInt8]) -> Void) {
        output.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            body(item, &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// RFC 7946 §3.1.6: exterior counter-clockwise, holes clockwise.
    private func writeRings(_ rings: [PositionList], into output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (index, ring) in rings.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeList(ring.isWoundForRFC7946(exterior: index == 0) ? ring : ring.reversed(), into: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    private func writeList(_ list: PositionList, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for index in 0..<list.count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writePosition(list, index, into: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    private func writePosition(_ list: PositionList, _ index: Int, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        let base = index * list.dimension
        for offset in 0..<list.dimension {
            if offset > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.writeNumber(list.values[base + offset], decimals: precision, into: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    static func boundingBox(of geometries: [GeoJSONGeometry]) -> [Double]? {
        var result: [Double]?
        for geometry in geometries {
            guard let box = geometry.computedBoundingBox else { continue }
            if let current = result {
                result = [min(current[0], box[0]), min(current[1], box[1]), max(current[2], box[2]), max(current[3], box[3])]
            } else {
                result = box
            }
        }
        return result
    }
}
