import GeoJSON
import Geometry

/// A dynamic spatial index of boxes on a uniform grid: O(1) insert and remove, queries visit only
/// the cells a box covers. GEOS's STRtree cannot change after its first query; the control
/// state changes with every claim, so it uses this instead.
///
/// Each cell keeps its entries' boxes beside their ids, and a box that spans several cells is
/// reported only from the first cell it shares with the query, so a query neither looks ids up
/// in a table nor collects them in a set: on 10,000 regions and 100,000 claims the hashing of
/// both was most of the timeline's time.
struct GridIndex: Sendable {
    let bounds: Bounds
    let columns: Int
    let rows: Int
    private let cellWidth: Double
    private let cellHeight: Double

    private struct Entry: Sendable {
        var id: Int
        var box: Bounds
        /// The entry's first column and row: the cell that reports it when a query covers it.
        var column: Int32
        var row: Int32
    }

    private var cells: [[Entry]]
    /// The box of each id, to find its cells again on removal.
    private var boxes: [Int: Bounds] = [:]

    init(bounds: Bounds, expectedItems: Int) {
        let side = max(4, min(512, Int(Double(expectedItems).squareRoot().rounded(.up))))
        self.bounds = bounds
        let aspect = max(bounds.width, 1e-9) / max(bounds.height, 1e-9)
        columns = max(1, min(1024, Int((Double(side) * aspect.squareRoot()).rounded())))
        rows = max(1, min(1024, Int((Double(side) / aspect.squareRoot()).rounded())))
        cellWidth = max(bounds.width, 1e-12) / Double(columns)
        cellHeight = max(bounds.height, 1e-12) / Double(rows)
        cells = Array(repeating: [], count: columns * rows)
    }

    private func range(_ box: Bounds) -> (ClosedRange<Int>, ClosedRange<Int>) {
        func clamp(_ value: Double, _ count: Int) -> Int {
            // Comparisons first: a NaN or huge value must not reach Int(_:).
            value >= Double(count - 1) ? count - 1 : (value > 0 ? Int(value) : 0)
        }
        let x0 = clamp(((box.minX - bounds.minX) / cellWidth).rounded(.down), columns)
        let x1 = clamp(((box.maxX - bounds.minX) / cellWidth).rounded(.down), columns)
        let y0 = clamp(((box.minY - bounds.minY) / cellHeight).rounded(.down), rows)
        let y1 = clamp(((box.maxY - bounds.minY) / cellHeight).rounded(.down), rows)
        return (x0...x1, y0...y1)
    }

    mutating func insert(_ id: Int, _ box: Bounds) {
        boxes[id] = box
        let (xs, ys) = range(box)
        let entry = Entry(id: id, box: box, column: Int32(xs.lowerBound), row: Int32(ys.lowerBound))
        for y in ys { for x in xs { cells[y * columns + x].append(entry) } }
    }

    mutating func remove(_ id: Int) {
        guard let box = boxes.removeValue(forKey: id) else { return }
        let (xs, ys) = range(box)
        for y in ys {
            for x in xs {
                let cell = y * columns + x
                if let position = cells[cell].firstIndex(where: { $0.id == id }) {
                    cells[cell].swapAt(position, cells[cell].count - 1)
                    cells[cell].removeLast()
                }
            }
        }
    }

    /// Ids whose box intersects `box`, ascending.
    func query(_ box: Bounds) -> [Int] {
        var found: [Int] = []
        let (xs, ys) = range(box)
        let firstColumn = Int32(xs.lowerBound)
        let firstRow = Int32(ys.lowerBound)
        for y in ys {
            let row = Int32(y)
            for x in xs {
                let column = Int32(x)
                for entry in cells[y * columns + x]
                where max(entry.column, firstColumn) == column && max(entry.row, firstRow) == row && entry.box.intersects(box) {
                    found.append(entry.id)
                }
            }
        }
        found.sort()
        return found
    }
}
