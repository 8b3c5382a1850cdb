import Foundation
import Testing

/// The `export --html` viewer as a reader gets it, in headless Chromium at a desktop width and
/// at a 390 px phone: the first view framed on where control changed, zoom by button and
/// wheel, the URL following the slider and the zoom, a hash changed on the open page applied
/// (a date between recorded dates shown as the one before, and said), labels that do not
/// overlap, nothing wider than the phone. A probe script appended to a copy of the page
/// drives it as a reader would and writes what it saw into the DOM, which Chromium dumps.
@Suite(.serialized, .enabled(if: MapToolsTests.tool("chromium") != nil))
struct TimelineViewerTests {
    static let probe = """
        <script>
        setTimeout(function () {
          var out = {}, maps = document.getElementById("maps");
          function width() { return Number(maps.dataset.view.split(",")[2]); }
          function overlaps() {
            var boxes = Array.prototype.filter.call(document.querySelectorAll(".map:not([hidden]) text.label"), function (t) { return t.getAttribute("display") !== "none"; })
              .map(function (t) { return t.getBoundingClientRect(); }).filter(function (r) { return r.width > 0; }), count = 0;
            boxes.forEach(function (a, i) { boxes.slice(i + 1).forEach(function (b) { if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) count += 1; }); });
            return { shown: boxes.length, overlapping: count };
          }
          var data = JSON.parse(document.getElementById("data").textContent);
          out.full = data.view.full[2]; out.first = width(); out.startHash = location.hash;
          out.changing = data.view.changing; out.firstView = maps.dataset.view.split(",").map(Number);
          out.title = document.getElementById("title").textContent;
          out.labels = overlaps();
          document.getElementById("zoom-in").click();
          out.zoomed = width(); out.zoomHash = location.hash;
          var r = maps.getBoundingClientRect();
          maps.dispatchEvent(new WheelEvent("wheel", { deltaY: 120, clientX: r.left + r.width / 4, clientY: r.top + r.height / 4, bubbles: true, cancelable: true }));
          out.wheeled = width();
          out.zoomedLabels = overlaps();
          document.getElementById("zoom-fit").click(); out.fitted = width(); out.fitHash = location.hash;
          var slider = document.getElementById("slider"); slider.value = "3"; slider.dispatchEvent(new Event("input"));
          out.sliderDate = document.getElementById("date").textContent; out.sliderHash = location.hash; out.step3 = data.steps[3].date;
          out.xs = data.steps.map(function (s) { return s.x; }); out.dates = data.steps.map(function (s) { return s.date; });
          location.hash = "#date=2020-11-12";
          setTimeout(function () {
            out.hashDate = document.getElementById("date").textContent;
            out.notice = document.getElementById("notice").hidden ? "" : document.getElementById("notice").textContent;
            out.cursor = Number(document.querySelector("#charts line.cursor").getAttribute("x1"));
            out.claims = document.getElementById("claims").textContent;
            out.scrollWidth = document.documentElement.scrollWidth; out.innerWidth = window.innerWidth;
            var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
            if (window.parent !== window) window.parent.postMessage(JSON.stringify(out), "*");
          }, 300);
        }, 300);
        </script>
        """

    /// Headless Chromium lays out no window narrower than 500 px: a phone is a frame of its size
    /// in a page that takes the probe's report (a message, as file pages are of no one origin).
    static func phoneFrame(_ page: URL, width: Int, height: Int) -> String {
        """
        <!DOCTYPE html><html><body style="margin:0">
        <iframe src="\(page.absoluteString)" width="\(width)" height="\(height)" style="border:0;display:block"></iframe>
        <script>window.addEventListener("message", function (event) { var pre = document.createElement("pre"); pre.id = "probe"; pre.textContent = event.data; document.body.appendChild(pre); });</script>
        </body></html>
        """
    }

    /// Exports the shipped ledger once per test with `--html` and opens a probed copy.
    static func open(width: Int, height: Int, fragment: String, screenshot: String) throws -> [String: Any] {
        let out = try CLI.temporaryDirectory().appendingPathComponent("viewer")
        let result = try CLI.run(["export", "--data", CLI.geoData.path, "--out", out.path, "--html"])
        #expect(result.status == 0, "\(result.stderr)")
        let page = out.appendingPathComponent("index.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        let probed = out.deletingLastPathComponent().appendingPathComponent("probed.html")
        try html.replacingOccurrences(of: "</body>", with: probe + "\n</body>").write(to: probed, atomically: true, encoding: .utf8)
        let chromium = MapToolsTests.tool("chromium")!
        let size = "--window-size=\(max(width, 500)),\(height)"
        var target = probed.absoluteString + fragment
        if width < 500 {
            let frame = out.deletingLastPathComponent().appendingPathComponent("phone.html")
            try Self.phoneFrame(URL(string: target)!, width: width, height: height).write(to: frame, atomically: true, encoding: .utf8)
            target = frame.absoluteString
        }
        let dom = try MapToolsTests.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=8000", size, "--dump-dom", target]).output
        guard let range = dom.range(of: "<pre id=\"probe\">[^<]*</pre>", options: .regularExpression) else {
            Issue.record("the probe wrote nothing")
            return [:]
        }
        let json = String(dom[range]).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        // Screenshots for people, kept as CI artefacts in .build/artifacts: look at them.
        let artefacts = CLI.packageRoot.appendingPathComponent(".build/artifacts")
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        let shot = artefacts.appendingPathComponent(screenshot).path
        var shown = page.absoluteString + fragment
        if width < 500 {
            let frame = out.deletingLastPathComponent().appendingPathComponent("phone-shot.html")
            try Self.phoneFrame(URL(string: shown)!, width: width, height: height).write(to: frame, atomically: true, encoding: .utf8)
            shown = frame.absoluteString
        }
        _ = try MapToolsTests.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000", size, "--screenshot=\(shot)", shown])
        #expect(FileManager.default.fileExists(atPath: shot))
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
    }

    static func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    @Test func aDesktopReaderZoomsPansAndSharesTheURL() throws {
        let seen = try Self.open(width: 1400, height: 1000, fragment: "", screenshot: "timeline-viewer-desktop.png")
        #expect(seen["title"] as? String == "Nagorno-Karabakh conflict, 1994–2023")
        // Framed on where control changed: Karabakh, not the whole of Azerbaijan and Armenia.
        let (full, first) = (Self.number(seen["full"]), Self.number(seen["first"]))
        #expect(first < full / 2, "first view \(first) of a map \(full) wide")
        let changing = (seen["changing"] as? [Any] ?? []).map(Self.number), view = (seen["firstView"] as? [Any] ?? []).map(Self.number)
        #expect(changing.count == 4 && view.count == 4)
        if changing.count == 4 && view.count == 4 {
            // The frame holds every change, with little more than a margin around it.
            #expect(view[0] <= changing[0] && view[1] <= changing[1] && view[0] + view[2] >= changing[0] + changing[2] && view[1] + view[3] >= changing[1] + changing[3])
            #expect(view[2] * view[3] < changing[2] * changing[3] * 2.5, "view \(view), changes \(changing)")
        }
        #expect(Self.number(seen["fitted"]) == first)
        // The + button zooms by 1.6, the wheel out by 1.25; the URL keeps the view once zoomed.
        #expect(abs(Self.number(seen["zoomed"]) * 1.6 - first) < 0.5)
        #expect(abs(Self.number(seen["wheeled"]) - Self.number(seen["zoomed"]) * 1.25) < 0.5)
        #expect((seen["zoomHash"] as? String)?.contains("&view=") == true, "\(seen["zoomHash"] ?? "")")
        #expect((seen["fitHash"] as? String)?.contains("&view=") == false)
        // The URL follows the slider.
        let step3 = seen["step3"] as? String ?? "?"
        #expect(seen["sliderDate"] as? String == step3)
        #expect(seen["sliderHash"] as? String == "#date=\(step3)")
        // A hash set on the open page is applied; a date between recorded dates shows the one before, and says so.
        #expect(seen["hashDate"] as? String == "2020-11-10")
        let notice = seen["notice"] as? String ?? ""
        #expect(notice.contains("2020-11-12") && notice.contains("showing 2020-11-10"), "\(notice)")
        let dates = seen["dates"] as? [String] ?? []
        let xs = (seen["xs"] as? [Any] ?? []).map(Self.number)
        if let index = dates.firstIndex(of: "2020-11-10") { #expect(abs(Self.number(seen["cursor"]) - xs[index]) < 0.01) }
        // Plain words, not ids.
        let claims = seen["claims"] as? String ?? ""
        #expect(claims.contains("Azerbaijan took") && !claims.contains("AZ-"), "\(claims)")
        // Labels never overlap, at the first view and zoomed.
        for key in ["labels", "zoomedLabels"] {
            let labels = seen[key] as? [String: Any] ?? [:]
            #expect(Self.number(labels["shown"]) > 10, "\(key): \(labels)")
            #expect(Self.number(labels["overlapping"]) == 0, "\(key): \(labels)")
        }
        #expect(Self.number(seen["scrollWidth"]) <= Self.number(seen["innerWidth"]))
    }

    /// The time axis is proportional to dates within each run between breaks: equal days, equal widths.
    @Test func theChartsTimeAxisIsProportionalToDates() throws {
        let seen = try Self.open(width: 1400, height: 1000, fragment: "#step=0", screenshot: "timeline-viewer-first.png")
        #expect(seen["startHash"] as? String == "#date=1994-05-12")
        let dates = seen["dates"] as? [String] ?? []
        let xs = (seen["xs"] as? [Any] ?? []).map(Self.number)
        func day(_ text: String) -> Double {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            var components = DateComponents()
            (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
            return Calendar(identifier: .gregorian).date(from: components)!.timeIntervalSince1970 / 86_400
        }
        guard let start = dates.firstIndex(of: "2020-09-27"), let end = dates.firstIndex(of: "2020-12-01") else {
            Issue.record("the war's dates are not in the viewer: \(dates)")
            return
        }
        let perDay = (xs[end] - xs[start]) / (day(dates[end]) - day(dates[start]))
        #expect(perDay > 2)
        for index in start...end {
            #expect(abs(xs[start] + (day(dates[index]) - day(dates[start])) * perDay - xs[index]) < 0.1, "\(dates[index])")
        }
        #expect(xs == xs.sorted())
    }

    @Test func aPhoneReaderSeesEverythingWithin390Pixels() throws {
        let seen = try Self.open(width: 390, height: 844, fragment: "#date=2020-10-20", screenshot: "timeline-viewer-390px.png")
        #expect(Self.number(seen["innerWidth"]) == 390)
        #expect(Self.number(seen["scrollWidth"]) <= 390, "the page is \(seen["scrollWidth"] ?? "?") px wide")
        let labels = seen["labels"] as? [String: Any] ?? [:]
        #expect(Self.number(labels["overlapping"]) == 0, "\(labels)")
        #expect(seen["startHash"] as? String == "#date=2020-10-20")
    }
}
