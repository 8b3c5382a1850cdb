import Geometry

/// A dynamic spatial index of boxes on a uniform grid: O(1) insert and remove, queries visit only
/// the cells a box covers. GEOS's STRtree cannot change after its first query; the control
/// state changes with every claim, so it uses this instead.
struct GridIndex: Sendable {
    let bounds: Bounds
    let columns: Int
    let rows: Int
    private var cells: [[Int]]
    private var boxes: [Int: Bounds] = [:]

    init(bounds: Bounds, expectedItems: Int) {
        let side = max(4, min(512, Int(Double(expectedItems).squareRoot().rounded(.up))))
        self.bounds = bounds
        let aspect = max(bounds.width, 1e-9) / max(bounds.height, 1e-9)
        columns = max(1, min(1024, Int((Double(side) * aspect.squareRoot()).rounded())))
        rows = max(1, min(1024, Int((Double(side) / aspect.squareRoot()).rounded())))
        cells = Array(repeating: [], count: columns * rows)
    }

    private func range(_ box: Bounds) -> (ClosedRange<Int>, ClosedRange<Int>) {
        func clamp(_ value: Double, _ count: Int) -> Int { max(0, min(count - 1, Int(value))) }
        let width = max(bounds.width, 1e-12) / Double(columns)
        let height = max(bounds.height, 1e-12) / Double(rows)
        let x0 = clamp(((box.minX - bounds.minX) / width).rounded(.down), columns)
        let x1 = clamp(((box.maxX - bounds.minX) / width).rounded(.down), columns)
        let y0 = clamp(((box.minY - bounds.minY) / height).rounded(.down), rows)
        let y1 = clamp(((box.maxY - bounds.minY) / height).rounded(.down), rows)
        return (x0...x1, y0...y1)
    }

    mutating func insert(_ id: Int, _ box: Bounds) {
        boxes[id] = box
        let (xs, ys) = range(box)
        for y in ys { for x in xs { cells[y * columns + x].append(id) } }
    }

    mutating func remove(_ id: Int) {
        guard let box = boxes.removeValue(forKey: id) else { return }
        let (xs, ys) = range(box)
        for y in ys {
            for x in xs {
                let cell = y * columns + x
                if let position = cells[cell].firstIndex(of: id) { cells[cell].swapAt(position, cells[cell].count - 1); cells[cell].removeLast() }
            }
        }
    }

    /// Ids whose box intersects `box`, ascending.
    func query(_ box: Bounds) -> [Int] {
        var found = Set<Int>()
        let (xs, ys) = range(box)
        for y in ys {
            for x in xs {
                for id in cells[y * columns + x] where boxes[id]!.intersects(box) { found.insert(id) }
            }
        }
        return found.sorted()
    }
}
