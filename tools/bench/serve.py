#!/usr/bin/env python3
"""make bench, server part (the live-feeds issue): `frontline serve` under load on loopback.

  - cached: wrk (2 threads, 32 connections, keep-alive) on the items of one date the server
    has already answered, for the control areas (about 200 KB) and the frontline; requests per
    second, p50 and p99 latency, errors. The peer: nginx serving the same bytes as a static
    file, in the same run (the ratio is Frontline's requests per second over nginx's);
  - uncached: one request per date never asked before (a new server, dates every 30 days),
    against one `frontline snapshot` of the same date (a process: load, then snapshot); the
    goal is that an uncached date costs no more than one snapshot;
  - the server's peak memory (VmHWM) after the runs.

    serve.py FRONTLINE --data GEODATA --work DIR [--report FILE] [--seconds 10]
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, time, urllib.request

WRK_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$")


def start_server(binary, data, extra=()):
    process = subprocess.Popen([binary, "serve", "--data", data, "--port", "0", *extra], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if match:
            # The access log goes on: drain it so that the pipe never fills.
            subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
            return process, int(match.group(1))
        if process.poll() is not None:
            sys.exit("frontline serve did not start: " + line)
    sys.exit("frontline serve did not start in 120 s")


def get(port, path):
    started = time.monotonic()
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path)) as response:
        body = response.read()
        status = response.status
    return status, body, time.monotonic() - started


def wrk(url, seconds):
    output = subprocess.run(["wrk", "-t2", "-c32", "-d%ds" % seconds, "--latency", url], capture_output=True, text=True, check=True).stdout
    result = {"requests": int(re.search(r"(\d+) requests in", output).group(1)),
              "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
              "errors": 0}
    for line in output.splitlines():
        match = WRK_LATENCY.match(line)
        if match:
            value = float(match.group(2)) * {"us": 0.001, "ms": 1, "s": 1000}[match.group(3)]
            result["p" + match.group(1)] = value
        if "Non-2xx" in line or "Socket errors" in line:
            result["errors"] += sum(int(n) for n in re.findall(r"\d+", line.split(":", 1)[1]))
    return result


def nginx_peer(work, body, seconds):
    """nginx serving `body` as a file, under the same wrk load; None when nginx is missing."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not nginx:
        return None
    root = os.path.abspath(os.path.join(work, "nginx"))
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "html"))
    with open(os.path.join(root, "html", "items.geojson"), "wb") as f:
        f.write(body)
    import socket
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with open(os.path.join(root, "nginx.conf"), "w") as f:
        f.write("""worker_processes 2; pid %(r)s/nginx.pid; error_log %(r)s/error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; types { application/geo+json geojson; } keepalive_requests 100000;
  client_body_temp_path %(r)s/tmp; proxy_temp_path %(r)s/tmp; fastcgi_temp_path %(r)s/tmp; uwsgi_temp_path %(r)s/tmp; scgi_temp_path %(r)s/tmp;
  server { listen 127.0.0.1:%(p)d; root %(r)s/html; } }
""" % {"r": root, "p": port})
    os.makedirs(os.path.join(root, "tmp"))
    process = subprocess.Popen([nginx, "-c", os.path.join(root, "nginx.conf"), "-p", root], stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/items.geojson" % port).read()
                break
            except OSError:
                time.sleep(0.05)
        return wrk("http://127.0.0.1:%d/items.geojson" % port, seconds)
    finally:
        process.terminate()
        process.wait()


def peak_memory_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--report")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    server, port = start_server(args.binary, args.data)
    rows = []
    try:
        for collection in ["control", "frontline"]:
            path = "/collections/%s/items?datetime=2020-11-10" % collection
            status, body, _ = get(port, path)
            assert status == 200
            ours = wrk("http://127.0.0.1:%d%s" % (port, path), args.seconds)
            peer = nginx_peer(args.work, body, args.seconds)
            rows.append((collection, len(body), ours, peer))
        timeline = json.loads(get(port, "/timeline")[1])
        memory = peak_memory_mib(server.pid)
    finally:
        server.terminate()
        server.wait()

    # Uncached: a new server, each date asked once, against one snapshot command per date.
    first, last = timeline[0]["date"], timeline[-1]["date"]
    dates = []
    day = time.strptime("2020-09-27", "%Y-%m-%d")
    start = time.mktime(day)
    for k in range(0, 24):
        dates.append(time.strftime("%Y-%m-%d", time.localtime(start + k * 30 * 86400 + 43200)))
    server, port = start_server(args.binary, args.data, ["--cache-dates", "1"])
    served, commands = [], []
    try:
        for date in dates:
            status, _, seconds = get(port, "/collections/control/items?datetime=%s" % date)
            assert status == 200
            served.append(seconds * 1000)
        uncached_memory = peak_memory_mib(server.pid)
    finally:
        server.terminate()
        server.wait()
    for date in dates:
        started = time.monotonic()
        subprocess.run([args.binary, "snapshot", "--data", args.data, "--date", date], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        commands.append((time.monotonic() - started) * 1000)

    lines = ["# Benchmarks: `frontline serve` (OGC API – Features) on loopback", "",
             "Generated by `tools/bench/serve.py` (part of `make bench`) on the shipped GeoData (%s to %s), release build, "
             "this machine's 2 cores shared by the server and the load generator. Goal (the live-feeds issue): at least 5,000 "
             "requests/s for a cached snapshot with p99 under 20 ms; an uncached date costs no more than one `snapshot` of that date." % (first, last), "",
             "## Cached snapshot: wrk, 2 threads, 32 connections, %d s" % args.seconds, "",
             "| items (2020-11-10) | body | requests | errors | requests/s | p50 ms | p99 ms | nginx requests/s (same bytes) | Frontline / nginx |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for collection, size, ours, peer in rows:
        lines.append("| %s | %d B | %d | %d | %.0f | %.2f | %.2f | %s | %s |" % (
            collection, size, ours["requests"], ours["errors"], ours["rps"], ours["p50"], ours["p99"],
            "%.0f" % peer["rps"] if peer else "(nginx not installed)", "%.2f" % (ours["rps"] / peer["rps"]) if peer else "-"))
    served_sorted = sorted(served)
    p99 = served_sorted[min(len(served_sorted) - 1, int(round(0.99 * (len(served_sorted) - 1))))]
    lines += ["", "Peak server memory after these runs: %.0f MiB (VmHWM; caches: 16 snapshots, 128 MB of responses)." % memory, "",
              "## Uncached dates: %d dates every 30 days from 2020-09-27, each asked once of a new server (`--cache-dates 1`)" % len(dates), "",
              "| | p50 ms | p99 ms | mean ms | requests/s (one at a time) |", "| --- | ---: | ---: | ---: | ---: |",
              "| server, first request of a date (control items) | %.1f | %.1f | %.1f | %.1f |" % (statistics.median(served), p99, statistics.mean(served), 1000 / statistics.mean(served)),
              "| `frontline snapshot --date D` (a process each) | %.1f | %.1f | %.1f | %.1f |" % (
                  statistics.median(commands), sorted(commands)[-1], statistics.mean(commands), 1000 / statistics.mean(commands)),
              "", "Uncached request over one snapshot command (median): %.2f (the goal: at most 1). Peak memory of that server: %.0f MiB." % (
                  statistics.median(served) / statistics.median(commands), uncached_memory), ""]
    report = "\n".join(lines)
    print(report)
    if args.report:
        with open(args.report, "w") as f:
            f.write(report)


if __name__ == "__main__":
    main()
