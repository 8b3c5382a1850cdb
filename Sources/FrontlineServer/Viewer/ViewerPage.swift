import FrontlineModel

/// The map viewer served at `/viewer`: one self-contained page (no CDN, works offline) that
/// reads the same API as any client: `/timeline` for the dates and areas, then the `control`,
/// `bands`, `frontline` and `unlocated` items of the chosen date, drawn as SVG with the
/// features' own simplestyle colours. The date and layer live in the URL (`#date=…&layer=…`),
/// so a view can be shared; text from the ledger is set as text, never as HTML.
enum ViewerPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Frontline: live map</title>
        <style>
        body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#222;display:flex;flex-direction:column;height:100vh}
        header{padding:8px 12px;border-bottom:1px solid #ddd;display:flex;flex-wrap:wrap;gap:8px;align-items:center}
        header h1{font-size:16px;margin:0 12px 0 0}
        main{flex:1;display:flex;min-height:0}
        #map{flex:1;min-width:0;background:#eef3f7;touch-action:none}
        aside{width:300px;overflow:auto;padding:8px 12px;border-left:1px solid #ddd}
        @media (max-width:700px){main{flex-direction:column}aside{width:auto;border-left:0;border-top:1px solid #ddd;max-height:40vh}}
        table{border-collapse:collapse;width:100%}td,th{padding:2px 4px;text-align:left}td.n{text-align:right}
        .swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border:1px solid #555}
        #status{color:#555}
        button{font:inherit}
        </style>
        </head>
        <body>
        <header>
        <h1 id="title">Frontline</h1>
        <button id="prev" title="Previous date">&#9664;</button>
        <input id="slider" type="range" min="0" max="0" value="0" aria-label="Date">
        <button id="next" title="Next date">&#9654;</button>
        <strong id="date"></strong>
        <label>Layer <select id="layer"><option value="claimed">claimed</option><option value="assessed">assessed</option></select></label>
        <button id="fit" title="Frame the frontline">Fit</button>
        <span id="status">Loading…</span>
        </header>
        <main>
        <svg id="map" xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet"></svg>
        <aside>
        <h2 style="font-size:15px">Control</h2>
        <table id="areas"><thead><tr><th>Controller</th><th>km²</th></tr></thead><tbody></tbody></table>
        <p id="frontline"></p>
        <h2 style="font-size:15px">Claims in force that name no area</h2>
        <ul id="unlocated"></ul>
        <p style="color:#666;font-size:12px">Areas are geodesic on WGS 84 (an edge is the geodesic between its positions). Data: this server's <a href="api">OGC API – Features</a>.</p>
        </aside>
        </main>
        <script>
        "use strict";
        const LINKABLE = \(allowedSchemesJSON);
        const svg = document.getElementById("map"), NS = "http://www.w3.org/2000/svg";
        let dates = [], view = null, frontlineBox = null, drawn = null, generation = 0;
        const base = location.pathname.replace(/viewer\\/?$/, "");
        function hashParams() { const p = new URLSearchParams(location.hash.slice(1)); return { date: p.get("date"), layer: p.get("layer") === "assessed" ? "assessed" : "claimed" }; }
        function setHash(date, layer) { history.replaceState(null, "", "#date=" + date + "&layer=" + layer); }
        async function getJSON(path) { const r = await fetch(base + path); if (!r.ok) throw new Error(path + ": HTTP " + r.status + " " + (await r.text())); return r.json(); }
        function project(p, lat0) { return [p[0] * Math.cos(lat0 * Math.PI / 180), -p[1]]; }
        function ringsOf(g) { if (!g) return []; if (g.type === "Polygon") return g.coordinates; if (g.type === "MultiPolygon") return g.coordinates.flat(); if (g.type === "LineString") return [g.coordinates]; if (g.type === "MultiLineString") return g.coordinates; if (g.type === "GeometryCollection") return g.geometries.flatMap(ringsOf); return []; }
        function pointsOf(g) { if (!g) return []; if (g.type === "Point") return [g.coordinates]; if (g.type === "MultiPoint") return g.coordinates; if (g.type === "GeometryCollection") return g.geometries.flatMap(pointsOf); return []; }
        function boxOf(features, lat0) { let b = null; for (const f of features) for (const ring of ringsOf(f.geometry).concat([pointsOf(f.geometry)])) for (const p of ring) { const [x, y] = project(p, lat0); b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y]; } return b; }
        function setView(b) { const w = Math.max(b[2] - b[0], 0.01), h = Math.max(b[3] - b[1], 0.01); view = [b[0] - w * 0.15, b[1] - h * 0.15, w * 1.3, h * 1.3]; svg.setAttribute("viewBox", view.join(" ")); }
        function pathOf(g, lat0, close) { return ringsOf(g).map(r => "M" + r.map(p => project(p, lat0).map(v => v.toFixed(5)).join(" ")).join("L") + (close ? "Z" : "")).join(""); }
        function el(name, attrs) { const e = document.createElementNS(NS, name); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; }
        function km(v) { return Math.round(v).toLocaleString("en-US"); }
        async function show(date, layer) {
          const mine = ++generation;
          document.getElementById("status").textContent = "Loading " + date + "…";
          const q = "?datetime=" + date + "&layer=" + layer + "&limit=10000";
          const [control, bands, frontline, unlocated] = await Promise.all(["control", "bands", "frontline", "unlocated"].map(c => getJSON("collections/" + c + "/items" + q)));
          if (mine !== generation) return;
          const lat0 = 40; while (svg.firstChild) svg.removeChild(svg.firstChild);
          const all = control.features.concat(bands.features);
          for (const f of all) { const p = f.properties; const path = el("path", { d: pathOf(f.geometry, lat0, true), fill: p.fill || "#ccc", "fill-opacity": p["fill-opacity"] ?? 0.5, stroke: p.stroke || "#333", "stroke-width": 1, "vector-effect": "non-scaling-stroke", "fill-rule": "evenodd", "data-kind": p.kind, "data-controller": p.controller || "" }); const t = el("title", {}); t.textContent = p.title || ""; path.appendChild(t); svg.appendChild(path); }
          for (const f of frontline.features) { if (!f.geometry) continue; svg.appendChild(el("path", { d: pathOf(f.geometry, lat0, false), fill: "none", stroke: "#111", "stroke-width": 3, "vector-effect": "non-scaling-stroke", "data-kind": "frontline" })); }
          for (const f of unlocated.features) for (const pt of pointsOf(f.geometry)) { const [x, y] = project(pt, lat0); const c = el("circle", { cx: x, cy: y, r: 0.02, fill: f.properties["marker-color"] || "#000", "data-kind": "unlocated" }); const t = el("title", {}); t.textContent = f.properties.title || ""; c.appendChild(t); svg.appendChild(c); }
          const fb = boxOf(frontline.features, lat0) || boxOf(control.features, lat0);
          if (!view || !frontlineBox) { frontlineBox = fb; if (fb) setView(fb); } else { frontlineBox = fb; }
          const tbody = document.querySelector("#areas tbody"); tbody.textContent = "";
          for (const f of control.features) { const tr = document.createElement("tr"); const a = document.createElement("td"); const s = document.createElement("span"); s.className = "swatch"; s.style.background = f.properties.fill || "#ccc"; a.appendChild(s); a.appendChild(document.createTextNode(f.properties.name || f.properties.controller)); const b = document.createElement("td"); b.className = "n"; b.textContent = km(f.properties.area_km2); tr.appendChild(a); tr.appendChild(b); tbody.appendChild(tr); }
          const length = frontline.features.length ? frontline.features[0].properties.length_km : 0;
          document.getElementById("frontline").textContent = "Frontline: " + length.toFixed(1) + " km";
          const list = document.getElementById("unlocated"); list.textContent = "";
          for (const f of unlocated.features) { const li = document.createElement("li"); const p = f.properties; li.appendChild(document.createTextNode(p.claim_date + " " + (p.claimant || "") + ": " + (p.note || p.claim) + " ")); const url = p.source && p.source.url; if (url && LINKABLE.includes(url.split(":")[0].toLowerCase())) { const a = document.createElement("a"); a.href = url; a.rel = "noopener noreferrer"; a.textContent = "source"; li.appendChild(a); } list.appendChild(li); }
          document.getElementById("date").textContent = date + (dates.includes(date) ? "" : " (between recorded dates)");
          document.getElementById("status").textContent = "Snapshot at " + date + " (" + layer + " layer): " + control.features.length + " control areas, frontline " + length.toFixed(1) + " km";
          document.body.dataset.rendered = date + "/" + layer;
        }
        function current() { const i = +document.getElementById("slider").value; return dates[i]; }
        function go(date) { const layer = document.getElementById("layer").value; setHash(date, layer); show(date, layer).catch(e => { document.getElementById("status").textContent = "Error: " + e.message; }); }
        svg.addEventListener("wheel", e => { if (!view) return; e.preventDefault(); const k = e.deltaY > 0 ? 1.25 : 0.8; const r = svg.getBoundingClientRect(); const fx = (e.clientX - r.left) / r.width, fy = (e.clientY - r.top) / r.height; const w = view[2] * k, h = view[3] * k; view = [view[0] + (view[2] - w) * fx, view[1] + (view[3] - h) * fy, w, h]; svg.setAttribute("viewBox", view.join(" ")); }, { passive: false });
        let drag = null;
        svg.addEventListener("pointerdown", e => { drag = [e.clientX, e.clientY]; svg.setPointerCapture(e.pointerId); });
        svg.addEventListener("pointermove", e => { if (!drag || !view) return; const r = svg.getBoundingClientRect(); const s = Math.max(view[2] / r.width, view[3] / r.height); view[0] -= (e.clientX - drag[0]) * s; view[1] -= (e.clientY - drag[1]) * s; drag = [e.clientX, e.clientY]; svg.setAttribute("viewBox", view.join(" ")); });
        svg.addEventListener("pointerup", () => { drag = null; });
        document.getElementById("fit").onclick = () => { if (frontlineBox) setView(frontlineBox); };
        document.getElementById("slider").oninput = () => go(current());
        document.getElementById("prev").onclick = () => { const s = document.getElementById("slider"); s.value = Math.max(0, +s.value - 1); go(current()); };
        document.getElementById("next").onclick = () => { const s = document.getElementById("slider"); s.value = Math.min(dates.length - 1, +s.value + 1); go(current()); };
        document.getElementById("layer").onchange = () => go(hashParams().date || current());
        (async () => {
          try {
            const landing = await getJSON("");
            if (landing.title && landing.title !== "Frontline") { document.getElementById("title").textContent = landing.title; document.title = landing.title + ": live map"; }
            const rows = await getJSON("timeline");
            dates = [...new Set(rows.map(r => r.date))].sort();
            const s = document.getElementById("slider"); s.max = Math.max(0, dates.length - 1);
            const wanted = hashParams(); document.getElementById("layer").value = wanted.layer;
            let date = wanted.date && /^\\d{4}-\\d{2}-\\d{2}$/.test(wanted.date) ? wanted.date : dates[dates.length - 1];
            let index = dates.findIndex(d => d > date); index = index < 0 ? dates.length - 1 : Math.max(0, index - 1); s.value = index;
            setHash(date, wanted.layer); await show(date, wanted.layer);
          } catch (e) { document.getElementById("status").textContent = "Error: " + e.message; }
        })();
        </script>
        </body>
        </html>

        """

    static var allowedSchemesJSON: String {
        "[" + LinkPolicy.allowedSchemes.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}
