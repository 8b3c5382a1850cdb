/// A nested JSON array whose leaves are all numbers, such as GeoJSON `coordinates`, stored flat.
///
/// A position `[x, y]` costs 28 bytes here against about 100 as generic `JSONValue`s, which is what
/// lets a 200 MB GeoJSON file load in well under four times its size.
/// `shape` is the pre-order walk of the tree: an array node is its element count (>= 0), a number
/// leaf is `-1` and takes the next entry of `values`.
public struct NumericArray: Sendable, Equatable {
    public internal(set) var values: [Double]
    public internal(set) var shape: [Int32]

    public init(values: [Double], shape: [Int32]) {
        self.values = values
        self.shape = shape
    }

    /// The elements of the outermost array, materialized as generic JSON values.
    public var elements: [JSONValue] {
        var cursor = Cursor(self)
        guard case .array(let count) = cursor.next() else { return [] }
        return (0..<count).map { _ in cursor.materialize() }
    }

    /// Walks the tree in pre-order.
    public struct Cursor {
        public enum Node: Equatable { case array(count: Int), number(Double), end }
        let base: NumericArray
        var shapeIndex = 0
        var valueIndex = 0

        public init(_ base: NumericArray) { self.base = base }

        public mutating func next() -> Node {
            guard shapeIndex < base.shape.count else { return .end }
            let entry = base.shape[shapeIndex]
            shapeIndex += 1
            if entry < 0 {
                let value = base.values[valueIndex]
                valueIndex += 1
                return .number(value)
            }
            return .array(count: Int(entry))
        }

        /// Reads the next node and its whole subtree as a generic JSON value.
        public mutating func materialize() -> JSONValue {
            switch next() {
            case .number(let value): return .number(value)
            case .array(let count): return .array((0..<count).map { _ in materialize() })
            case .end: return .null
            }
        }

        /// Skips the next node and its whole subtree.
        public mutating func skip() {
            if case .array(let count) = next() {
                for _ in 0..<count { skip() }
            }
        }
    }
}
