import FrontlineEngine
import FrontlineModel
import GeoJSON
import Geometry

/// `export --html`: one self-contained `index.html` (no network, no CDN): the map of every date,
/// a date slider and a play button, the area chart over time (assessed and claimed per actor),
/// and for the selected date the claims that took effect with links to their sources.
/// `index.html#step=N` or `#date=YYYY-MM-DD` opens on a given date (the slider's own code path).
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

    public var entries: [Entry]
    public var actors: [Actor]
    public var layer: Layer

    public init(entries: [Entry], actors: [Actor], layer: Layer) {
        self.entries = entries
        self.actors = actors
        self.layer = layer
    }

    public func html() -> String {
        let chart = Chart(entries: entries, actors: actors)
        var page: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>Frontline timeline</title>",
            "<style>",
            Self.css,
            "</style>",
            "</head>",
            "<body>",
            "<header><h1>Frontline</h1><p>Control claims over time (\(MapRenderer.text(layer.rawValue)) layer on the maps). Drag the slider or press play.</p></header>",
            "<div id=\"controls\"><button id=\"play\" type=\"button\">▶ Play</button>",
            "<input id=\"slider\" type=\"range\" min=\"0\" max=\"\(max(0, entries.count - 1))\" value=\"0\" step=\"1\" aria-label=\"date\">",
            "<output id=\"date\">\(entries.first.map { $0.date.description } ?? "")</output></div>",
            "<main>",
            "<section id=\"maps\">",
        ]
        for (index, entry) in entries.enumerated() {
            page.append("<div class=\"map\" id=\"map-\(index)\"\(index == 0 ? "" : " hidden")>")
            page.append(entry.svg)
            page.append("</div>")
        }
        page += [
            "</section>",
            "<aside>",
            "<h2>Area held (km²)</h2>",
            "<table id=\"areas\"><thead><tr><th>actor</th><th>assessed</th><th>claimed</th><th>frontline km</th></tr></thead><tbody></tbody></table>",
            "<h2>Over time</h2>",
            chart.svg,
            "<h2>Claims taking effect</h2>",
            "<ul id=\"claims\"></ul>",
            "</aside>",
            "</main>",
            "<script id=\"data\" type=\"application/json\">\(data(chart: chart))</script>",
            "<script>",
            Self.script,
            "</script>",
            "</body>",
            "</html>",
        ]
        return page.joined(separator: "\n") + "\n"
    }

    /// Everything the page script needs, as JSON (with `</` escaped so it cannot end the script).
    func data(chart: Chart) -> String {
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
                    "id": .string(claim.id), "date": .string(claim.date.description), "reported": .string(claim.reported.description),
                    "controller": .string(claim.controller), "claimant": .string(claim.claimant), "status": .string(claim.status.rawValue),
                    "located": .bool(resolved.area != nil),
                ])
                // A URL of another scheme (javascript:, data:) is shown as text, never linked.
                if let url = claim.source.url, LinkPolicy.isLinkable(url) { object["url"] = .string(url) }
                if let title = claim.source.title ?? claim.source.url.flatMap({ LinkPolicy.isLinkable($0) ? nil : $0 }) { object["title"] = .string(title) }
                if let note = claim.note { object["note"] = .string(note) }
                if let region = claim.region { object["region"] = .string(region) }
                return .object(object)
            }
            steps.append(.object(JSONObject([
                "date": .string(entry.date.description), "areas": .object(areas), "frontline": .number(frontline),
                "claims": .array(claims), "x": .number(chart.x(index)),
            ])))
        }
        let actors: [JSONValue] = self.actors.map { .object(JSONObject(["id": .string($0.id), "name": .string($0.name), "color": .string($0.color)])) }
        let json = JSONWriter.serialize(.object(JSONObject(["steps": .array(steps), "actors": .array(actors)])))
        return json.replacing("</", with: "<\\/")
    }

    /// The area of each actor over the dates: claimed solid, assessed dashed.
    struct Chart {
        let entries: [Entry]
        let actors: [Actor]
        let width = 420.0, height = 220.0, left = 54.0, right = 10.0, top = 10.0, bottom = 28.0

        var maximum: Double {
            let values = entries.flatMap { $0.rows.flatMap { [$0.assessedKm2, $0.claimedKm2] } }
            return max(values.max() ?? 1, 1)
        }

        func x(_ index: Int) -> Double {
            left + (entries.count > 1 ? Double(index) / Double(entries.count - 1) : 0) * (width - left - right)
        }

        func y(_ value: Double) -> Double { top + (1 - value / maximum) * (height - top - bottom) }

        var svg: String {
            let n = MapRenderer.n
            var parts = ["<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-size=\"10\">"]
            parts.append("<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(width - left - right))\" height=\"\(n(height - top - bottom))\" fill=\"#fafafa\" stroke=\"#cccccc\"/>")
            for fraction in [0.0, 0.5, 1.0] {
                let value = maximum * fraction
                parts.append("<text x=\"\(n(left - 4))\" y=\"\(n(y(value) + 3))\" text-anchor=\"end\">\(Report.fixed(value, decimals: 0))</text>")
            }
            if let first = entries.first, let last = entries.last {
                parts.append("<text x=\"\(n(left))\" y=\"\(n(height - 8))\">\(first.date)</text>")
                parts.append("<text x=\"\(n(width - right))\" y=\"\(n(height - 8))\" text-anchor=\"end\">\(last.date)</text>")
            }
            for actor in actors {
                for (key, dash) in [("claimed", ""), ("assessed", " stroke-dasharray=\"5 3\"")] {
                    let points = entries.enumerated().map { index, entry -> String in
                        let row = entry.rows.first { $0.controller == actor.id }
                        let value = key == "claimed" ? (row?.claimedKm2 ?? 0) : (row?.assessedKm2 ?? 0)
                        return "\(n(x(index))),\(n(y(value)))"
                    }.joined(separator: " ")
                    parts.append("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(actor.color)\" stroke-width=\"2\"\(dash)><title>\(MapRenderer.text(actor.name)) (\(key))</title></polyline>")
                }
            }
            parts.append("<line id=\"cursor\" x1=\"\(n(x(0)))\" y1=\"\(n(top))\" x2=\"\(n(x(0)))\" y2=\"\(n(height - bottom))\" stroke=\"#111111\" stroke-width=\"1\"/>")
            parts.append("</svg>")
            return parts.joined(separator: "\n")
        }
    }

    static let css = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0 16px 16px; color: #111; }
        header h1 { margin: 12px 0 0; font-size: 22px; } header p { margin: 4px 0 8px; color: #444; }
        #controls { display: flex; align-items: center; gap: 12px; margin: 8px 0; }
        #slider { flex: 1; } #date { font-weight: bold; font-size: 18px; min-width: 7em; }
        main { display: flex; gap: 16px; align-items: flex-start; flex-wrap: wrap; }
        #maps { flex: 3 1 640px; } #maps svg { width: 100%; height: auto; }
        aside { flex: 1 1 420px; } table { border-collapse: collapse; } th, td { padding: 2px 8px; text-align: right; }
        th:first-child, td:first-child { text-align: left; } .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
        #claims { padding-left: 18px; font-size: 13px; } #claims li { margin-bottom: 6px; } .status { color: #555; }
        """

    static let script = """
        (function () {
          var data = JSON.parse(document.getElementById("data").textContent);
          var slider = document.getElementById("slider"), dateOut = document.getElementById("date");
          var areas = document.querySelector("#areas tbody"), claims = document.getElementById("claims");
          var cursor = document.getElementById("cursor"), play = document.getElementById("play");
          var timer = null, shown = 0;
          function text(tag, value, className) {
            var node = document.createElement(tag); node.textContent = value; if (className) node.className = className; return node;
          }
          function km(value) { return value.toLocaleString("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 }); }
          function show(index) {
            var step = data.steps[index]; if (!step) return;
            if (shown >= 0) document.getElementById("map-" + shown).hidden = true;
            document.getElementById("map-" + index).hidden = false; shown = index;
            dateOut.textContent = step.date; document.title = "Frontline " + step.date;
            areas.textContent = "";
            data.actors.forEach(function (actor) {
              var value = step.areas[actor.id] || { assessed: 0, claimed: 0, frontline: 0 };
              var row = document.createElement("tr"), name = document.createElement("td"), swatch = text("span", "", "swatch");
              swatch.style.background = actor.color; name.appendChild(swatch); name.appendChild(document.createTextNode(actor.name));
              row.appendChild(name); row.appendChild(text("td", km(value.assessed))); row.appendChild(text("td", km(value.claimed)));
              row.appendChild(text("td", km(value.frontline))); row.dataset.actor = actor.id; areas.appendChild(row);
            });
            claims.textContent = "";
            if (step.claims.length === 0) claims.appendChild(text("li", "No claim takes effect on this date."));
            step.claims.forEach(function (claim) {
              var item = document.createElement("li");
              item.appendChild(text("strong", claim.date + " " + claim.controller + " "));
              item.appendChild(text("span", "(" + claim.status + ", " + claim.claimant + (claim.located ? "" : ", unlocated" + (claim.region ? " in " + claim.region : "")) + ") ", "status"));
              item.appendChild(document.createTextNode((claim.note || claim.id) + " "));
              if (claim.url && /^(\(LinkPolicy.allowedSchemes.joined(separator: "|"))):/i.test(claim.url)) { var link = text("a", "source"); link.href = claim.url; link.rel = "noopener"; item.appendChild(link); }
              else if (claim.title) item.appendChild(text("em", claim.title));
              claims.appendChild(item);
            });
            cursor.setAttribute("x1", step.x); cursor.setAttribute("x2", step.x);
          }
          slider.addEventListener("input", function () { show(Number(slider.value)); });
          play.addEventListener("click", function () {
            if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ Play"; return; }
            play.textContent = "❚❚ Pause";
            timer = setInterval(function () {
              var next = (Number(slider.value) + 1) % data.steps.length;
              slider.value = String(next); slider.dispatchEvent(new Event("input"));
            }, 900);
          });
          var start = 0, hash = location.hash.slice(1).split("=");
          if (hash[0] === "step") start = Math.max(0, Math.min(data.steps.length - 1, Number(hash[1]) || 0));
          if (hash[0] === "date") data.steps.forEach(function (step, index) { if (step.date <= hash[1]) start = index; });
          slider.value = String(start); slider.dispatchEvent(new Event("input"));
        })();
        """
}
