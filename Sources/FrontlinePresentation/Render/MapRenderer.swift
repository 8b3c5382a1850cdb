import FrontlineEngine
import FrontlineModel
import GeoJSON

#if canImport(Glibc)
    import Glibc
#endif
import Geometry

/// Draws a snapshot as an SVG map in a Lambert azimuthal equal-area projection centred on the
/// theatre (PROJ), so areas on the map compare truthfully: regions with labels, control areas in
/// the actors' colours, the uncertainty band hatched, the frontline, the places named in claims,
/// a legend, a scale bar in km, and the date and areas as a caption.
public struct MapRenderer: Sendable {
    public var width = 1200.0
    /// Tolerance of the simplification applied before drawing, in pixels.
    public var simplifyPixels = 0.6
    public var showsLegend = true
    /// Prefix of the SVG ids (patterns, clip path), so that several maps can share one page:
    /// a page resolves `url(#id)` to the first element with that id, even in a hidden map.
    public var idPrefix = ""
    /// A map for the viewer page, which zooms and pans it: only the map (the page has its own
    /// title, legend, caption and a scale bar that follows the zoom), strokes that keep their
    /// width on screen, and every region in view labelled (`class="label"`, with its size on
    /// the map in `data-px`) for the page to show the labels that fit. Off: a map to print.
    public var interactive = false
    /// The part of the world to draw (longitude, latitude bounds; the projection is centred on
    /// it); nil: the whole theatre.
    public var extent: Bounds?

    public init() {}

    /// Where control changed over `snapshots`: the bounds of every frontline and band drawn and
    /// of every located claim of `layer` up to the last date; nil when there is none.
    public static func changedBounds(_ snapshots: [Snapshot], tracker: Tracker, layer: Layer) throws -> Bounds? {
        var bounds: Bounds?
        func add(_ box: Bounds?) { if let box { bounds = bounds.map { $0.union(box) } ?? box } }
        for snapshot in snapshots {
            add(try Geometry(snapshot.frontline.geometry).bounds)
            for band in snapshot.bands { add(try Geometry(band.geometry).bounds) }
        }
        let last = snapshots.last?.date
        for item in tracker.resolved where item.claim.isIn(layer) && last.map({ item.claim.date <= $0 }) ?? false {
            add(item.area?.bounds)
        }
        return bounds
    }

    struct Frame {
        let projection: Projection
        let minX: Double, maxY: Double, scale: Double
        let mapWidth: Double, mapHeight: Double
        let top: Double

        func point(_ x: Double, _ y: Double) -> (Double, Double) {
            ((x - minX) * scale, top + (maxY - y) * scale)
        }
    }

    /// The SVG of `snapshot` over `tracker`'s data. Shapes are drawn from the coordinates the
    /// files hold (the snapshot's), so the map shows what was published.
    public func svg(snapshot: Snapshot, tracker: Tracker, background: Background? = nil) throws -> String {
        let (frame, view) = try self.frame(theatre: tracker.resolver.theatre)
        let (top, mapHeight, scale) = (frame.top, frame.mapHeight, frame.scale)
        let captionHeight = interactive ? 0.0 : 78.0
        let height = top + mapHeight + captionHeight
        // Simplification tolerance in degrees: pixels times metres per pixel, over 111 km per degree.
        let tolerance = Geodesic.degrees(metres: simplifyPixels / scale)
        let viewBox = Geometry.rectangle(view)
        let scaling = interactive ? " vector-effect=\"non-scaling-stroke\"" : ""

        var svg: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"DejaVu Sans, Arial, sans-serif\">",
            "<defs>",
        ]
        for actor in tracker.actors {
            svg.append("<pattern id=\"\(idPrefix)band-\(Self.attribute(actor.id))\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\" fill-opacity=\"0.55\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"\(actor.color)\" stroke-width=\"3\"/></pattern>")
        }
        svg += ["<clipPath id=\"\(idPrefix)map\"><rect x=\"0\" y=\"\(Self.n(top))\" width=\"\(Self.n(width))\" height=\"\(Self.n(mapHeight))\"/></clipPath>", "</defs>"]
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        svg.append("<rect x=\"0\" y=\"\(Self.n(top))\" width=\"\(Self.n(width))\" height=\"\(Self.n(mapHeight))\" fill=\"#dfe9f0\"/>")
        svg.append("<g clip-path=\"url(#\(idPrefix)map)\">")

        // Regions in view, outside the theatre in grey (the same on every date).
        let regions = try background ?? self.background(tracker: tracker)
        svg += regions.paths
        let labels = regions.labels
        // Control, band, frontline from the snapshot.
        for control in snapshot.controls {
            let color = Style.color(of: control.controller, in: snapshot.actors)
            let shape = try Geometry(control.geometry).simplified(tolerance: tolerance)
            svg.append("<path d=\"\(try path(shape, frame))\" fill=\"\(color)\" fill-opacity=\"0.5\" stroke=\"\(color)\" stroke-width=\"0.8\" fill-rule=\"evenodd\"\(scaling)/>")
        }
        for band in snapshot.bands {
            let shape = try Geometry(band.geometry).simplified(tolerance: tolerance)
            svg.append("<path d=\"\(try path(shape, frame))\" fill=\"url(#\(idPrefix)band-\(Self.attribute(band.controller)))\" stroke=\"none\" fill-rule=\"evenodd\"/>")
        }
        // Reference lines (the 1994 line of contact) for context, thin and dashed.
        for line in tracker.dataset.lines {
            let shape = try Geometry(line.geometry).simplified(tolerance: tolerance)
            svg.append("<path d=\"\(try path(shape, frame, closed: false))\" fill=\"none\" stroke=\"#6b6b6b\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"\(scaling)><title>\(Self.text(line.name))</title></path>")
        }
        do {
            let shape = try Geometry(snapshot.frontline.geometry).simplified(tolerance: tolerance)
            svg.append("<path d=\"\(try path(shape, frame, closed: false))\" fill=\"none\" stroke=\"#111111\" stroke-width=\"2.6\" stroke-linejoin=\"round\" stroke-linecap=\"round\"\(scaling)/>")
        }
        if interactive { svg.append("<g class=\"labels\" font-size=\"10\" fill=\"#5a5650\" text-anchor=\"middle\">") }
        svg += labels
        if interactive { svg.append("</g>") }
        // Places named in the claims behind this snapshot: those named by id (towns, in this
        // ledger) first, then those named by their places, in ledger order; on a map to print,
        // a name is written only where it overlaps no name already written.
        let claims = tracker.claims(layer: snapshot.layer, upTo: snapshot.date).map(\.claim)
        var order: [String] = [], seen = Set<String>()
        for id in claims.flatMap(\.settlements) + claims.flatMap(\.locatedSettlements) where seen.insert(id).inserted { order.append(id) }
        let byID = Dictionary(tracker.dataset.settlements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var written: [(Double, Double, Double, Double)] = []
        if interactive { svg.append("<g class=\"places\" font-size=\"12\" stroke-width=\"3\">") }
        for settlement in order.compactMap({ byID[$0] }) {
            let p = try frame.projection.forward(x: settlement.position.longitude, y: settlement.position.latitude)
            let (x, y) = frame.point(p.x, p.y)
            if interactive {
                // The page sizes the circle and the text, and places the text, for its zoom.
                svg.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"3.2\" fill=\"#ffffff\" stroke=\"#111111\" stroke-width=\"1.4\" vector-effect=\"non-scaling-stroke\"/>")
                svg.append("<text class=\"label place\" data-x=\"\(Self.n(x))\" data-y=\"\(Self.n(y))\" x=\"\(Self.n(x + 5))\" y=\"\(Self.n(y - 4))\" fill=\"#111111\" stroke=\"#ffffff\" paint-order=\"stroke\">\(Self.text(settlement.name))</text>")
            } else {
                svg.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"3.2\" fill=\"#ffffff\" stroke=\"#111111\" stroke-width=\"1.4\"/>")
                // DejaVu Sans at 12 px: about 7.2 px a character, 12 px high.
                let box = (x + 4, y - 15, x + 6 + 7.2 * Double(settlement.name.count), y - 1)
                guard !written.contains(where: { box.0 < $0.2 && $0.0 < box.2 && box.1 < $0.3 && $0.1 < box.3 }) else { continue }
                written.append(box)
                svg.append("<text x=\"\(Self.n(x + 5))\" y=\"\(Self.n(y - 4))\" font-size=\"12\" fill=\"#111111\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\(Self.text(settlement.name))</text>")
            }
        }
        if interactive { svg.append("</g>") }
        svg.append("</g>")
        if interactive {
            svg.append("</svg>")
            return svg.joined(separator: "\n") + "\n"
        }
        svg.append("<rect x=\"0.5\" y=\"\(Self.n(top + 0.5))\" width=\"\(Self.n(width - 1))\" height=\"\(Self.n(mapHeight - 1))\" fill=\"none\" stroke=\"#555555\"/>")
        // Title, legend, scale bar, caption.
        let date = snapshot.date.description
        let layer = snapshot.layer.rawValue
        let knownOn = snapshot.knownOn.map { ", as known on \($0)" } ?? ""
        svg.append("<text x=\"8\" y=\"24\" font-size=\"19\" font-weight=\"bold\" fill=\"#111111\">Control on \(Self.text(date)) (\(Self.text(layer)) layer\(Self.text(knownOn)))</text>")
        if showsLegend { svg += legend(snapshot: snapshot, tracker: tracker, frame: frame) }
        svg += scaleBar(frame: frame)
        svg += caption(snapshot: snapshot, tracker: tracker, y: top + mapHeight + 22)
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    /// What a map of a tracker's data draws whatever the date: the regions and their labels.
    public struct Background: Sendable {
        var paths: [String]
        var labels: [String]
    }

    /// The regions in view as paths and labels, for every map of `tracker` at this width.
    public func background(tracker: Tracker) throws -> Background {
        let (frame, view) = try self.frame(theatre: tracker.resolver.theatre)
        let tolerance = Geodesic.degrees(metres: simplifyPixels / frame.scale)
        let viewBox = Geometry.rectangle(view)
        var result = Background(paths: [], labels: [])
        for region in tracker.dataset.regions where !region.isHistorical {
            guard let geometry = try tracker.resolver.regions.geometry(region.id), let box = geometry.bounds, box.intersects(view) else { continue }
            let clipped = try geometry.intersection(viewBox).simplified(tolerance: tolerance)
            let scaling = interactive ? " vector-effect=\"non-scaling-stroke\"" : ""
            result.paths.append("<path d=\"\(try path(clipped, frame))\" fill=\"#f3f1ec\" stroke=\"#a8a39a\" stroke-width=\"0.6\" fill-rule=\"evenodd\"\(scaling)/>")
            if let label = try label(region, geometry: geometry, frame: frame, view: view) { result.labels.append(label) }
        }
        return result
    }

    /// The map's frame: a Lambert azimuthal equal-area projection centred on the theatre (PROJ),
    /// and the view, the theatre's box with a margin, projected along its edges.
    func frame(theatre: Geometry) throws -> (frame: Frame, view: Bounds) {
        // An extent with no size (one point) frames nothing: the theatre instead.
        let bounds = extent.flatMap { $0.width > 0 || $0.height > 0 ? $0 : nil } ?? theatre.bounds!
        let center = Position((bounds.minX + bounds.maxX) / 2, (bounds.minY + bounds.maxY) / 2)
        let projection = try Projection.lambertAzimuthalEqualArea(centerLongitude: center.longitude, centerLatitude: center.latitude)
        let margin = max(bounds.width, bounds.height) * 0.04
        let view = bounds.expanded(by: margin)
        var xs: [Double] = [], ys: [Double] = []
        for step in 0...20 {
            let t = Double(step) / 20
            for (lon, lat) in [(view.minX + t * view.width, view.minY), (view.minX + t * view.width, view.maxY), (view.minX, view.minY + t * view.height), (view.maxX, view.minY + t * view.height)] {
                let p = try projection.forward(x: lon, y: lat)
                xs.append(p.x)
                ys.append(p.y)
            }
        }
        let (minX, maxX, minY, maxY) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        let scale = width / (maxX - minX)
        let mapHeight = (maxY - minY) * scale
        let top = interactive ? 0.0 : 36.0
        let frame = Frame(projection: projection, minX: minX, maxY: maxY, scale: scale, mapWidth: width, mapHeight: mapHeight, top: top)
        return (frame, view)
    }

    /// An SVG path in screen coordinates for the polygons (or lines) of a lon/lat geometry.
    func path(_ geometry: Geometry, _ frame: Frame, closed: Bool = true) throws -> String {
        let shape = geometry.geoJSON
        var lists: [PositionList] = []
        for polygon in shape.polygons { lists += polygon }
        let lines = shape.lines
        var d = ""
        for (index, list) in (lists + lines).enumerated() {
            guard list.count >= 2 else { continue }
            var values = list.dimension == 2 ? list.values : list.positions.flatMap { [$0.longitude, $0.latitude] }
            try frame.projection.forward(flat: &values)
            for position in 0..<(values.count / 2) {
                let (x, y) = frame.point(values[position * 2], values[position * 2 + 1])
                d += (position == 0 ? "M" : "L") + Self.n(x) + " " + Self.n(y)
            }
            if closed && index < lists.count { d += "Z" }
        }
        return d
    }

    func label(_ region: Region, geometry: Geometry, frame: Frame, view: Bounds) throws -> String? {
        guard let box = geometry.bounds, box.minX >= view.minX, box.maxX <= view.maxX, box.minY >= view.minY, box.maxY <= view.maxY else { return nil }
        // Only regions big enough on screen for their name; on a page that zooms, every region,
        // with its size for the page to choose.
        let pixels = Geodesic.area(of: geometry) * frame.scale * frame.scale
        guard interactive || pixels > 2500, let point = try geometry.pointOnSurface().pointCoordinates else { return nil }
        let p = try frame.projection.forward(x: point.x, y: point.y)
        let (x, y) = frame.point(p.x, p.y)
        if interactive { return "<text class=\"label\" data-px=\"\(Int(pixels.rounded()))\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\">\(Self.text(region.name))</text>" }
        return "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"10\" fill=\"#5a5650\" text-anchor=\"middle\">\(Self.text(region.name))</text>"
    }

    /// Where `bounds` (longitude, latitude) falls on this renderer's maps of `theatre`, as an
    /// SVG view box (x, y, width, height), its edges projected as the frame's are.
    public func viewBox(of bounds: Bounds, theatre: Geometry) throws -> [Double] {
        let (frame, _) = try self.frame(theatre: theatre)
        var xs: [Double] = [], ys: [Double] = []
        for step in 0...20 {
            let t = Double(step) / 20
            for (lon, lat) in [(bounds.minX + t * bounds.width, bounds.minY), (bounds.minX + t * bounds.width, bounds.maxY), (bounds.minX, bounds.minY + t * bounds.height), (bounds.maxX, bounds.minY + t * bounds.height)] {
                let p = try frame.projection.forward(x: lon, y: lat)
                let (x, y) = frame.point(p.x, p.y)
                xs.append(x)
                ys.append(y)
            }
        }
        return [xs.min()!, ys.min()!, xs.max()! - xs.min()!, ys.max()! - ys.min()!]
    }

    /// The whole map of `theatre` as an SVG view box (x, y, width, height).
    public func mapBox(theatre: Geometry) throws -> [Double] {
        let (frame, _) = try self.frame(theatre: theatre)
        return [0, frame.top, frame.mapWidth, frame.mapHeight]
    }

    /// Metres on the ground per unit of this renderer's maps of `theatre` (true near the
    /// projection's centre), for a scale bar.
    public func metresPerUnit(theatre: Geometry) throws -> Double {
        1 / (try frame(theatre: theatre).frame.scale)
    }

    func legend(snapshot: Snapshot, tracker: Tracker, frame: Frame) -> [String] {
        let entries = snapshot.controls
        let x = frame.mapWidth - 280, y = frame.top + 10
        let lines = tracker.dataset.lines
        let height = 24.0 * Double(entries.count + 2 + lines.count) + 14
        var svg = ["<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"270\" height=\"\(Self.n(height))\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"#777777\"/>"]
        var row = y + 22
        for control in entries {
            let color = Style.color(of: control.controller, in: snapshot.actors)
            let name = snapshot.actor(control.controller)?.name ?? control.controller
            svg.append("<rect x=\"\(Self.n(x + 10))\" y=\"\(Self.n(row - 12))\" width=\"22\" height=\"14\" fill=\"\(color)\" fill-opacity=\"0.5\" stroke=\"\(color)\"/>")
            svg.append("<text x=\"\(Self.n(x + 40))\" y=\"\(Self.n(row))\" font-size=\"13\" fill=\"#111111\">\(Self.text(name))</text>")
            row += 24
        }
        let bandActor = tracker.actors.first?.id ?? ""
        svg.append("<rect x=\"\(Self.n(x + 10))\" y=\"\(Self.n(row - 12))\" width=\"22\" height=\"14\" fill=\"url(#\(idPrefix)band-\(Self.attribute(bandActor)))\" stroke=\"#777777\"/>")
        svg.append("<text x=\"\(Self.n(x + 40))\" y=\"\(Self.n(row))\" font-size=\"13\" fill=\"#111111\">claimed, not assessed</text>")
        row += 24
        svg.append("<line x1=\"\(Self.n(x + 10))\" y1=\"\(Self.n(row - 5))\" x2=\"\(Self.n(x + 32))\" y2=\"\(Self.n(row - 5))\" stroke=\"#111111\" stroke-width=\"2.6\"/>")
        svg.append("<text x=\"\(Self.n(x + 40))\" y=\"\(Self.n(row))\" font-size=\"13\" fill=\"#111111\">frontline</text>")
        for line in lines {
            row += 24
            svg.append("<line x1=\"\(Self.n(x + 10))\" y1=\"\(Self.n(row - 5))\" x2=\"\(Self.n(x + 32))\" y2=\"\(Self.n(row - 5))\" stroke=\"#6b6b6b\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>")
            svg.append("<text x=\"\(Self.n(x + 40))\" y=\"\(Self.n(row))\" font-size=\"13\" fill=\"#111111\">\(Self.text(line.name))</text>")
        }
        return svg
    }

    /// A bar of a round length near a fifth of the map width, in km (true in this projection near the centre).
    func scaleBar(frame: Frame) -> [String] {
        let target = frame.mapWidth / 5 / frame.scale / 1000
        let magnitude = powerOfTen(Int(log10(target).rounded(.down)))
        let length = [1.0, 2, 5, 10].map { $0 * magnitude }.last { $0 <= target } ?? magnitude
        let pixels = length * 1000 * frame.scale
        let x = 16.0, y = frame.top + frame.mapHeight - 18
        return [
            "<rect x=\"\(Self.n(x - 6))\" y=\"\(Self.n(y - 20))\" width=\"\(Self.n(pixels + 60))\" height=\"30\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>",
            "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(pixels / 2))\" height=\"5\" fill=\"#111111\"/>",
            "<rect x=\"\(Self.n(x + pixels / 2))\" y=\"\(Self.n(y))\" width=\"\(Self.n(pixels / 2))\" height=\"5\" fill=\"#ffffff\" stroke=\"#111111\"/>",
            "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y - 5))\" font-size=\"11\" fill=\"#111111\">0</text>",
            "<text x=\"\(Self.n(x + pixels))\" y=\"\(Self.n(y - 5))\" font-size=\"11\" fill=\"#111111\" text-anchor=\"middle\">\(JSONWriter.formatNumber(length)) km</text>",
        ]
    }

    func caption(snapshot: Snapshot, tracker: Tracker, y: Double) -> [String] {
        var parts: [String] = []
        for control in snapshot.controls {
            let name = snapshot.actor(control.controller)?.name ?? control.controller
            let (area, band) = (control.areaKm2, control.bandKm2)
            parts.append("\(name) \(Style.km2(area))" + (band > 0 ? " (\(Style.km2(band)) only claimed)" : ""))
        }
        let frontline = snapshot.frontline.lengthKm
        let unlocated = snapshot.unlocated.count
        return [
            "<text x=\"8\" y=\"\(Self.n(y))\" font-size=\"14\" fill=\"#111111\">\(Self.text(parts.joined(separator: " · ")))</text>",
            "<text x=\"8\" y=\"\(Self.n(y + 20))\" font-size=\"13\" fill=\"#333333\">Frontline \(Report.fixed(frontline, decimals: 1)) km · \(unlocated) unlocated claim\(unlocated == 1 ? "" : "s") not drawn · geodesic areas on WGS 84</text>",
            "<text x=\"8\" y=\"\(Self.n(y + 40))\" font-size=\"11\" fill=\"#555555\">Lambert azimuthal equal-area projection · \(Self.text(tracker.dataset.info?.attribution ?? "sources: the data folder's SOURCES.md")) · Frontline</text>",
        ]
    }


    /// Screen numbers with one decimal: small files, and the same bytes every time.
    static func n(_ value: Double) -> String { Report.fixed(value, decimals: 1) }

    static func text(_ string: String) -> String { xmlEscaped(string) }

    static func attribute(_ string: String) -> String {
        String(string.unicodeScalars.map { scalar in
            (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_") ? Character(scalar) : "_"
        })
    }
}
