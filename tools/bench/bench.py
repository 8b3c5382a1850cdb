#!/usr/bin/env python3
"""make bench, part 2: Frontline against a shapely 2 + pyproj peer on the same synthetic data.

For each size the data are generated (peer/generate.py, reproducible from the seed), then
Frontline runs `regions`, `adjacency`, `timeline` and `diff` on them, one process each, and the
peer (peer/peer.py) does the same job in one Python process. Wall time and peak memory (the
children's ru_maxrss, from wait4) are measured for both; the answers are compared (region areas,
per-date areas of both layers, diff areas: within 1e-6 relative). A growth series over the
number of claims gives the exponent of Frontline's time in M.

    bench.py FRONTLINE [--sizes S,M,L] [--growth] [--budget SECONDS] [--report docs/BENCHMARKS.md]
"""
import argparse, json, math, os, platform, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
SIZES = {
    "S": dict(regions=100, claims=1000, dates=50),
    "M": dict(regions=1000, claims=10000, dates=500),
    "L": dict(regions=10000, claims=100000, dates=2000),
}
GROWTH = [dict(regions=1000, claims=m, dates=500) for m in (1000, 10000, 100000)]
TOLERANCE = 1e-6


def run(command, budget=None):
    """Runs `command`; returns (stdout, wall seconds, peak resident MiB of that process, from wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        timer = threading.Timer(budget, process.kill) if budget else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            sys.exit("%s failed (%d):\n%s" % (" ".join(command), process.returncode, err.read().decode()[-2000:]))
        out.seek(0)
        return out.read(), wall, usage.ru_maxrss / 1024


def dataset(params, seed=1):
    name = "data-n%d-m%d-d%d-s%d" % (params["regions"], params["claims"], params["dates"], seed)
    folder = os.path.join(WORK, name)
    stamp = os.path.join(folder, "generated.json")
    if not os.path.exists(stamp):
        out, wall, _ = run([sys.executable, os.path.join(HERE, "peer", "generate.py"), folder, "--regions", str(params["regions"]),
                         "--claims", str(params["claims"]), "--dates", str(params["dates"]), "--seed", str(seed)])
        info = json.loads(out)
        info["generation_seconds"] = wall
        with open(stamp, "w") as f:
            json.dump(info, f)
    with open(stamp) as f:
        return folder, json.load(f)


def frontline_run(frontline, folder, info):
    jobs = {
        "regions": ["regions", "--data", folder, "--format", "json"],
        "adjacency": ["adjacency", "--data", folder, "--format", "json"],
        "timeline": ["timeline", "--data", folder, "--format", "json"],
        "diff": ["diff", "--data", folder, "--from", info["baseline"], "--to", info["last"], "--format", "json"],
    }
    result = {"seconds": {}, "peak_mib": 0.0}
    for job, arguments in jobs.items():
        out, wall, peak = run([frontline] + arguments)
        result["seconds"][job] = wall
        result["peak_mib"] = max(result["peak_mib"], peak)
        result[job] = json.loads(out)
    result["total"] = sum(result["seconds"].values())
    return result


def peer_run(folder, budget):
    python = os.path.join(HERE, ".venv", "bin", "python")
    out, wall, peak = run([python, os.path.join(HERE, "peer", "peer.py"), folder, "--budget", str(budget)], budget=budget * 2 + 600)
    result = json.loads(out)
    result["total"] = wall
    result["peak_mib"] = peak
    if "timed_out" in result:
        # The timeline applies claims one by one; its cost per claim grows as the dissolved
        # polygons gather vertices, so extrapolating the rate so far to every claim gives a
        # lower bound of the peer's time.
        stop = result["timed_out"]
        before = sum(seconds for phase, seconds in result["timings"].items() if phase != "timeline")
        result["extrapolated_total"] = before + stop["timeline_seconds"] * stop["claims_total"] / max(1, stop["claims_done"])
    return result


def shipped_run(frontline, folder):
    """Best and worst of 5 runs of the commands with goals on the shipped dataset."""
    jobs = {
        "export of every date": ["export", "--data", folder, "--out", os.path.join(WORK, "shipped-export")],
        "adjacency": ["adjacency", "--data", folder],
        "timeline": ["timeline", "--data", folder],
    }
    result = {}
    for job, arguments in jobs.items():
        runs = [run([frontline] + arguments) for _ in range(5)]
        result[job] = dict(best=min(r[1] for r in runs), worst=max(r[1] for r in runs), peak_mib=max(r[2] for r in runs))
        print("== shipped %s: best %.2f s, worst %.2f s, %.0f MiB" % (job, result[job]["best"], result[job]["worst"], result[job]["peak_mib"]), flush=True)
    return result


def relative(a, b, scale):
    return abs(a - b) / max(abs(scale), 1e-12)


def compare(ours, theirs):
    """Largest relative differences between the two answers."""
    report = {}
    regions = {row["id"]: row["area_km2"] for row in ours["regions"]}
    report["region_area"] = max(relative(regions[rid], area, area) for rid, area in theirs["regions"].items())
    pairs = {(row["a"], row["b"]) for row in ours["adjacency"]}
    peer_pairs = {tuple(key.split("|")) for key in theirs["adjacency"]}
    report["adjacency_pairs"] = (len(pairs), len(peer_pairs), len(pairs ^ peer_pairs))
    if "timeline" in theirs:
        total = sum(regions.values())
        rows = {(row["date"], row["controller"]): row for row in ours["timeline"]}
        worst_area, worst_front, compared = 0.0, 0.0, 0
        for row in theirs["timeline"]:
            mine = rows.get((row["date"], row["controller"]))
            if mine is None:
                continue
            compared += 1
            for key in ("assessed_km2", "claimed_km2"):
                # Relative to the value, or to the theatre for a controller holding next to nothing.
                worst_area = max(worst_area, relative(mine[key], row[key], max(row[key], total * 1e-3)))
            if row["frontline_km"] > 0:
                worst_front = max(worst_front, relative(mine["frontline_km"], row["frontline_km"], row["frontline_km"]))
        report["timeline_area"] = worst_area
        report["timeline_rows"] = compared
        report["frontline_length"] = worst_front
    if "diff" in theirs:
        worst = 0.0
        for controller, change in theirs["diff"]["controllers"].items():
            mine = ours["diff"]["controllers"].get(controller, {})
            for key in ("gained_km2", "lost_km2"):
                worst = max(worst, relative(mine.get(key, 0), change[key], max(change[key], 1.0)))
        report["diff_area"] = worst
    return report


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")) / 1024 / 1024
    def version(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    python = os.path.join(HERE, ".venv", "bin", "python")
    peer_versions = version([python, "-c", "import shapely, pyproj, geos_version; print(shapely.__version__, pyproj.__version__)"])
    if peer_versions == "?":
        peer_versions = version([python, "-c", "import shapely, pyproj; print('shapely', shapely.__version__, 'GEOS', shapely.geos_version_string, '/ pyproj', pyproj.__version__, 'PROJ', pyproj.proj_version_str)"])
    return {
        "cpu": "%s, %d cores" % (model, os.cpu_count()),
        "memory": "%.0f GiB" % memory,
        "os": version(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "swift": version(["swift", "--version"]),
        "geos": version(["geos-config", "--version"]),
        "proj": version(["sh", "-c", "pkg-config --modversion proj"]),
        "peer": peer_versions,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("frontline")
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--growth", action="store_true")
    parser.add_argument("--budget", type=float, default=1800, help="seconds the peer may take per size before it stops and is extrapolated")
    parser.add_argument("--report", help="write the results as Markdown here")
    parser.add_argument("--shipped", help="the shipped GeoData folder: time export, adjacency and timeline on it")
    parser.add_argument("--wrapper", help="the wrapper micro-benchmark table to include in the report")
    parser.add_argument("--report-from", help="write the report from a results.json of an earlier run, running nothing")
    args = parser.parse_args()
    if args.report_from:
        with open(args.report_from) as f:
            write_report(args.report, **json.load(f))
        return
    os.makedirs(WORK, exist_ok=True)
    shipped = shipped_run(args.frontline, args.shipped) if args.shipped else None
    results = []
    for name in [s for s in args.sizes.split(",") if s]:
        params = SIZES[name]
        folder, info = dataset(params)
        print("== %s: %d regions, %d claims, %d dates" % (name, info["regions"], info["claims"], info["dates"]), flush=True)
        ours = frontline_run(args.frontline, folder, info)
        print("   frontline %.2f s, %.0f MiB  %s" % (ours["total"], ours["peak_mib"], {k: round(v, 2) for k, v in ours["seconds"].items()}), flush=True)
        theirs = peer_run(folder, args.budget)
        peer_time = theirs.get("extrapolated_total", theirs["total"])
        note = " (timed out, extrapolated)" if "timed_out" in theirs else ""
        print("   peer %.2f s%s, %.0f MiB  %s" % (peer_time, note, theirs["peak_mib"], {k: round(v, 2) for k, v in theirs["timings"].items()}), flush=True)
        agreement = compare(ours, theirs)
        print("   agreement %s" % agreement, flush=True)
        results.append(dict(name=name, info=info, ours=ours, theirs=theirs, peer_time=peer_time, agreement=agreement))
        if agreement["region_area"] > TOLERANCE or agreement.get("timeline_area", 0) > TOLERANCE or agreement.get("diff_area", 0) > TOLERANCE:
            print("   DISAGREEMENT beyond %g" % TOLERANCE, flush=True)
    growth = []
    if args.growth:
        for params in GROWTH:
            folder, info = dataset(params)
            _, wall, peak = run([args.frontline, "timeline", "--data", folder, "--format", "json"])
            growth.append(dict(claims=info["claims"], seconds=wall, peak_mib=peak))
            print("== growth: %d claims: timeline %.2f s, %.0f MiB" % (info["claims"], wall, peak), flush=True)
    exponent = None
    if len(growth) >= 2:
        xs = [math.log(g["claims"]) for g in growth]
        ys = [math.log(g["seconds"]) for g in growth]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        exponent = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        print("== time grows as M^%.2f" % exponent)
    wrapper = open(args.wrapper).read() if args.wrapper else None
    # Kept so that the report can be written again (--report-from) without rerunning an hour of work.
    saved = dict(results=results, growth=growth, exponent=exponent, budget=args.budget, shipped=shipped, wrapper=wrapper)
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump(saved, f, indent=1)
    if args.report:
        write_report(args.report, **saved)


def write_report(path, results, growth, exponent, budget, shipped, wrapper):
    info = machine()
    lines = ["# Benchmarks", "",
             "Written by `make bench` (`tools/bench/bench.py`) on %s. Frontline and the peer run on the same" % time.strftime("%Y-%m-%d"),
             "synthetic data in the same run; times are wall clock, memory is the peak resident set of each",
             "process (the largest of Frontline's four).", "",
             "## Machine", ""]
    lines += ["- %s: %s" % (key, value) for key, value in info.items()]
    if shipped:
        lines += ["", "## The shipped dataset", "", "`GeoData/` with its claims ledger, 5 runs each:", "",
                  "| command | best s | worst s | peak MiB |", "|---|---|---|---|"]
        lines += ["| `frontline %s` | %.2f | %.2f | %.0f |" % (job, r["best"], r["worst"], r["peak_mib"]) for job, r in shipped.items()]
    lines += ["", "## The job", "",
              "Synthetic data from `tools/bench/peer/generate.py` (seed 1): a hexagonal tessellation of a 6°×3° theatre",
              "into N regions, a baseline split along a wavy line, two settlements per region, and M claims over D dates",
              "(settlement claims 40 %, whole-region claims 30 %, some of them partial, polygon claims 30 %, half of",
              "them clipped to a region; statuses claimed 50 %, assessed 20 %, confirmed 20 %, retracted 10 %).", "",
              "Frontline: `frontline regions`, `adjacency`, `timeline` (areas of both layers and frontline length at every",
              "date on which a claim takes effect) and `diff` (first to last date), four processes. The peer",
              "(`tools/bench/peer/peer.py`; %s) does the same in one process, the way a GIS analyst would: geodesic" % info["peer"],
              "areas with pyproj, an STRtree for adjacency, one dissolved polygon per controller updated claim by claim",
              "(union for the claimant, difference for the others), areas and frontline measured at every date.",
              "Both densify every shape along its geodesics to 5 mm before overlaying, so they compute the same thing.", "",
              "## Results", "",
              "| size | N | M | D | Frontline s | Frontline MiB | peer s | peer MiB | peer/Frontline | areas agree within |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        a = r["agreement"]
        agree = "%.1e" % max(a["region_area"], a.get("timeline_area", 0), a.get("diff_area", 0))
        if "timeline_area" not in a:
            agree += " (regions only: peer timed out)"
        peer = "%.1f" % r["peer_time"] + (" (extrapolated)" if "timed_out" in r["theirs"] else "")
        lines.append("| %s | %d | %d | %d | %.2f | %.0f | %s | %.0f | %.1f× | %s |" % (
            r["name"], r["info"]["regions"], r["info"]["claims"], r["info"]["dates"], r["ours"]["total"], r["ours"]["peak_mib"],
            peer, r["theirs"]["peak_mib"], r["peer_time"] / r["ours"]["total"], agree))
    lines += ["", "Per phase (seconds):", "", "| size | Frontline regions / adjacency / timeline / diff | peer load / regions / adjacency / resolve / timeline / diff |", "|---|---|---|"]
    for r in results:
        ours = " / ".join("%.2f" % r["ours"]["seconds"][k] for k in ("regions", "adjacency", "timeline", "diff"))
        theirs = " / ".join("%.2f" % r["theirs"]["timings"].get(k, float("nan")) for k in ("load", "regions", "adjacency", "resolve", "timeline", "diff"))
        lines.append("| %s | %s | %s |" % (r["name"], ours, theirs))
    lines += ["", "Agreement (largest relative difference; frontline lengths are compared but not held to 1e-6: the",
              "two measure the shared boundary of slightly different overlay nodings):", "",
              "| size | region areas | timeline areas (rows) | diff areas | frontline length | adjacency pairs (Frontline, peer, differing) |", "|---|---|---|---|---|---|"]
    for r in results:
        a = r["agreement"]
        lines.append("| %s | %.1e | %s | %s | %s | %s |" % (
            r["name"], a["region_area"],
            "%.1e (%d)" % (a["timeline_area"], a["timeline_rows"]) if "timeline_area" in a else "peer timed out",
            "%.1e" % a["diff_area"] if "diff_area" in a else "-",
            "%.1e" % a["frontline_length"] if "frontline_length" in a else "-", a["adjacency_pairs"]))
    timed_out = [r for r in results if "timed_out" in r["theirs"]]
    if timed_out:
        lines += ["", "The peer stops after %.0f s; its time is then extrapolated from its rate so far over the claims" % budget,
                  "it applied (`claims_done` of `claims_total`), which understates it: each of its claims costs more as its",
                  "dissolved polygons gather vertices."]
    if growth:
        lines += ["", "## Growth in M", "", "`frontline timeline` on N = 1,000 regions, D = 500 dates:", "", "| M | seconds | MiB |", "|---|---|---|"]
        lines += ["| %d | %.2f | %.0f |" % (g["claims"], g["seconds"], g["peak_mib"]) for g in growth]
        if exponent is not None:
            lines += ["", "Least-squares fit of log(time) against log(M): time grows as M^%.2f." % exponent]
    if wrapper:
        lines += ["", "## The GEOS wrapper", "",
                  "Cost per call of the Swift wrapper against the same GEOS calls from C (`tools/bench/wrapper/geos_peer.c`),",
                  "best of 3 runs each:", "", "```", wrapper.rstrip(), "```"]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("report written to %s" % path)


if __name__ == "__main__":
    main()
