#!/usr/bin/env python3
"""make bench, scaling part (the reliability issue): the engine's cost of N small claims on one
date, and the memory of one claim of a million vertices.

  - N = 1,000, 8,000, 64,000 squares of 0.004 degree (about 400 m) at seeded random places in
    the shipped theatre's Armenian-held area, all on 2020-10-03, each its own claim: the time
    and peak memory of `frontline snapshot` at that date, and the slope of log(time) against
    log(N) (1 is linear; the issue wants close to it);
  - one claim whose ring has 1,000,000 vertices (a circle of 0.2 degree): peak memory of
    `frontline snapshot` against the claim file's size (the goal: under 10 times).

    scaling.py FRONTLINE --data GEODATA --work DIR [--report FILE] [--sizes 1000,8000,64000]
"""
import argparse, json, math, os, random, shutil, subprocess, sys, tempfile, time


def run(command):
    """(wall seconds, peak RSS MiB) of one process, or exit with its stderr."""
    with tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit("%s failed:\n%s" % (" ".join(command), err.read().decode()[-3000:]))
        return wall, usage.ru_maxrss / 1024


def folder_with(data, work, name, features):
    """A copy of the shipped data folder whose only claims are `features`."""
    folder = os.path.join(work, name)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(data, folder, ignore=shutil.ignore_patterns("claims"))
    os.makedirs(os.path.join(folder, "claims"))
    path = os.path.join(folder, "claims", "claims.geojson")
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f)
    return folder, os.path.getsize(path)


def claim(identifier, ring):
    return {"type": "Feature", "id": identifier, "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {"claimant": "AZ:mod", "controller": "AZ", "date": "2020-10-03", "status": "claimed",
                           "source": {"title": "synthetic (tools/bench/scaling.py)"}}}


def squares(n, seed=1):
    rng = random.Random(seed)
    features = []
    for i in range(n):
        x, y, s = rng.uniform(46.55, 47.05), rng.uniform(39.45, 40.05), 0.004
        features.append(claim("square-%d" % i, [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]))
    return features


def circle(vertices):
    ring = [[round(46.8 + 0.2 * math.cos(2 * math.pi * k / vertices), 9), round(39.75 + 0.15 * math.sin(2 * math.pi * k / vertices), 9)]
            for k in range(vertices)]
    return [claim("circle", ring + [ring[0]])]


def prepare(args, what):
    """The folder `what` names (KIND:NAME), written by a child process of this script."""
    subprocess.run([sys.executable, os.path.abspath(__file__), args.frontline, "--data", args.data, "--work", args.work,
                    "--vertices", str(args.vertices), "--write-only", what], check=True)
    return os.path.join(args.work, what.split(":")[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("frontline")
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--report")
    parser.add_argument("--sizes", default="1000,8000,64000")
    parser.add_argument("--vertices", type=int, default=1_000_000)
    parser.add_argument("--write-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_only:
        # In a process of its own: a child forked from a Python that held the million
        # vertices would count them in its peak memory.
        kind, name = args.write_only.split(":")
        folder_with(args.data, args.work, name, circle(args.vertices) if kind == "circle" else squares(int(kind)))
        return
    os.makedirs(args.work, exist_ok=True)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        folder = prepare(args, "%d:squares-%d" % (n, n))
        wall, rss = run([args.frontline, "snapshot", "--data", folder, "--date", "2020-10-03"])
        rows.append((n, wall, rss))
        print("%6d claims on one date: %.2f s, %.0f MiB" % (n, wall, rss), flush=True)
        shutil.rmtree(folder)
    slopes = [math.log(b[1] / a[1]) / math.log(b[0] / a[0]) for a, b in zip(rows, rows[1:])]
    folder = prepare(args, "circle:circle")
    size = os.path.getsize(os.path.join(folder, "claims", "claims.geojson"))
    wall, rss = run([args.frontline, "snapshot", "--data", folder, "--date", "2020-10-03"])
    empty = prepare(args, "0:none")
    _, base = run([args.frontline, "snapshot", "--data", empty, "--date", "2020-10-03"])
    shutil.rmtree(folder)
    shutil.rmtree(empty)
    mib = size / 2**20
    print("one claim of %d vertices (%.1f MiB file): %.2f s, %.0f MiB (%.0f MiB without it): %.1fx the file" % (
        args.vertices, mib, wall, rss, base, (rss - base) / mib), flush=True)
    print("slope of log time against log N: %s" % ", ".join("%.2f" % s for s in slopes))
    if args.report:
        lines = ["# Scaling: many claims on one date, one very large claim", "",
                 "Made by `make bench` (`tools/bench/scaling.py`) on this machine; the shipped GeoData, with its claims",
                 "replaced by synthetic ones (0.004° squares at seeded random places in the Armenian-held area, all on",
                 "2020-10-03). Areas are geodesic on WGS 84, edges geodesics densified before the planar GEOS overlays.",
                 "", "| claims on one date | `snapshot` s | peak MiB |", "|---:|---:|---:|"]
        lines += ["| %d | %.2f | %.0f |" % row for row in rows]
        lines += ["", "Slope of log(time) against log(N) between consecutive sizes: %s (1 is linear)." % ", ".join("%.2f" % s for s in slopes),
                  "", "One claim of %d vertices: a %.1f MiB file, `snapshot` in %.2f s and %.0f MiB peak (%.0f MiB without"
                  " the claim): %.1f× the file size for the claim." % (args.vertices, mib, wall, rss, base, (rss - base) / mib), ""]
        with open(args.report, "w") as f:
            f.write("\n".join(lines))


if __name__ == "__main__":
    main()
