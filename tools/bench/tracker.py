#!/usr/bin/env python3
"""make bench, tracker part: Frontline against the tracker peer (peer/tracker_peer.py, shapely 2 +
pyproj) on daily tracker states, in the same run on the same files:

  - ../shared/reference/deepstate-sample (19 DeepStateMap dates; GPL-3, read from there, never
    copied into the repo), with its Natural Earth oblasts;
  - a generated sequence (GENERATED_DATES dates on a grid of 1-degree regions; the occupied area
    is bounded by a front of about 3,000 vertices of which a few stretches move each day).

For each: `frontline init` + `frontline ingest`, then the timeline (ours vs the peer's loop: wall
time and peak memory), a snapshot at the last date against the same snapshot from a folder
holding that day's file alone (checkpoints make them cost about the same), the timeline with `--cache` (an analyst's day: the cache
holds every day but the last; then every day), `export --html`, and the share of frontline within the snapping tolerance
of the outline with `--snap 0` and with the default.

    tracker.py FRONTLINE --work DIR [--report FILE] [--dates N]
"""
import argparse, json, math, os, random, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = sys.executable
SAMPLE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "reference", "deepstate-sample"))


def run(command, env=None):
    """(stdout bytes, wall seconds, peak RSS MiB) of one process, or exit with its stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit("%s failed:\n%s" % (" ".join(command), err.read().decode()[-3000:]))
        out.seek(0)
        return out.read(), wall, usage.ru_maxrss / 1024


def best(command, repeat=3):
    results = [run(command) for _ in range(repeat)]
    return min(results, key=lambda r: r[1])


def generate(folder, dates, seed=1):
    """Regions: a 4x3 grid of 1-degree cells (lon 30..34, lat 46..49). Occupied: east of a front
    from (lat 46) to (lat 49) of 3,000 vertices; each day 5 stretches of 60 vertices move by up
    to 300 m, so consecutive states share most of their outline."""
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    regions = []
    for i in range(4):
        for j in range(3):
            x, y = 30 + i, 46 + j
            ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
            regions.append({"type": "Feature", "id": "cell-%d-%d" % (i, j), "geometry": {"type": "Polygon", "coordinates": [ring]},
                            "properties": {"name": "cell %d %d" % (i, j), "country": "XX", "level": "admin1"}})
    with open(os.path.join(folder, "regions.geojson"), "w") as f:
        json.dump({"type": "FeatureCollection", "features": regions}, f)
    n = 3000
    lats = [46 - 0.05 + (3.1 * k / (n - 1)) for k in range(n)]
    front = [32.5 + 0.3 * math.sin(k / 150) + 0.1 * math.sin(k / 17) for k in range(n)]
    files = []
    for day in range(dates):
        for _ in range(5):
            start = rng.randrange(0, n - 60)
            shift = rng.uniform(-0.004, 0.004)
            for k in range(start, start + 60):
                front[k] += shift * math.sin(math.pi * (k - start) / 59)
        ring = [[round(front[k], 7), round(lats[k], 7)] for k in range(n)] + [[34.2, 49.05], [34.2, 45.95], [round(front[0], 7), round(lats[0], 7)]]
        date = time.strftime("%Y%m%d", time.gmtime(86400 * (19723 + day)))  # from 2024-01-01
        path = os.path.join(folder, "state_%s.geojson" % date)
        with open(path, "w") as f:
            json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "occupied"},
                       "geometry": {"type": "Polygon", "coordinates": [ring[::-1]]}}]}, f)
        files.append(path)
    return os.path.join(folder, "regions.geojson"), files


def near_outline_km(snapshot_bytes, regions_file, metres):
    import shapely
    from shapely.geometry import shape
    from shapely.ops import unary_union
    from pyproj import Geod
    geod = Geod(ellps="WGS84")
    with open(regions_file) as f:
        outline = unary_union([shape(x["geometry"]) for x in json.load(f)["features"]]).boundary
    band = outline.buffer(metres / 111319.49)
    for feature in json.loads(snapshot_bytes)["features"]:
        if feature["properties"].get("kind") == "frontline" and feature["geometry"]:
            line = shape(feature["geometry"])
            return geod.geometry_length(line) / 1000, geod.geometry_length(line.intersection(band)) / 1000
    return 0.0, 0.0


def case(frontline, name, regions_file, files, work, pattern):
    folder = os.path.join(work, name)
    shutil.rmtree(folder, ignore_errors=True)
    run([frontline, "init", folder, "--regions", regions_file, "--date", "2024-01-01", "--controller", "UA",
         "--actor", "UA=Ukraine:#0057b7", "--actor", "RU=Russia:#d52b1e"])
    claims = os.path.join(folder, "claims", "tracker.geojson")
    _, ingest_wall, _ = run([frontline, "ingest", *files, "--out", claims, "--data", folder, "--date-from-name", pattern,
                             "--controller", "RU", "--ceded-to", "UA", "--source-title", name])
    timeline, ours_wall, ours_rss = best([frontline, "timeline", "--data", folder, "--format", "json"])
    peer, peer_wall, peer_rss = best([PYTHON, os.path.join(HERE, "peer", "tracker_peer.py"), regions_file, *files])
    dates = sorted(json.loads(peer))
    last = best([frontline, "snapshot", "--data", folder, "--date", dates[-1]])
    # The same snapshot from a folder holding that day's file alone: what one date costs.
    alone = os.path.join(work, name + "-last-day")
    shutil.rmtree(alone, ignore_errors=True)
    run([frontline, "init", alone, "--regions", regions_file, "--date", "2024-01-01", "--controller", "UA",
         "--actor", "UA=Ukraine:#0057b7", "--actor", "RU=Russia:#d52b1e"])
    run([frontline, "ingest", files[-1], "--out", os.path.join(alone, "claims", "tracker.geojson"), "--data", alone,
         "--date-from-name", pattern, "--controller", "RU", "--ceded-to", "UA", "--source-title", name])
    first = best([frontline, "snapshot", "--data", alone, "--date", dates[-1]])
    # The analyst's day with `--cache`: a cache holding every day but the last (made by a timeline
    # of a folder of those days), then the timeline of every day; and a cache holding every day.
    early = os.path.join(work, name + "-early")
    shutil.rmtree(early, ignore_errors=True)
    run([frontline, "init", early, "--regions", regions_file, "--date", "2024-01-01", "--controller", "UA",
         "--actor", "UA=Ukraine:#0057b7", "--actor", "RU=Russia:#d52b1e"])
    run([frontline, "ingest", *files[:-1], "--out", os.path.join(early, "claims", "tracker.geojson"), "--data", early,
         "--date-from-name", pattern, "--controller", "RU", "--ceded-to", "UA", "--source-title", name])
    before = os.path.join(work, name + "-cache-before-last")
    shutil.rmtree(before, ignore_errors=True)
    run([frontline, "timeline", "--data", early, "--format", "json", "--cache", before])
    cache = os.path.join(work, name + "-cache")
    daily = []
    for _ in range(3):
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(before, cache)
        daily.append(run([frontline, "timeline", "--data", folder, "--format", "json", "--cache", cache]))
    daily = min(daily, key=lambda r: r[1])
    warm = best([frontline, "timeline", "--data", folder, "--format", "json", "--cache", cache])
    if daily[0] != timeline or warm[0] != timeline:
        sys.exit("%s: the timeline with --cache differs from the one without" % name)
    export_dir = os.path.join(work, name + "-export")
    _, export_wall, export_rss = best([frontline, "export", "--data", folder, "--out", export_dir, "--html"], repeat=1)
    unsnapped = run([frontline, "snapshot", "--data", folder, "--date", dates[-1], "--snap", "0"])[0]
    before = near_outline_km(unsnapped, regions_file, 1000)
    after = near_outline_km(last[0], regions_file, 1000)
    rows = {row["date"] + row["controller"]: row for row in json.loads(timeline)}
    worst = 0.0
    for date, (km2, _) in json.loads(peer).items():
        ours = rows.get(date + "RU")
        if ours:
            worst = max(worst, abs(ours["assessed_km2"] - km2) / km2)
    return dict(name=name, dates=len(dates), ingest=ingest_wall, ours=ours_wall, ours_rss=ours_rss, peer=peer_wall, peer_rss=peer_rss,
                daily=daily[1], daily_rss=daily[2], warm=warm[1], warm_rss=warm[2],
                first=first[1], last=last[1], export=export_wall, export_rss=export_rss, before=before, after=after, worst=worst)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("frontline")
    parser.add_argument("--work", required=True)
    parser.add_argument("--report")
    parser.add_argument("--dates", type=int, default=200)
    args = parser.parse_args()
    frontline = os.path.abspath(args.frontline)
    os.makedirs(args.work, exist_ok=True)
    results = []
    if os.path.isdir(SAMPLE):
        files = sorted(os.path.join(SAMPLE, f) for f in os.listdir(SAMPLE) if f.startswith("deepstatemap_data_"))
        results.append(case(frontline, "deepstate-sample", os.path.join(SAMPLE, "ukraine-regions.geojson"), files, args.work, r"(\d{8})"))
    else:
        print("tracker bench: %s not found; the DeepStateMap case is skipped" % SAMPLE, file=sys.stderr)
    regions_file, files = generate(os.path.join(args.work, "generated-input"), args.dates)
    results.append(case(frontline, "generated-%d" % args.dates, regions_file, files, args.work, r"state_(\d{8})"))
    lines = [
        "| case | dates | timeline ours s | peer s | ours/peer | --cache holding all but the last day s | ours/peer | --cache holding every day s | ours/peer | RSS ours MiB | peer MiB | snapshot at the last date, that day alone s | with every date s | ratio | export --html s | frontline km (snap 0 / default) | within 1 km of outline (snap 0 / default) | worst area rel. diff vs peer |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append("| %s | %d | %.2f | %.2f | %.2fx | %.2f | %.2fx | %.2f | %.2fx | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.0f / %.0f | %.0f / %.0f km | %.1e |" % (
            r["name"], r["dates"], r["ours"], r["peer"], r["ours"] / r["peer"], r["daily"], r["daily"] / r["peer"], r["warm"], r["warm"] / r["peer"], r["ours_rss"], r["peer_rss"], r["first"], r["last"],
            r["last"] / r["first"], r["export"], r["before"][0], r["after"][0], r["before"][1], r["after"][1], r["worst"]))
    text = "\n".join(lines)
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write("# Tracker benchmarks (`make bench`, tools/bench/tracker.py)\n\n"
                    "Frontline against a shapely 2 + pyproj script that, per date, unions the tracker's features, clips them to the regions "
                    "and measures area and frontline (tools/bench/peer/tracker_peer.py). Wall time is the best of 3 runs; RSS is the peak "
                    "resident memory of the process. The peer does not densify along geodesics nor snap to the outline, so its areas "
                    "differ from ours by the last column. The `--cache` columns are an analyst's day: the timeline of every date "
                    "with a cache that a timeline of every date but the last filled (the new day is resolved, the others read), "
                    "and with a cache holding every date; both give the bytes of the timeline without a cache (checked).\n\n" + text + "\n")


if __name__ == "__main__":
    main()
