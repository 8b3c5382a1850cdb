import FrontlineEngine
import FrontlineModel
import GeoJSON
import Geometry

/// `export --html`: one self-contained `index.html` (no network, no CDN) a journalist can share:
/// the dataset's title and period, a map per date framed on where control changed (zoom with
/// the wheel, a pinch, the buttons or the keyboard; drag to pan; a scale bar that follows the
/// zoom; labels that fit), a slider and a play button, per actor a chart of the area held on a
/// scale of its own over a time axis proportional to dates, and for the date shown the areas
/// and the claims that took effect, in plain words with links to their sources.
///
/// The URL follows what is shown (`#date=YYYY-MM-DD`, with `&view=x,y,w,h` once the map is
/// zoomed), so a view can be shared; a `#date=` that is not a recorded date shows the latest
/// recorded date before it and says so, and a hash changed on an open page is applied.
/// `#step=N` opens on the N-th date. Text from the ledger is set as text, never as HTML.
public struct TimelinePage {
    public struct Entry {
        public var date: CalendarDate
        public var svg: String
        public var rows: [TimelineReport.Row]
        public var claims: [ResolvedClaim]

        public init(date: CalendarDate, svg: String, rows: [TimelineReport.Row], claims: [ResolvedClaim]) {
            self.date = date
            self.svg = svg
            self.rows = rows
            self.claims = claims
        }
    }

    /// Where the maps' units fall: the whole map, the part where control changed (the first
    /// view), both as SVG view boxes (x, y, width, height), and the ground a unit covers.
    public struct MapView: Sendable {
        public var full: [Double]
        public var changing: [Double]
        public var metresPerUnit: Double

        public init(full: [Double], changing: [Double], metresPerUnit: Double) {
            self.full = full
            self.changing = changing
            self.metresPerUnit = metresPerUnit
        }
    }

    public var entries: [Entry]
    public var actors: [Actor]
    public var layer: Layer
    public var view: MapView
    /// The dataset's own words (`dataset.json`), if it has them.
    public var info: DatasetInfo?
    /// Regions and settlements by id, for plain words.
    public var names: [String: String]
    /// The reference lines drawn on the maps (their names, for the legend).
    public var lines: [String]

    public init(entries: [Entry], actors: [Actor], layer: Layer, view: MapView, info: DatasetInfo? = nil, names: [String: String] = [:], lines: [String] = []) {
        self.entries = entries
        self.actors = actors
        self.layer = layer
        self.view = view
        self.info = info
        self.names = names
        self.lines = lines
    }

    /// "Nagorno-Karabakh conflict, 1994–2023": the dataset's title and the years its dates span;
    /// without a title, the actors' names.
    public var title: String {
        let name = info?.title ?? actors.map(\.name).joined(separator: " and ")
        guard let first = entries.first?.date, let last = entries.last?.date else { return name }
        return "\(name), \(DatasetInfo.period(from: first, to: last))"
    }

    public func html() -> String {
        let chart = AreaChart(dates: entries.map(\.date), rows: entries.map(\.rows))
        let text = MapRenderer.text
        let layerWords = layer == .claimed
            ? "The maps show the claimed layer: what either side says it holds, with what is claimed but not confirmed hatched."
            : "The maps show the assessed layer: what the other side admits or third parties confirm."
        var page: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(text(title))</title>",
            "<style>",
            Self.css,
            "</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1 id=\"title\">\(text(title))</h1>",
        ]
        if let description = info?.description { page.append("<p class=\"lede\">\(text(description))</p>") }
        page += [
            "<p class=\"how\">Who held what on each recorded date, from \(Self.count(entries.reduce(0) { $0 + $1.claims.count }, "sourced claim")). \(layerWords) Drag the slider, press play or pick a date on a chart; zoom the map with the wheel, a pinch or the buttons, and drag it to pan.</p>",
            "</header>",
            "<div id=\"controls\">",
            "<button id=\"play\" type=\"button\">▶ Play</button>",
            "<button id=\"prev\" type=\"button\" aria-label=\"Previous date\">◀</button>",
            "<input id=\"slider\" type=\"range\" min=\"0\" max=\"\(max(0, entries.count - 1))\" value=\"0\" step=\"1\" aria-label=\"Date\">",
            "<button id=\"next\" type=\"button\" aria-label=\"Next date\">▶</button>",
            "<output id=\"date\">\(entries.first.map { $0.date.description } ?? "")</output>",
            "</div>",
            "<p id=\"notice\" role=\"status\" hidden></p>",
            "<main>",
            "<section id=\"mapbox\">",
            "<div id=\"maps\" tabindex=\"0\" aria-label=\"Map: arrow keys pan, + and − zoom\">",
        ]
        for (index, entry) in entries.enumerated() {
            page.append("<div class=\"map\" id=\"map-\(index)\"\(index == 0 ? "" : " hidden")>")
            page.append(entry.svg)
            page.append("</div>")
        }
        page += [
            "<div id=\"zoom\"><button id=\"zoom-in\" type=\"button\" aria-label=\"Zoom in\">+</button><button id=\"zoom-out\" type=\"button\" aria-label=\"Zoom out\">−</button><button id=\"zoom-fit\" type=\"button\" title=\"Frame where control changed\">Fit</button><button id=\"zoom-all\" type=\"button\" title=\"The whole map\">All</button></div>",
            "<div id=\"scalebar\"><span id=\"scalebar-bar\"></span><span id=\"scalebar-label\"></span></div>",
            "</div>",
            "<ul id=\"legend\">",
        ]
        for actor in actors {
            page.append("<li><span class=\"swatch\" style=\"background:\(actor.color)\"></span>\(text(actor.name))</li>")
        }
        if layer == .claimed {
            page.append("<li><span class=\"swatch hatch\"></span>claimed, not confirmed</li>")
        }
        page.append("<li><span class=\"line\"></span>frontline</li>")
        for line in lines { page.append("<li><span class=\"line dashed\"></span>\(text(line))</li>") }
        page += [
            "</ul>",
            "<p class=\"credit\">Lambert azimuthal equal-area projection. Areas are geodesic on WGS 84: an edge between two positions is the geodesic between them. \(text(Self.sentence(info?.attribution ?? "Sources: the data folder's SOURCES.md"))) Made with Frontline.</p>",
            "</section>",
            "<aside>",
            "<h2>Area held on <span id=\"table-date\"></span></h2>",
            "<div class=\"scroll\"><table id=\"areas\"><thead><tr><th>Side</th><th>Assessed km²</th><th>Claimed km²</th><th>Change km²</th></tr></thead><tbody></tbody></table></div>",
            "<p id=\"frontline\"></p>",
            "<p class=\"note\">Assessed: what the other side admits or third parties confirm. Claimed: also what a side says it holds. Change: claimed area since the date before.</p>",
            "<h2>Area held over time</h2>",
            "<p class=\"note\">Each side on its own scale, in km²; claimed solid, assessed dashed. Time runs in proportion to dates, except where a long quiet interval is cut (marked, with its length). Click a chart to pick a date.</p>",
            "<div id=\"charts\">",
        ]
        for actor in actors { page.append(chart.svg(for: actor)) }
        page += [
            "</div>",
            "<h2 id=\"claims-title\">What changed</h2>",
            "<ul id=\"claims\"></ul>",
            "</aside>",
            "</main>",
            "<script id=\"data\" type=\"application/json\">\(data(axis: chart.axis))</script>",
            "<script>",
            Self.script,
            "</script>",
            "</body>",
            "</html>",
        ]
        return page.joined(separator: "\n") + "\n"
    }

    /// `text` ending as a sentence does.
    static func sentence(_ text: String) -> String {
        guard let last = text.last, !".!?".contains(last) else { return text }
        return text + "."
    }

    static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

    /// Everything the page script needs, as JSON (with `</` escaped so it cannot end the script).
    func data(axis: TimeAxis) -> String {
        let wording = ClaimWording(actors: Dictionary(actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), names: names)
        var steps: [JSONValue] = []
        for (index, entry) in entries.enumerated() {
            var areas = JSONObject()
            var frontline = 0.0
            for row in entry.rows {
                areas[row.controller] = .object(JSONObject(["assessed": .number(row.assessedKm2), "claimed": .number(row.claimedKm2), "frontline": .number(row.frontlineKm)]))
                frontline = max(frontline, row.frontlineKm)
            }
            let claims: [JSONValue] = entry.claims.map { resolved in
                let claim = resolved.claim
                var object = JSONObject([
                    "id": .string(claim.id), "claim_date": .string(claim.date.description),
                    "headline": .string(wording.headline(resolved)), "by": .string(wording.attribution(claim)),
                    "located": .bool(resolved.area != nil),
                ])
                if let why = wording.unlocated(resolved) { object["unlocated"] = .string(why) }
                // A URL of another scheme (javascript:, data:) is shown as text, never linked.
                if let url = claim.source.url, LinkPolicy.isLinkable(url) { object["url"] = .string(url) }
                if let title = claim.source.title ?? claim.source.url.flatMap({ LinkPolicy.isLinkable($0) ? nil : $0 }) { object["title"] = .string(title) }
                if let note = claim.note { object["note"] = .string(note) }
                return .object(object)
            }
            steps.append(.object(JSONObject([
                "date": .string(entry.date.description), "areas": .object(areas), "frontline": .number(frontline),
                "claims": .array(claims), "x": .number((axis.x(index) * 10).rounded() / 10),
            ])))
        }
        let actors: [JSONValue] = self.actors.map { .object(JSONObject(["id": .string($0.id), "name": .string($0.name), "color": .string($0.color)])) }
        func box(_ values: [Double]) -> JSONValue { .array(values.map { .number(($0 * 10).rounded() / 10) }) }
        let view = JSONObject(["full": box(self.view.full), "changing": box(self.view.changing), "metresPerUnit": .number(self.view.metresPerUnit)])
        let json = JSONWriter.serialize(.object(JSONObject([
            "steps": .array(steps), "actors": .array(actors), "view": .object(view), "title": .string(title),
            "linkSchemes": .array(LinkPolicy.allowedSchemes.map { .string($0) }),
        ])))
        return json.replacing("</", with: "<\\/")
    }

    static let css = """
        * { box-sizing: border-box; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0 auto; padding: 0 16px 16px; color: #111; max-width: 1500px; }
        header h1 { margin: 12px 0 2px; font-size: 24px; } header p { margin: 4px 0; color: #333; max-width: 70em; }
        header .how { color: #555; font-size: 14px; }
        #controls { display: flex; align-items: center; gap: 8px; margin: 10px 0 4px; flex-wrap: wrap; }
        #controls button { font: inherit; padding: 4px 10px; }
        #slider { flex: 1 1 200px; min-width: 120px; } #date { font-weight: bold; font-size: 20px; min-width: 6.5em; }
        #notice { margin: 2px 0 8px; padding: 6px 10px; background: #fff6d5; border: 1px solid #e6cf73; border-radius: 4px; }
        main { display: flex; gap: 20px; align-items: flex-start; }
        #mapbox { flex: 3 1 0; min-width: 0; }
        #maps { position: relative; width: 100%; aspect-ratio: var(--map-aspect, 4 / 3); max-height: 80vh; min-height: 240px; background: #dfe9f0; border: 1px solid #888; overflow: hidden; touch-action: none; cursor: grab; }
        #maps:focus { outline: 2px solid #1f6fb4; } #maps.dragging { cursor: grabbing; }
        #maps .map, #maps .map svg { position: absolute; inset: 0; width: 100%; height: 100%; }
        #maps .map[hidden] { display: none; }
        #zoom { position: absolute; top: 8px; right: 8px; display: flex; flex-direction: column; gap: 4px; }
        #zoom button { font: 14px/1 inherit; min-width: 32px; height: 28px; padding: 0 6px; background: rgba(255,255,255,0.92); border: 1px solid #777; border-radius: 3px; cursor: pointer; }
        #scalebar { position: absolute; left: 8px; bottom: 8px; background: rgba(255,255,255,0.85); padding: 2px 6px; font-size: 12px; display: flex; align-items: center; gap: 6px; }
        #scalebar-bar { display: inline-block; height: 6px; border: 1px solid #111; border-top: 0; }
        #legend { list-style: none; padding: 0; margin: 8px 0 4px; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 14px; }
        .swatch { display: inline-block; width: 14px; height: 12px; margin-right: 5px; vertical-align: -1px; opacity: 0.7; border: 1px solid #555; }
        .swatch.hatch { background: repeating-linear-gradient(45deg, #888 0 2px, #fff 2px 5px); }
        .line { display: inline-block; width: 22px; height: 0; border-top: 3px solid #111; margin-right: 5px; vertical-align: 4px; }
        .line.dashed { border-top: 2px dashed #6b6b6b; }
        .credit, .note { font-size: 12px; color: #555; }
        aside { flex: 2 1 0; min-width: 0; max-width: 560px; } aside h2 { font-size: 17px; margin: 10px 0 4px; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; } th, td { padding: 3px 6px; text-align: right; border-bottom: 1px solid #e3e3e3; }
        th:first-child, td:first-child { text-align: left; } th { font-weight: normal; color: #444; font-size: 13px; }
        #charts svg { display: block; width: 100%; height: auto; cursor: pointer; margin-bottom: 4px; }
        #claims { padding-left: 18px; font-size: 14px; overflow-wrap: anywhere; } #claims li { margin-bottom: 9px; }
        #claims .by, #claims .where { color: #555; font-size: 13px; display: block; } #claims .text { color: #333; font-size: 13px; display: block; }
        @media (max-width: 760px) {
          body { padding: 0 10px 12px; } header h1 { font-size: 20px; }
          main { flex-direction: column; gap: 8px; } #mapbox, aside { flex: none; width: 100%; max-width: none; }
          #maps { aspect-ratio: var(--map-aspect-narrow, 1 / 1); }
          #date { font-size: 17px; } table { font-size: 13px; } th, td { padding: 3px 4px; }
          #slider { order: 5; flex: 1 1 100%; } #zoom { top: 6px; right: 6px; } #zoom button { min-width: 28px; height: 26px; font-size: 13px; }
        }
        """

    static let script = """
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("data").textContent);
          var steps = data.steps, actors = data.actors;
          function $(id) { return document.getElementById(id); }
          var slider = $("slider"), dateOut = $("date"), notice = $("notice"), maps = $("maps");
          // The first map is the one the page opens with, shown before the script runs.
          var timer = null, shown = 0, view = null, zoomed = false;
          function text(tag, value, className) {
            var node = document.createElement(tag); node.textContent = value; if (className) node.className = className; return node;
          }
          function km(value) { return Math.round(value).toLocaleString("en-US"); }
          function signed(value) { var r = Math.round(value); return r === 0 ? "0" : (r > 0 ? "+" : "−") + Math.abs(r).toLocaleString("en-US"); }
          function svgOf(index) { return document.querySelector("#map-" + index + " svg"); }
          function linkable(url) { var scheme = String(url).split(":")[0].toLowerCase(); return String(url).indexOf(":") > 0 && data.linkSchemes.indexOf(scheme) >= 0; }

          // The map's aspect follows the frame of the changes (within reason), so the first view fills it.
          var changing = data.view.changing, full = data.view.full;
          maps.style.setProperty("--map-aspect", String(Math.min(1.8, Math.max(0.75, changing[2] / changing[3]))));
          maps.style.setProperty("--map-aspect-narrow", String(Math.min(1.3, Math.max(0.75, changing[2] / changing[3]))));
          function fitted(box, margin) {
            var r = maps.getBoundingClientRect(), aspect = r.width > 0 && r.height > 0 ? r.width / r.height : box[2] / box[3];
            var w = box[2] * (1 + 2 * margin), h = box[3] * (1 + 2 * margin);
            if (w / h < aspect) w = h * aspect; else h = w / aspect;
            return [box[0] + box[2] / 2 - w / 2, box[1] + box[3] / 2 - h / 2, w, h];
          }
          function pixelsPerUnit() { var r = maps.getBoundingClientRect(); return r.width > 0 ? r.width / view[2] : 1; }
          function clampView() {
            var maxW = full[2] * 1.5, minW = full[2] / 400, aspect = view[2] / view[3];
            if (view[2] > maxW) { var cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2; view = [cx - maxW / 2, cy - maxW / aspect / 2, maxW, maxW / aspect]; }
            if (view[2] < minW) { var mx = view[0] + view[2] / 2, my = view[1] + view[3] / 2; view = [mx - minW / 2, my - minW / aspect / 2, minW, minW / aspect]; }
            view[0] = Math.min(Math.max(view[0], full[0] - view[2] * 0.9), full[0] + full[2] - view[2] * 0.1);
            view[1] = Math.min(Math.max(view[1], full[1] - view[3] * 0.9), full[1] + full[3] - view[3] * 0.1);
          }
          function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
          // Labels keep their size on screen; a region is named when it is big enough for its name,
          // and a label that would overlap one already placed (places first, then larger regions) is hidden.
          function placeLabels(svg, px) {
            var labels = svg.querySelector("g.labels"), places = svg.querySelector("g.places");
            if (labels) labels.setAttribute("font-size", (11 / px).toFixed(3));
            if (places) { places.setAttribute("font-size", (12 / px).toFixed(3)); places.setAttribute("stroke-width", (3 / px).toFixed(3)); }
            Array.prototype.forEach.call(svg.querySelectorAll("g.places circle"), function (c) { c.setAttribute("r", (3.5 / px).toFixed(3)); });
            var all = Array.prototype.slice.call(svg.querySelectorAll("text.label"));
            all.forEach(function (label) {
              label.removeAttribute("display");
              if (label.classList.contains("place")) { label.setAttribute("x", (Number(label.dataset.x) + 5 / px).toFixed(2)); label.setAttribute("y", (Number(label.dataset.y) - 5 / px).toFixed(2)); }
            });
            all.sort(function (a, b) {
              var pa = a.classList.contains("place") ? 1 : 0, pb = b.classList.contains("place") ? 1 : 0;
              return (pb - pa) || (Number(b.dataset.px || 0) - Number(a.dataset.px || 0));
            });
            var placed = [], seen = [view[0], view[1], view[0] + view[2], view[1] + view[3]];
            all.forEach(function (label) {
              var isPlace = label.classList.contains("place");
              if (!isPlace && Number(label.dataset.px) * px * px < 4000) { label.setAttribute("display", "none"); return; }
              var b = label.getBBox(), box = [b.x, b.y, b.x + b.width, b.y + b.height];
              if (!overlaps(box, seen)) { label.setAttribute("display", "none"); return; }
              if (placed.some(function (other) { return overlaps(box, other); })) { label.setAttribute("display", "none"); return; }
              placed.push(box);
            });
            svg.dataset.labels = String(placed.length);
          }
          function scaleBar(px) {
            var metresPerPixel = data.view.metresPerUnit / px, target = metresPerPixel * 110;
            var magnitude = Math.pow(10, Math.floor(Math.log10(target))), length = magnitude;
            [1, 2, 5, 10].forEach(function (k) { if (k * magnitude <= target) length = k * magnitude; });
            $("scalebar-bar").style.width = (length / metresPerPixel).toFixed(1) + "px";
            $("scalebar-label").textContent = length >= 1000 ? (length / 1000).toLocaleString("en-US") + " km" : length + " m";
          }
          function applyView() {
            var svg = svgOf(shown); if (!svg || !view) return;
            clampView();
            svg.setAttribute("viewBox", view.map(function (v) { return v.toFixed(2); }).join(" "));
            var px = pixelsPerUnit();
            placeLabels(svg, px); scaleBar(px);
            maps.dataset.view = view.map(function (v) { return v.toFixed(1); }).join(",");
          }
          function setHash() {
            var step = steps[shown]; if (!step) return;
            var hash = "#date=" + step.date + (zoomed ? "&view=" + view.map(function (v) { return v.toFixed(1); }).join(",") : "");
            if (location.hash !== hash) history.replaceState(null, "", hash);
          }
          function zoomAt(factor, fx, fy) {
            var w = view[2] * factor, h = view[3] * factor;
            view = [view[0] + (view[2] - w) * fx, view[1] + (view[3] - h) * fy, w, h];
            zoomed = true; applyView(); setHash();
          }
          function frame(box, margin) { view = fitted(box, margin); zoomed = false; applyView(); setHash(); }

          var areas = document.querySelector("#areas tbody"), claims = $("claims");
          function show(index) {
            var step = steps[index]; if (!step) return;
            if (shown !== index) $("map-" + shown).hidden = true;
            $("map-" + index).hidden = false; shown = index;
            slider.value = String(index);
            dateOut.textContent = step.date; $("table-date").textContent = step.date;
            document.title = data.title + ": " + step.date;
            applyView();
            var before = steps[index - 1];
            areas.textContent = "";
            actors.forEach(function (actor) {
              var value = step.areas[actor.id] || { assessed: 0, claimed: 0, frontline: 0 };
              var previous = before ? (before.areas[actor.id] || { claimed: 0 }) : null;
              var row = document.createElement("tr"), name = document.createElement("td"), swatch = text("span", "", "swatch");
              swatch.style.background = actor.color; name.appendChild(swatch); name.appendChild(document.createTextNode(actor.name));
              row.appendChild(name); row.appendChild(text("td", km(value.assessed))); row.appendChild(text("td", km(value.claimed)));
              row.appendChild(text("td", previous ? signed(value.claimed - previous.claimed) : "")); row.dataset.actor = actor.id; areas.appendChild(row);
            });
            $("frontline").textContent = "Frontline: " + km(step.frontline) + " km";
            $("claims-title").textContent = index === 0 ? "Where the record starts" : "What changed after " + before.date;
            claims.textContent = "";
            if (step.claims.length === 0) claims.appendChild(text("li", index === 0 ? "The starting state of the record: no claim yet." : "No claim takes effect on this date."));
            step.claims.forEach(function (claim) {
              var item = document.createElement("li");
              item.appendChild(text("strong", claim.headline));
              item.appendChild(text("span", claim.by, "by"));
              if (claim.unlocated) item.appendChild(text("span", claim.unlocated, "where"));
              if (claim.note) item.appendChild(text("span", claim.note, "text"));
              if (claim.url && linkable(claim.url)) { var link = text("a", claim.title || "Source"); link.href = claim.url; link.rel = "noopener noreferrer"; item.appendChild(link); }
              else if (claim.title) item.appendChild(text("em", "Source: " + claim.title));
              claims.appendChild(item);
            });
            Array.prototype.forEach.call(document.querySelectorAll("#charts line.cursor"), function (cursor) {
              cursor.setAttribute("x1", step.x); cursor.setAttribute("x2", step.x);
            });
          }
          // The latest recorded date at or before `date` (YYYY-MM-DD sorts as text).
          function stepFor(date) { var found = -1; steps.forEach(function (step, index) { if (step.date <= date) found = index; }); return found; }
          function say(message) { notice.textContent = message || ""; notice.hidden = !message; }
          function fromHash() {
            var params = {}; location.hash.slice(1).split("&").forEach(function (part) {
              var eq = part.indexOf("="); if (eq > 0) params[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
            });
            var index = shown, message = "";
            if (params.step !== undefined) index = Math.max(0, Math.min(steps.length - 1, Number(params.step) || 0));
            if (params.date !== undefined) {
              var wanted = params.date;
              if (!/^\\d{4}-\\d{2}-\\d{2}$/.test(wanted)) { index = 0; message = "“" + wanted + "” is not a date (YYYY-MM-DD): showing the first recorded date, " + steps[0].date + "."; }
              else {
                var found = stepFor(wanted);
                if (found < 0) { index = 0; message = wanted + " is before the first recorded date: showing " + steps[0].date + "."; }
                else { index = found; if (steps[found].date !== wanted) message = "No snapshot is recorded on " + wanted + ": showing " + steps[found].date + ", the latest recorded date before it."; }
              }
            }
            var box = (params.view || "").split(",").map(Number);
            if (box.length === 4 && box.every(isFinite) && box[2] > 0 && box[3] > 0) { view = fitted(box, 0); zoomed = true; }
            say(message); show(index);
            if (!message) setHash();
          }
          function go(index) { say(""); show(index); setHash(); }

          slider.addEventListener("input", function () { go(Number(slider.value)); });
          $("prev").addEventListener("click", function () { go(Math.max(0, shown - 1)); });
          $("next").addEventListener("click", function () { go(Math.min(steps.length - 1, shown + 1)); });
          function stop() { if (timer) { clearInterval(timer); timer = null; $("play").textContent = "▶ Play"; } }
          $("play").addEventListener("click", function () {
            if (timer) { stop(); return; }
            if (shown >= steps.length - 1) go(0);
            $("play").textContent = "❚❚ Pause";
            timer = setInterval(function () { if (shown >= steps.length - 1) { stop(); return; } go(shown + 1); }, 900);
          });
          window.addEventListener("hashchange", fromHash);
          Array.prototype.forEach.call(document.querySelectorAll("#charts svg"), function (chart) {
            chart.addEventListener("click", function (event) {
              var r = chart.getBoundingClientRect(), box = chart.viewBox.baseVal;
              var x = box.x + (event.clientX - r.left) / r.width * box.width, index = 0;
              steps.forEach(function (step, i) { if (step.x <= x + 2) index = i; });
              go(index);
            });
          });
          $("zoom-in").addEventListener("click", function () { zoomAt(1 / 1.6, 0.5, 0.5); });
          $("zoom-out").addEventListener("click", function () { zoomAt(1.6, 0.5, 0.5); });
          $("zoom-fit").addEventListener("click", function () { frame(changing, 0.08); });
          $("zoom-all").addEventListener("click", function () { frame(full, 0); });
          maps.addEventListener("wheel", function (event) {
            event.preventDefault();
            var r = maps.getBoundingClientRect();
            zoomAt(event.deltaY > 0 ? 1.25 : 0.8, (event.clientX - r.left) / r.width, (event.clientY - r.top) / r.height);
          }, { passive: false });
          maps.addEventListener("dblclick", function (event) {
            var r = maps.getBoundingClientRect(); zoomAt(0.5, (event.clientX - r.left) / r.width, (event.clientY - r.top) / r.height);
          });
          maps.addEventListener("keydown", function (event) {
            var step = 0.15, keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
            if (event.key === "+" || event.key === "=") zoomAt(1 / 1.6, 0.5, 0.5);
            else if (event.key === "-" || event.key === "_") zoomAt(1.6, 0.5, 0.5);
            else if (keys[event.key]) { view[0] += keys[event.key][0] * view[2]; view[1] += keys[event.key][1] * view[3]; zoomed = true; applyView(); setHash(); }
            else return;
            event.preventDefault();
          });
          // Drag to pan with one pointer, pinch to zoom with two.
          var pointers = {}, pinch = null;
          function pointerList() { return Object.keys(pointers).map(function (k) { return pointers[k]; }); }
          maps.addEventListener("pointerdown", function (event) {
            if (event.target.closest && event.target.closest("#zoom")) return;
            pointers[event.pointerId] = [event.clientX, event.clientY]; maps.setPointerCapture(event.pointerId); maps.classList.add("dragging");
            var list = pointerList(); if (list.length === 2) pinch = Math.hypot(list[0][0] - list[1][0], list[0][1] - list[1][1]);
          });
          maps.addEventListener("pointermove", function (event) {
            var last = pointers[event.pointerId]; if (!last) return;
            var r = maps.getBoundingClientRect(), px = pixelsPerUnit(), list;
            pointers[event.pointerId] = [event.clientX, event.clientY];
            list = pointerList();
            if (list.length === 2 && pinch) {
              var distance = Math.hypot(list[0][0] - list[1][0], list[0][1] - list[1][1]);
              var cx = ((list[0][0] + list[1][0]) / 2 - r.left) / r.width, cy = ((list[0][1] + list[1][1]) / 2 - r.top) / r.height;
              if (distance > 0) zoomAt(pinch / distance, cx, cy); pinch = distance; return;
            }
            view[0] -= (event.clientX - last[0]) / px; view[1] -= (event.clientY - last[1]) / px; zoomed = true; applyView();
          });
          function release(event) {
            if (!pointers[event.pointerId]) return;
            delete pointers[event.pointerId]; pinch = null;
            if (pointerList().length === 0) { maps.classList.remove("dragging"); setHash(); }
          }
          maps.addEventListener("pointerup", release); maps.addEventListener("pointercancel", release);
          // The map's box changes with the window and the layout: keep the frame, or the zoom's centre and scale.
          var lastWidth = 0;
          function resized() {
            var r = maps.getBoundingClientRect(); if (r.width === 0 || r.width === lastWidth) return;
            if (!zoomed) view = fitted(changing, 0.08);
            else if (lastWidth > 0) { var k = r.width / lastWidth, cx = view[0] + view[2] / 2, cy = view[1] + view[3] / 2, w = view[2] * k, h = w * r.height / r.width; view = [cx - w / 2, cy - h / 2, w, h]; }
            lastWidth = r.width; applyView();
          }
          if (window.ResizeObserver) new ResizeObserver(resized).observe(maps); else window.addEventListener("resize", resized);

          view = fitted(changing, 0.08); lastWidth = maps.getBoundingClientRect().width;
          fromHash();
        })();
        """
}
