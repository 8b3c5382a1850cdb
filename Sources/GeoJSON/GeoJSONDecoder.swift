/// Strict RFC 7946 decoding with the JSON path of every problem.
///
/// It reads `type` first and decodes exactly that type (never tries each type in turn and swallows
/// errors). It rejects unclosed rings, rings under 4 positions, lines under 2, positions under 2
/// numbers (or over 3), mixed dimensions in one geometry, coordinates outside ±180/±90, rings that
/// cross the antimeridian, wrong member types and missing members. A `null` geometry is legal.
/// Decoding continues past a bad feature so that every problem is reported at once.
public struct GeoJSONDecoder: Sendable {
    public var maximumDepth = 512
    /// Reject longitudes outside ±180 and latitudes outside ±90 (RFC 7946 §4 coordinates are WGS 84).
    public var checksCoordinateRanges = true
    /// Stop collecting after this many problems.
    public var maximumErrors = 100

    public init() {}

    /// Parses and decodes a whole document.
    public func decode(_ bytes: [UInt8]) throws(GeoJSONErrorList) -> GeoJSONObject {
        let value: JSONValue
        do {
            value = try JSONParser(maximumDepth: maximumDepth).parse(bytes)
        } catch {
            throw GeoJSONErrorList([GeoJSONError(syntax: error)])
        }
        return try decode(value)
    }

    public func decode(_ text: String) throws(GeoJSONErrorList) -> GeoJSONObject {
        try decode(Array(text.utf8))
    }

    /// Decodes an already parsed value.
    public func decode(_ value: JSONValue) throws(GeoJSONErrorList) -> GeoJSONObject {
        var context = Context(decoder: self)
        let object = context.decodeObject(value, path: .root)
        if !context.errors.isEmpty || object == nil {
            throw GeoJSONErrorList(context.errors, truncated: context.truncated)
        }
        return object!
    }

    /// Decodes a value that must be a geometry (or null when `allowsNull`).
    public func decodeGeometry(_ value: JSONValue, path: JSONPath = .root) throws(GeoJSONErrorList) -> GeoJSONGeometry? {
        var context = Context(decoder: self)
        let geometry = context.decodeGeometry(value, path: path)
        if !context.errors.isEmpty { throw GeoJSONErrorList(context.errors, truncated: context.truncated) }
        return geometry
    }
}

/// Thrown inside one geometry to abandon it after its first problem (already recorded).
private struct Abandon: Error {}

private struct Context {
    let decoder: GeoJSONDecoder
    var errors: [GeoJSONError] = []
    var truncated = false
    var currentFeatureID: FeatureID?

    init(decoder: GeoJSONDecoder) { self.decoder = decoder }

    mutating func report(_ path: JSONPath, _ message: String) {
        if errors.count >= decoder.maximumErrors {
            truncated = true
            return
        }
        errors.append(GeoJSONError(path: path, message: message, featureID: currentFeatureID))
    }

    // MARK: objects

    mutating func decodeObject(_ value: JSONValue, path: JSONPath) -> GeoJSONObject? {
        guard let object = value.objectValue else {
            report(path, "expected a GeoJSON object, found \(value.typeDescription)")
            return nil
        }
        guard let type = readType(object, path: path) else { return nil }
        switch type {
        case "FeatureCollection":
            return decodeFeatureCollection(object, path: path).map { .featureCollection($0) }
        case "Feature":
            return decodeFeature(object, path: path).map { .feature($0) }
        default:
            return decodeGeometry(value, path: path).map { .geometry($0) }
        }
    }

    /// A required member of `object`, as `extract` reads it; reported (missing, or of the wrong
    /// JSON type) and nil otherwise.
    mutating func member<Value>(
        _ key: String, of object: JSONObject, at path: JSONPath, missing: String, expected: String, _ extract: (JSONValue) -> Value?
    ) -> Value? {
        guard let value = object[key] else {
            report(path, missing)
            return nil
        }
        guard let result = extract(value) else {
            report(path.appending(key), "expected \(expected), found \(value.typeDescription)")
            return nil
        }
        return result
    }

    mutating func readType(_ object: JSONObject, path: JSONPath) -> String? {
        guard let type = member("type", of: object, at: path, missing: "missing member \"type\"", expected: "a string", \.stringValue) else { return nil }
        let known = [
            "FeatureCollection", "Feature", "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
            "MultiPolygon", "GeometryCollection",
        ]
        guard known.contains(type) else {
            let hint = known.first { $0.lowercased() == type.lowercased() }.map { " (did you mean \"\($0)\"? names are case-sensitive)" } ?? ""
            report(path.appending("type"), "unknown GeoJSON type \"\(type)\"\(hint)")
            return nil
        }
        return type
    }

    mutating func decodeFeatureCollection(_ object: JSONObject, path: JSONPath) -> FeatureCollection? {
        checkCRS(object, path: path)
        let bbox = readBBox(object, path: path)
        guard let elements = member(
            "features", of: object, at: path, missing: "missing member \"features\" (a FeatureCollection needs an array of features)",
            expected: "an array of features", \.arrayElements)
        else { return nil }
        var features: [Feature] = []
        features.reserveCapacity(elements.count)
        let featuresPath = path.appending("features")
        var valid = true
        for (index, element) in elements.enumerated() {
            let featurePath = featuresPath.appending(index)
            guard let featureObject = element.objectValue else {
                report(featurePath, "expected a Feature object, found \(element.typeDescription)")
                valid = false
                continue
            }
            guard let type = readType(featureObject, path: featurePath) else {
                valid = false
                continue
            }
            guard type == "Feature" else {
                report(featurePath.appending("type"), "expected \"Feature\", found \"\(type)\": a FeatureCollection holds only Features")
                valid = false
                continue
            }
            if let feature = decodeFeature(featureObject, path: featurePath) {
                features.append(feature)
            } else {
                valid = false
            }
        }
        guard valid else { return nil }
        var foreign = object
        for key in ["type", "features", "bbox"] { foreign[key] = nil }
        return FeatureCollection(features: features, bbox: bbox, foreignMembers: foreign)
    }

    mutating func decodeFeature(_ object: JSONObject, path: JSONPath) -> Feature? {
        let errorCount = errors.count
        currentFeatureID = nil
        var id: FeatureID?
        if let idValue = object["id"] {
            switch idValue {
            case .string(let string): id = .string(string)
            case .number(let number): id = .number(number)
            default: report(path.appending("id"), "expected a string or a number, found \(idValue.typeDescription)")
            }
        }
        currentFeatureID = id
        defer { currentFeatureID = nil }
        let bbox = readBBox(object, path: path)
        var geometry: GeoJSONGeometry?
        if let geometryValue = object["geometry"] {
            geometry = decodeGeometry(geometryValue, path: path.appending("geometry"))
        } else {
            report(path, "missing member \"geometry\" (use \"geometry\": null for a feature without location)")
        }
        var properties: JSONObject?
        if let propertiesValue = object["properties"] {
            switch propertiesValue {
            case .null: properties = nil
            case .object(let object): properties = object
            default: report(path.appending("properties"), "expected an object or null, found \(propertiesValue.typeDescription)")
            }
        } else {
            report(path, "missing member \"properties\" (use \"properties\": {} or null)")
        }
        guard errors.count == errorCount && !truncated else { return nil }
        var foreign = object
        for key in ["type", "id", "geometry", "properties", "bbox"] { foreign[key] = nil }
        return Feature(id: id, geometry: geometry, properties: properties, bbox: bbox, foreignMembers: foreign)
    }

    mutating func readBBox(_ object: JSONObject, path: JSONPath) -> [Double]? {
        guard let value = object["bbox"] else { return nil }
        let bboxPath = path.appending("bbox")
        guard let elements = value.arrayElements else {
            report(bboxPath, "expected an array of 4 or 6 numbers, found \(value.typeDescription)")
            return nil
        }
        guard elements.count == 4 || elements.count == 6 else {
            report(bboxPath, "expected 4 or 6 numbers, found \(elements.count) elements")
            return nil
        }
        var numbers: [Double] = []
        for (index, element) in elements.enumerated() {
            guard let number = element.numberValue else {
                report(bboxPath.appending(index), "expected a number, found \(element.typeDescription)")
                return nil
            }
            numbers.append(number)
        }
        return numbers
    }

    /// RFC 7946 removed `crs`; tolerate it only when it names WGS 84 longitude/latitude.
    mutating func checkCRS(_ object: JSONObject, path: JSONPath) {
        guard let crs = object["crs"], !crs.isNull else { return }
        let name = crs.objectValue?["properties"]?.objectValue?["name"]?.stringValue ?? ""
        let accepted = ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"]
        if !accepted.contains(name) {
            report(path.appending("crs"), "coordinates must be WGS 84 longitude/latitude (RFC 7946); this file declares crs \"\(name)\": reproject it to EPSG:4326 first")
        }
    }

    // MARK: geometry

    mutating func decodeGeometry(_ value: JSONValue, path: JSONPath) -> GeoJSONGeometry? {
        if value.isNull { return nil }
        guard let object = value.objectValue else {
            report(path, "expected a geometry object or null, found \(value.typeDescription)")
            return nil
        }
        guard let type = readType(object, path: path) else { return nil }
        let bbox = readBBox(object, path: path)
        var foreign = object
        for key in ["type", "coordinates", "geometries", "bbox"] { foreign[key] = nil }
        do {
            let shape: GeoJSONGeometry.Shape
            if type == "GeometryCollection" {
                shape = try decodeCollection(object, path: path)
            } else if type == "Feature" || type == "FeatureCollection" {
                report(path.appending("type"), "expected a geometry, found a \(type)")
                return nil
            } else {
                guard let coordinatesValue = object["coordinates"] else {
                    report(path, "missing member \"coordinates\" (a \(type) needs coordinates)")
                    return nil
                }
                let coordinatesPath = path.appending("coordinates")
                let numeric = try numericTree(coordinatesValue, path: coordinatesPath)
                var reader = CoordinateReader(cursor: NumericArray.Cursor(numeric), path: coordinatesPath)
                shape = try decodeShape(type, reader: &reader)
                try checkPositions(shape, path: coordinatesPath)
            }
            return GeoJSONGeometry(shape, bbox: bbox, foreignMembers: foreign)
        } catch {
            return nil
        }
    }

    mutating func decodeCollection(_ object: JSONObject, path: JSONPath) throws(Abandon) -> GeoJSONGeometry.Shape {
        guard let geometriesValue = object["geometries"] else {
            report(path, "missing member \"geometries\" (a GeometryCollection needs an array of geometries)")
            throw Abandon()
        }
        guard let elements = geometriesValue.arrayElements else {
            report(path.appending("geometries"), "expected an array of geometries, found \(geometriesValue.typeDescription)")
            throw Abandon()
        }
        var geometries: [GeoJSONGeometry] = []
        for (index, element) in elements.enumerated() {
            let elementPath = path.appending("geometries").appending(index)
            guard element.objectValue != nil else {
                report(elementPath, "expected a geometry object, found \(element.typeDescription)")
                throw Abandon()
            }
            guard let geometry = decodeGeometry(element, path: elementPath) else { throw Abandon() }
            geometries.append(geometry)
        }
        return .geometryCollection(geometries)
    }

    /// Coordinates as a flat numeric tree; a generic array is converted, and any element that is
    /// neither a number nor an array is reported at its exact path.
    mutating func numericTree(_ value: JSONValue, path: JSONPath) throws(Abandon) -> NumericArray {
        if case .numbers(let numeric) = value { return numeric }
        var values: [Double] = []
        var shape: [Int32] = []
        func append(_ value: JSONValue, path: JSONPath, context: inout Context) throws(Abandon) {
            switch value {
            case .number(let number):
                shape.append(-1)
                values.append(number)
            case .numbers(let numeric):
                shape.append(contentsOf: numeric.shape)
                values.append(contentsOf: numeric.values)
            case .array(let elements):
                shape.append(Int32(elements.count))
                for (index, element) in elements.enumerated() {
                    try append(element, path: path.appending(index), context: &context)
                }
            default:
                context.report(path, "expected \(path == pathRoot ? "an array of coordinates" : "a number or an array"), found \(value.typeDescription)")
                throw Abandon()
            }
        }
        let pathRoot = path
        try append(value, path: path, context: &self)
        return NumericArray(values: values, shape: shape)
    }

    mutating func decodeShape(_ type: String, reader: inout CoordinateReader) throws(Abandon) -> GeoJSONGeometry.Shape {
        do throws(CoordinateReader.Failure) {
            switch type {
            case "Point":
                var values: [Double] = []
                try reader.readPosition(appendingTo: &values)
                return .point(PositionList(flat: values, dimension: values.count)[0])
            case "MultiPoint":
                return .multiPoint(try reader.readPositionList(minimum: 0, what: "MultiPoint"))
            case "LineString":
                return .lineString(try reader.readPositionList(minimum: 2, what: "LineString"))
            case "MultiLineString":
                return .multiLineString(try reader.readArray { (reader) throws(CoordinateReader.Failure) in
                    try reader.readPositionList(minimum: 2, what: "LineString")
                })
            case "Polygon":
                return .polygon(try reader.readRings())
            case "MultiPolygon":
                return .multiPolygon(try reader.readArray { (reader) throws(CoordinateReader.Failure) in try reader.readRings() })
            default:
                throw reader.fail("unknown geometry type \"\(type)\"")
            }
        } catch {
            report(error.path, error.message)
            throw Abandon()
        }
    }

    /// Coordinate ranges and antimeridian crossings, once the structure is known to be sound.
    mutating func checkPositions(_ shape: GeoJSONGeometry.Shape, path: JSONPath) throws(Abandon) {
        switch shape {
        case .point(let position):
            try checkList(PositionList([position]), path: path, single: true, connected: false)
        case .multiPoint(let list):
            try checkList(list, path: path, single: false, connected: false)
        case .lineString(let list):
            try checkList(list, path: path, single: false, connected: true)
        case .multiLineString(let lists), .polygon(let lists):
            for (index, list) in lists.enumerated() {
                try checkList(list, path: path.appending(index), single: false, connected: true)
            }
        case .multiPolygon(let polygons):
            for (polygonIndex, rings) in polygons.enumerated() {
                for (ringIndex, ring) in rings.enumerated() {
                    try checkList(ring, path: path.appending(polygonIndex).appending(ringIndex), single: false, connected: true)
                }
            }
        case .geometryCollection:
            break
        }
    }

    mutating func checkList(_ list: PositionList, path: JSONPath, single: Bool, connected: Bool) throws(Abandon) {
        let values = list.values
        let dimension = list.dimension
        for index in 0..<list.count {
            let longitude = values[index * dimension]
            let latitude = values[index * dimension + 1]
            // Built only for a report: appending to the path for every position was a fifth of
            // reading a tracker's ledger.
            var positionPath: JSONPath { single ? path : path.appending(index) }
            if decoder.checksCoordinateRanges {
                if !(-180...180).contains(longitude) {
                    report(positionPath.appending(0), "longitude \(JSONWriter.formatNumber(longitude)) is outside -180..180 (are the coordinates projected, or latitude and longitude swapped?)")
                    throw Abandon()
                }
                if !(-90...90).contains(latitude) {
                    report(positionPath.appending(1), "latitude \(JSONWriter.formatNumber(latitude)) is outside -90..90 (are latitude and longitude swapped?)")
                    throw Abandon()
                }
            }
            if connected && index > 0 {
                let previous = values[(index - 1) * dimension]
                if abs(longitude - previous) > 180 {
                    report(positionPath, "the segment from longitude \(JSONWriter.formatNumber(previous)) to \(JSONWriter.formatNumber(longitude)) crosses the antimeridian; RFC 7946 §3.1.9 requires cutting the geometry in two there")
                    throw Abandon()
                }
            }
        }
    }
}

/// Reads GeoJSON coordinate structures from a numeric tree, tracking the path of each element.
struct CoordinateReader {
    struct Failure: Error {
        var path: JSONPath
        var message: String
    }

    var cursor: NumericArray.Cursor
    let basePath: JSONPath
    var indices: [Int] = []
    var dimension: Int?

    init(cursor: NumericArray.Cursor, path: JSONPath) {
        self.cursor = cursor
        self.basePath = path
    }

    var path: JSONPath { JSONPath(basePath.components + indices.map { .index($0) }) }

    func fail(_ message: String) -> Failure { Failure(path: path, message: message) }

    /// Reads an array, calling `element` for each element with the path index set.
    mutating func readArray<T>(_ element: (inout CoordinateReader) throws(Failure) -> T) throws(Failure) -> [T] {
        switch cursor.next() {
        case .array(let count):
            var result: [T] = []
            result.reserveCapacity(count)
            for index in 0..<count {
                indices.append(index)
                result.append(try element(&self))
                indices.removeLast()
            }
            return result
        case .number:
            throw fail("expected an array, found a number (coordinates are nested one level too shallow)")
        case .end:
            throw fail("expected an array")
        }
    }

    /// Reads one position, appending its numbers to `values`.
    mutating func readPosition(appendingTo values: inout [Double]) throws(Failure) {
        guard case .array(let count) = cursor.next() else {
            throw fail("expected a position (an array of 2 or 3 numbers), found a number (coordinates are nested one level too shallow)")
        }
        var lookahead = cursor
        if count > 0, case .array = lookahead.next() {
            indices.append(0)
            throw fail("expected a number, found an array (coordinates are nested one level too deep)")
        }
        guard count >= 2 else {
            throw fail("a position needs at least 2 numbers (longitude, latitude), found \(count)")
        }
        guard count <= 3 else {
            throw fail("a position has at most 3 numbers (longitude, latitude, altitude), found \(count)")
        }
        if let dimension, dimension != count {
            throw fail("this position has \(count) numbers but earlier positions of the geometry have \(dimension): mixed dimensions")
        }
        dimension = count
        for index in 0..<count {
            guard case .number(let number) = cursor.next() else {
                indices.append(index)
                throw fail("expected a number, found an array (coordinates are nested one level too deep)")
            }
            values.append(number)
        }
    }

    mutating func readPositionList(minimum: Int, what: String) throws(Failure) -> PositionList {
        guard case .array(let count) = cursor.next() else {
            throw fail("expected an array of positions, found a number (coordinates are nested one level too shallow)")
        }
        guard count >= minimum else {
            throw fail("a \(what) needs at least \(minimum) positions, found \(count)")
        }
        var values: [Double] = []
        values.reserveCapacity(count * 2)
        for index in 0..<count {
            indices.append(index)
            try readPosition(appendingTo: &values)
            indices.removeLast()
        }
        return PositionList(flat: values, dimension: dimension ?? 2)
    }

    mutating func readRings() throws(Failure) -> [PositionList] {
        try readArray { (reader) throws(Failure) -> PositionList in
            let ring = try reader.readPositionList(minimum: 0, what: "ring")
            guard ring.count >= 4 else {
                throw reader.fail("a linear ring needs at least 4 positions (first and last equal), found \(ring.count)")
            }
            guard ring.isClosed else {
                let first = ring[0]
                let last = ring[ring.count - 1]
                throw reader.fail("ring is not closed: first position [\(JSONWriter.formatNumber(first.longitude)), \(JSONWriter.formatNumber(first.latitude))] differs from last [\(JSONWriter.formatNumber(last.longitude)), \(JSONWriter.formatNumber(last.latitude))]")
            }
            return ring
        }
    }
}
