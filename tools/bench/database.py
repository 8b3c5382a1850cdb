#!/usr/bin/env python3
"""make bench, the database part: `frontline db push`, `db pull` and `db publish` against GDAL's
ogr2ogr doing the same transfer, on the same inputs, into the same throwaway PostgreSQL 15 +
PostGIS cluster, in the same run.

- push: `frontline db push --data DIR` (the folder loaded and checked, then every table written
  in one transaction) against `ogr2ogr -f PostgreSQL` loading the same claim files (and the
  folder's regions, settlements, baseline and lines) into tables of their own, one ogr2ogr per
  file, COPY mode, a GiST index each.
- pull: `frontline db pull --out DIR` (byte-identical files) against `ogr2ogr -f GeoJSON` reading
  those tables back, one file per table.
- publish: `frontline db publish` (snapshots with lineage at the chosen dates, into
  frontline_published) against the two-step path a user would otherwise take: `frontline export`
  of the same dates, then `ogr2ogr` of its `timeline.geojson` into PostGIS.

Wall time and the peak resident set of each process (ru_maxrss from wait4; the server's own
memory is not counted for either side). Ratios are Frontline / peer: below 1 is faster.

    database.py FRONTLINE --data GeoData [--synthetic L] [--publish-dates N] [--report docs/BENCHMARKS-database.md]
"""
import argparse, glob, json, os, platform, shutil, socket, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import SIZES, dataset, machine, run  # noqa: E402  one runner, data generator and machine description for every bench


def server_binaries():
    for folder in ("/usr/lib/postgresql/15/bin",):
        if os.path.exists(folder + "/initdb"):
            return folder
    sys.exit("database.py: PostgreSQL 15 is not installed (tools/setup postgresql-15-postgis-3)")


class Cluster:
    """A throwaway cluster: initdb in a temporary folder (as `postgres` when run as root), a
    free loopback port, no fsync, as in Tests/CLITests/PostgresCluster.swift."""

    def __init__(self):
        # In the system temporary folder: the server runs as postgres, and a socket path must be short.
        self.folder = tempfile.mkdtemp(prefix="frontline-bench-pg-")
        os.chmod(self.folder, 0o777)
        self.binaries = server_binaries()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        data = os.path.join(self.folder, "data")
        self.server(["initdb", "-D", data, "-A", "trust", "-U", "frontline", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"])
        options = "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" % (self.port, self.folder)
        self.server(["pg_ctl", "-D", data, "-o", options, "-l", os.path.join(self.folder, "log"), "-w", "start"])
        self.data = data

    def server(self, argv):
        command = [self.binaries + "/" + argv[0]] + argv[1:]
        if os.getuid() == 0:
            command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, name):
        return "postgresql://frontline@127.0.0.1:%d/%s" % (self.port, name)

    def ogr(self, name):
        return "PG:host=127.0.0.1 port=%d user=frontline dbname=%s" % (self.port, name)

    def create(self, name):
        self.psql("postgres", "CREATE DATABASE %s" % name)
        self.psql(name, "CREATE EXTENSION postgis")

    def psql(self, name, sql):
        return subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", self.url(name), "-c", sql],
                              check=True, capture_output=True, text=True).stdout.strip()

    def stop(self):
        self.server(["pg_ctl", "-D", self.data, "-m", "immediate", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)


def folder_files(folder):
    """The GeoJSON files of a data folder, claims last, as ogr2ogr would be given them."""
    top = sorted(glob.glob(os.path.join(folder, "*.geojson")))
    claims = sorted(glob.glob(os.path.join(folder, "claims", "*.geojson")) + glob.glob(os.path.join(folder, "claims", "*.json")))
    return top + claims


def best_of(times, command):
    runs = [run(command) for _ in range(times)]
    return dict(seconds=min(r[1] for r in runs), worst=max(r[1] for r in runs), peak_mib=max(r[2] for r in runs))


def ogr_push(cluster, name, files):
    """ogr2ogr of each file into a table of its own: wall time is the sum, memory the largest."""
    total, peak = 0.0, 0.0
    for index, path in enumerate(files):
        table = "t%02d_%s" % (index, os.path.splitext(os.path.basename(path))[0].replace("-", "_").lower())
        _, wall, mib = run(["ogr2ogr", "-f", "PostgreSQL", cluster.ogr(name), path, "-nln", table, "-lco", "GEOMETRY_NAME=geom",
                            "-lco", "SPATIAL_INDEX=GIST", "-nlt", "GEOMETRY", "-overwrite", "--config", "PG_USE_COPY", "YES"])
        total += wall
        peak = max(peak, mib)
    return total, peak


def ogr_pull(cluster, name, out):
    tables = cluster.psql(name, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys' ORDER BY 1").split()
    os.makedirs(out, exist_ok=True)
    total, peak = 0.0, 0.0
    for table in tables:
        _, wall, mib = run(["ogr2ogr", "-f", "GeoJSON", os.path.join(out, table + ".geojson"), cluster.ogr(name), table])
        total += wall
        peak = max(peak, mib)
    return total, peak, len(tables)


def identical(a, b):
    """"bytes" when two folders hold the same files with the same bytes, "json" when the files
    parse to the same JSON (a pull writes Frontline's canonical encoding, one feature per line),
    else "NO"."""
    def listing(root):
        found = {}
        for folder, _, names in os.walk(root):
            for entry in names:
                path = os.path.join(folder, entry)
                with open(path, "rb") as f:
                    found[os.path.relpath(path, root)] = f.read()
        return found
    left, right = listing(a), listing(b)
    if left == right:
        return "bytes"
    if left.keys() == right.keys() and all(json.loads(left[k]) == json.loads(right[k]) for k in left if k.endswith((".json", ".geojson"))) \
            and all(left[k] == right[k] for k in left if not k.endswith((".json", ".geojson"))):
        return "json"
    return "NO"


def case(frontline, cluster, label, folder, publish_dates, work, repeats):
    """Push, pull and publish of one data folder, each with its peer."""
    files = folder_files(folder)
    size = sum(os.path.getsize(p) for p in files)
    claims = sum(len(json.load(open(p))["features"]) for p in files if os.sep + "claims" + os.sep in p)
    base = "b_" + label.lower().replace("-", "_")
    result = dict(label=label, files=len(files), bytes=size, claims=claims)

    # push: a new database for each run, so every run writes the whole ledger.
    runs = []
    for attempt in range(repeats):
        name = "%s_push_%d" % (base, attempt)
        cluster.create(name)
        run([frontline, "db", "init", "--db", cluster.url(name)])
        runs.append(run([frontline, "db", "push", "--data", folder, "--db", cluster.url(name)]))
    pushed = name
    result["push"] = dict(seconds=min(r[1] for r in runs), peak_mib=max(r[2] for r in runs))
    peers = []
    for attempt in range(repeats):
        name = "%s_ogr_%d" % (base, attempt)
        cluster.create(name)
        peers.append(ogr_push(cluster, name, files))
    result["push_peer"] = dict(seconds=min(p[0] for p in peers), peak_mib=max(p[1] for p in peers))
    ogr_db = name

    # pull
    out = os.path.join(work, label + "-pulled")
    runs = []
    for _ in range(repeats):
        shutil.rmtree(out, ignore_errors=True)
        runs.append(run([frontline, "db", "pull", "--db", cluster.url(pushed), "--out", out]))
    result["pull"] = dict(seconds=min(r[1] for r in runs), peak_mib=max(r[2] for r in runs))
    result["pull_identical"] = identical(folder, out)
    peers = []
    for _ in range(repeats):
        target = os.path.join(work, label + "-ogr-pulled")
        shutil.rmtree(target, ignore_errors=True)
        peers.append(ogr_pull(cluster, ogr_db, target))
    result["pull_peer"] = dict(seconds=min(p[0] for p in peers), peak_mib=max(p[1] for p in peers), tables=peers[0][2])

    # publish: the dates are the ledger's change dates (all, or the first N of them).
    # The claims' own dates (a retracted claim's too, as `--on-change` counts them), read from the files.
    dates = sorted({feature["properties"]["date"] for p in files if os.sep + "claims" + os.sep in p for feature in json.load(open(p))["features"]})
    if publish_dates:
        dates = dates[:publish_dates]
    result["publish_dates"] = len(dates)
    result["publish_range"] = [dates[0], dates[-1]]
    # On change (the default): every date on which a claim takes effect, up to the last chosen.
    date_args = ["--to", dates[-1]] if publish_dates else []
    published = run([frontline, "db", "publish", "--data", folder, "--db", cluster.url(pushed)] + date_args)
    result["publish"] = dict(seconds=published[1], peak_mib=published[2])
    result["published_rows"] = {table: int(cluster.psql(pushed, "SELECT count(*) FROM frontline_published.%s" % table))
                                for table in cluster.psql(pushed, "SELECT tablename FROM pg_tables WHERE schemaname = 'frontline_published' ORDER BY 1").split()}
    exported = os.path.join(work, label + "-export")
    shutil.rmtree(exported, ignore_errors=True)
    export = run([frontline, "export", "--data", folder, "--out", exported] + date_args)
    load = run(["ogr2ogr", "-f", "PostgreSQL", cluster.ogr(ogr_db), os.path.join(exported, "timeline.geojson"), "-nln", "published_timeline",
                "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=GIST", "-nlt", "GEOMETRY", "-overwrite", "--config", "PG_USE_COPY", "YES"])
    result["publish_peer"] = dict(seconds=export[1] + load[1], export_seconds=export[1], load_seconds=load[1], peak_mib=max(export[2], load[2]),
                                  rows=int(cluster.psql(ogr_db, "SELECT count(*) FROM published_timeline")))
    for step in ("push", "pull", "publish"):
        ours, theirs = result[step], result[step + "_peer"]
        print("== %s %s: %.2f s %.0f MiB; peer %.2f s %.0f MiB; ratio %.2f" % (label, step, ours["seconds"], ours["peak_mib"],
              theirs["seconds"], theirs["peak_mib"], ours["seconds"] / theirs["seconds"]), flush=True)
    return result


def write_report(path, results, server_version, publish_limit):
    lines = ["# Benchmarks: the database", "",
             "Written by `make bench` (`tools/bench/database.py`) on %s, into a throwaway PostgreSQL cluster (%s, fsync off) on this"
             " machine. Frontline and GDAL's `ogr2ogr` (the peer) move the same files in the same run; times are wall clock (best"
             " of the runs), memory is the peak resident set of the client process (the server's is not counted for either)."
             " Ratio = Frontline / peer." % (time.strftime("%Y-%m-%d"), server_version), ""]
    lines += ["## Machine", ""] + ["- %s: %s" % item for item in machine().items()] + [""]
    lines += ["## What each side does", "",
              "- **push**: `frontline db push` loads and checks the folder (every claim resolved against the regions and settlements), then writes"
              " every table and file in one transaction (COPY). The peer runs one `ogr2ogr -f PostgreSQL` (COPY mode, GiST index) per GeoJSON file, with no check.",
              "- **pull**: `frontline db pull` writes a data folder byte-identical to the one pushed (checked below). The peer writes one GeoJSON file per table with `ogr2ogr`.",
              "- **publish**: `frontline db publish` builds the snapshot of every date with lineage (pieces and the claims behind them) and writes five"
              " typed tables in one transaction. The peer is the two-step path: `frontline export` of the same dates (no lineage), then `ogr2ogr` of its `timeline.geojson`.", ""]
    lines += ["## Results", "",
              "| data | files | MiB | claims | step | Frontline s | Frontline MiB | peer s | peer MiB | ratio |",
              "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|"]
    for result in results:
        for step in ("push", "pull", "publish"):
            ours, theirs = result[step], result[step + "_peer"]
            lines.append("| %s | %d | %.1f | %d | %s | %.2f | %.0f | %.2f | %.0f | %.2f |" % (
                result["label"], result["files"], result["bytes"] / 1048576, result["claims"], step,
                ours["seconds"], ours["peak_mib"], theirs["seconds"], theirs["peak_mib"], ours["seconds"] / theirs["seconds"]))
    lines += [""]
    for result in results:
        lines.append("- %s: pull against the folder: %s. Published %d dates (%s to %s): %s; the peer's timeline table: %d rows. "
                     "The peer's publish: export %.2f s + ogr2ogr %.2f s." % (
                         result["label"], {"bytes": "byte-identical", "json": "the same JSON in every file (the folder's files are not in Frontline's canonical encoding, which pull writes)", "NO": "DIFFERENT"}[result["pull_identical"]], result["publish_dates"], result["publish_range"][0],
                         result["publish_range"][1], ", ".join("%s %d rows" % item for item in result["published_rows"].items()),
                         result["publish_peer"]["rows"], result["publish_peer"]["export_seconds"], result["publish_peer"]["load_seconds"]))
    if publish_limit:
        lines += ["", "The synthetic ledger is published up to its %dth change date only, to keep `make bench` within the hour; both sides"
                  " load and resolve its 100,000 claims first." % publish_limit]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("frontline")
    parser.add_argument("--data", required=True)
    parser.add_argument("--synthetic", choices=sorted(SIZES), help="also bench.py's generated ledger of that size (L: 100,000 claims)")
    parser.add_argument("--publish-dates", type=int, default=20, help="the synthetic ledger is published up to its Nth change date")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(HERE, "work", "database"))
    parser.add_argument("--report")
    arguments = parser.parse_args()
    os.makedirs(arguments.work, exist_ok=True)
    cluster = Cluster()
    try:
        cluster.create("b_info")
        server_version = "PostgreSQL %s, PostGIS %s" % (cluster.psql("b_info", "SHOW server_version"), cluster.psql("b_info", "SELECT postgis_lib_version()"))
        results = [case(arguments.frontline, cluster, "shipped", arguments.data, None, arguments.work, arguments.repeats)]
        if arguments.synthetic:
            folder, _ = dataset(SIZES[arguments.synthetic])
            results.append(case(arguments.frontline, cluster, arguments.synthetic, folder, arguments.publish_dates, arguments.work, 1))
    finally:
        cluster.stop()
    if arguments.report:
        write_report(arguments.report, results, server_version, arguments.publish_dates if arguments.synthetic else None)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
