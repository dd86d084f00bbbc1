#!/usr/bin/env python3
"""Measures casebook on generated repositories and writes the tables into BENCHMARKS.md.

Run through `make bench` (release build first). Each benchmark section of BENCHMARKS.md sits
between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` and is replaced whole; the rest of the
file is kept.
"""
import argparse
import datetime
import glob
import hashlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.client import HTTPConnection


def run(command, cwd=None):
    """Runs command; returns (wall seconds, peak RSS in MB, exit status)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.stderr.close()
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            match = re.search(r"model name\s*:\s*(.+)", f.read())
            cpu = match.group(1).strip() if match else cpu
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.system()} {platform.release()}, {swift[0] if swift else 'swift'}"


def machine_speed():
    """How fast the machine is now: the seconds a fixed CPU-bound loop takes alone, and how much
    two copies of it slow each other (2.0 means two cores' worth of work)."""
    loop = "import time; t = time.perf_counter(); sum(i * i for i in range(6_000_000)); print(time.perf_counter() - t)"
    alone = float(subprocess.run([sys.executable, "-c", loop], capture_output=True, text=True).stdout)
    pair = [subprocess.Popen([sys.executable, "-c", loop], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    together = max(float(p.communicate()[0]) for p in pair)
    return alone, 2 * alone / together


def generate(binary, work, cases):
    folder = os.path.join(work, f"repo-{cases}")
    if not os.path.isdir(os.path.join(folder, ".git")):
        subprocess.run(["rm", "-rf", folder], check=True)
        subprocess.run([binary, "generate", "--cases", str(cases), folder], check=True, stdout=subprocess.DEVNULL)
    return folder


def bench_validate(binary, work):
    targets = {10_000: (0.35, None), 100_000: (3.0, 400)}
    rows = []
    for cases in (1_000, 10_000, 100_000):
        folder = generate(binary, work, cases)
        run([binary, "validate", folder])  # warm the page cache
        runs = [run([binary, "validate", folder]) for _ in range(7 if cases < 100_000 else 5)]
        if any(status != 0 for _, _, status in runs):
            sys.exit(f"validate failed on the generated repository {folder}")
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        target_wall, target_rss = targets.get(cases, (None, None))
        target = " and ".join(filter(None, [
            f"< {target_wall} s" if target_wall else None, f"< {target_rss} MB" if target_rss else None]))
        met = (target_wall is None or wall < target_wall) and (target_rss is None or rss < target_rss)
        rows.append(f"| {cases:,} | {wall:.3f} s | {min(r[0] for r in runs):.3f} s | {rss:.0f} MB | "
                     f"{target or '—'} | {('met' if met else '**not met**') if target else '—'} |")
        print(rows[-1], flush=True)
    header = [
        "`casebook validate` on a generated repository (`casebook generate --cases N`), cold process,",
        "warm page cache; median and best of 5–7 runs, peak RSS of the worst run.",
        "",
        "| cases | median wall | best wall | peak RSS | target | |",
        "|---:|---:|---:|---:|---|---|",
    ]
    return "\n".join(header + rows + ["", hostile_validation(binary, work)])


def hostile_validation(binary, work):
    """The 100,000-case repository with files that name thousands of things it lacks, against
    the same repository without them, runs interleaved: unknown references must not cost a pass
    over every case each."""
    folder = generate(binary, work, 100_000)
    hostile = {
        "a plan naming 3,000 unknown cases": ("plans/zz-unknown-cases.yaml",
            "id: PLAN-UNKNOWN\ntitle: Unknown cases\ninclude:\n" + "".join(f"  - case: NOPE-{n}\n" for n in range(3000))),
        "a plan naming 1,500 unknown groups and 1,500 unknown tags": ("plans/zz-unknown-groups.yaml",
            "id: PLAN-UNKNOWN-GROUPS\ntitle: Unknown groups\ninclude:\n"
            + "".join(f"  - group: nope/g{n}\n" for n in range(1500)) + "".join(f"  - tags: [nope{n}]\n" for n in range(1500))),
        "a case using 3,000 unknown shared-step blocks": ("cases/zz-unknown-blocks.yaml",
            "id: GEN-999999\ntitle: Unknown blocks\nsteps:\n" + "".join(f"  - use: NOPE-{n}\n" for n in range(3000))),
        # 80,000 keys and their values are 160,000 nodes: past 100,000 the file is one yaml.size finding.
        "a case file with 80,000 unknown keys": ("cases/zz-unknown-keys.yaml",
            "id: GEN-999998\ntitle: Unknown keys\nsteps: [{ action: A }]\n" + "".join(f"k{n}: x\n" for n in range(80_000))),
    }
    # Under the node limit, each unknown key is a finding of its own, with its did-you-mean, and
    # printed with its source line: what 45,000 of them cost is shown, without a target.
    unbounded = {"a case file with 45,000 unknown keys (45,000 findings)": ("cases/zz-unknown-keys.yaml",
        "id: GEN-999998\ntitle: Unknown keys\nsteps: [{ action: A }]\n" + "".join(f"k{n}: x\n" for n in range(45_000)))}
    rows = []
    for name, (path, text) in list(hostile.items()) + list(unbounded.items()):
        target = os.path.join(folder, path)
        clean, broken = [], []
        try:
            for _ in range(5):
                clean.append(run([binary, "validate", folder])[0])
                with open(target, "w") as f:
                    f.write(text)
                wall, _, status = run([binary, "validate", folder])
                os.remove(target)
                if status != 1:
                    sys.exit(f"validate with {name} exited {status}, not 1")
                broken.append(wall)
        finally:
            if os.path.exists(target):
                os.remove(target)
        ratio = statistics.median(broken) / statistics.median(clean)
        target, verdict = ("within 10%", "met" if ratio < 1.1 else "**not met**") if name in hostile else ("—", "—")
        rows.append(f"| 100,000 cases and {name} | {statistics.median(broken):.3f} s | {statistics.median(clean):.3f} s | "
                    f"{(ratio - 1) * 100:+.0f}% | {target} | {verdict} |")
        print(rows[-1], flush=True)
    header = [
        "The same repository with one hostile file added, against it without that file (runs interleaved, median of 5):",
        "",
        "| repository | median wall | without the file | difference | target | |",
        "|---|---:|---:|---:|---|---|",
    ]
    return "\n".join(header + rows)


def http(method, url, body=None, token=None, content_type="application/json"):
    request = urllib.request.Request(url, method=method, data=body)
    if body is not None:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=600) as response:
        return response.read().decode()


def write_token(binary, database, user):
    """An admin `user` in `database` (made if need be) and a new API token of theirs that writes."""
    subprocess.run([binary, "user", "add", "--admin", user, "--database", database], input=b"correct horse battery\n",
                   check=True, stdout=subprocess.DEVNULL)
    return subprocess.run([binary, "token", "create", "--user", user, "--name", user, "--write", "--database", database],
                          capture_output=True, text=True, check=True).stdout.strip()


def metric(base, name):
    for line in http("GET", base + "/metrics").splitlines():
        if line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return None


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def wrk(url, script=None, seconds=10, connections=16, headers=()):
    """Runs wrk on url; returns (requests per second, p50 ms, p99 ms)."""
    threads = min(2, connections)
    command = (["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"] + (["-s", script] if script else [])
               + [argument for header in headers for argument in ("-H", header)] + [url])
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def milliseconds(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if "Non-2xx" in output:
        sys.exit(f"wrk got error answers from {url}:\n{output}")
    return rate, milliseconds("50%"), milliseconds("99%")


def library_floor(work, repository):
    """What libgit2 and libyaml alone take to read and parse every file of the repository's HEAD
    (`scripts/floor.c`): (files, seconds on one thread, seconds on two), or None without a C compiler."""
    compiler = shutil.which("cc") or shutil.which("clang")
    if compiler is None:
        return None
    program = os.path.join(work, "floor")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libgit2", "yaml-0.1"], capture_output=True, text=True, check=True).stdout.split()
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "floor.c")
    # Linked with mimalloc, as casebook is.
    subprocess.run([compiler, "-O2", source, "-o", program] + flags + ["-lmimalloc", "-lpthread"], check=True)

    def seconds(threads):
        runs = [subprocess.run([program, repository, str(threads)], capture_output=True, text=True, check=True).stdout.split() for _ in range(3)]
        return int(runs[0][0]), statistics.median(float(r[1]) for r in runs)

    seconds(2)  # warm the page cache
    files, one = seconds(1)
    return files, one, seconds(2)[1]


def bench_server(binary, work):
    """The server on a 100,000-case repository: cold snapshot, incremental re-index, RSS, load."""
    source = generate(binary, work, 100_000)
    clone = os.path.join(work, "serve-100000")
    subprocess.run(["rm", "-rf", clone], check=True)
    # A real clone (one pack file), as a server mirroring a remote has; the generated repository holds loose objects.
    subprocess.run(["git", "clone", "-q", "--no-local", source, clone], check=True)
    floor = library_floor(work, clone)
    # Three cold starts: the snapshot's build time is the median; the last server stays up for the rest.
    colds, startups = [], []
    for start in range(3):
        subprocess.run(["rm", "-rf", os.path.join(work, "serve-db")], check=True)
        started = time.perf_counter()
        server, base = start_server(binary, ["--project", clone, "--anonymous-read", "--database", os.path.join(work, "serve-db", "casebook.sqlite")])
        startups.append(time.perf_counter() - started)
        colds.append(metric(base, "casebook_snapshot_build_seconds"))
        if start < 2:
            server.terminate()
            server.wait()
    cold, startup = statistics.median(colds), statistics.median(startups)
    try:
        rss = rss_mb(server.pid)
        token = write_token(binary, os.path.join(work, "serve-db", "casebook.sqlite"), "bench")

        files = sorted(glob.glob(os.path.join(clone, "cases", "**", "*.yaml"), recursive=True))
        files = [f for f in files if not f.endswith("group.yaml")]
        rebuilds, refreshes = [], []
        for round in range(7):
            for path in files[round * 10:(round + 1) * 10]:
                text = open(path).read()
                open(path, "w").write(text.replace("title: ", "title: Revised ", 1))
            subprocess.run(["git", "-C", clone, "commit", "-qam", f"Edit 10 cases ({round})"], check=True)
            begin = time.perf_counter()
            outcome = json.loads(http("POST", base + "/api/v1/projects/GEN/refresh", None, token))
            refreshes.append(time.perf_counter() - begin)
            if outcome["parsedFiles"] != 10:
                sys.exit(f"a 10-file commit parsed {outcome['parsedFiles']} files")
            rebuilds.append(metric(base, "casebook_snapshot_build_seconds"))
        rss = max(rss, rss_mb(server.pid))

        script = os.path.join(work, "random-case.lua")
        with open(script, "w") as f:
            f.write('math.randomseed(7)\nrequest = function()\n'
                    '  return wrk.format("GET", "/api/v1/projects/GEN/cases/GEN-" .. math.random(1, 100000))\nend\n')
        wrk(base + "/api/v1/projects/GEN/cases/GEN-1", seconds=2)  # warm up
        case_rate, case_p50, case_p99 = wrk(base, script=script)
        live_rate, live_p50, live_p99 = wrk(base + "/health/live")
        list_url = base + "/api/v1/projects/GEN/cases?tag=regression&priority=high&limit=50"
        list_rate, list_p50, list_p99 = wrk(list_url, seconds=10, connections=2)
        rss = max(rss, rss_mb(server.pid))
        # Last: a full re-index holds the snapshot it builds beside the one it serves.
        busy_rate, busy_p50, busy_p99, reindexes, busy_rss = wrk_during_reindexes(base, token, clone, script, server.pid)
    finally:
        server.terminate()
        server.wait()

    def verdict(ok):
        return "met" if ok else "**not met**"

    rebuild = statistics.median(rebuilds)
    rows = [
        f"| cold snapshot of 100,000 cases from a commit, median of 3 starts ({', '.join(f'{c:.2f}' for c in colds)} s; "
        f"server start to ready: {startup:.2f} s) | {cold:.2f} s | < 2 s | {verdict(cold < 2)} |",
    ]
    if floor:
        files, one, two = floor
        rows.append(
            f"| the libraries alone (`scripts/floor.c`): libgit2 reads the {files:,} blobs and libyaml parses them to events, "
            f"nothing else; median of 3 | {two:.2f} s on two threads, {one:.2f} s on one | — | — |")
    rows += [
        f"| re-index after a commit changing 10 files (median of 7; refresh request {statistics.median(refreshes) * 1000:.0f} ms) "
        f"| {rebuild * 1000:.0f} ms | < 50 ms | {verdict(rebuild < 0.05)} |",
        f"| server RSS holding 100,000 cases (peak seen) | {rss:.0f} MB | < 400 MB | {verdict(rss < 400)} |",
        f"| `GET /cases/{{id}}`, random ids, wrk 2 threads × 16 connections, 10 s | {case_rate:,.0f} req/s, p50 {case_p50:.2f} ms, "
        f"p99 {case_p99:.2f} ms | ≥ 20,000 req/s, p99 < 5 ms | {verdict(case_rate >= 20_000 and case_p99 < 5)} |",
        f"| `GET /health/live` (the smallest answer: what HTTP handling alone costs here), same load | {live_rate:,.0f} req/s, "
        f"p50 {live_p50:.2f} ms, p99 {live_p99:.2f} ms | — | — |",
        f"| `GET /cases/{{id}}` as above while the whole repository is indexed again and again ({len(reindexes)} full re-indexes "
        f"of {statistics.median(reindexes):.2f} s each, a changed `casebook.yaml` each time; RSS then up to {busy_rss:.0f} MB, two snapshots "
        f"held while the next is built) | {busy_rate:,.0f} req/s, p50 {busy_p50:.2f} ms, p99 {busy_p99:.2f} ms | — | — |",
        f"| `GET /cases?tag=regression&priority=high&limit=50`, 2 connections | median {list_p50:.1f} ms, p99 {list_p99:.1f} ms "
        f"({list_rate:,.0f} req/s) | median < 20 ms | {verdict(list_p50 < 20)} |",
    ]
    return measures_table([
        "`casebook serve` on a generated 100,000-case repository read from git, polling off, reads without",
        "a token (`--anonymous-read`); the load generator (wrk) runs on the same 2 cores over loopback.",
    ], rows)


def wrk_during_reindexes(base, token, clone, script, pid):
    """wrk on random cases while another thread commits a changed `casebook.yaml` (which makes
    every file be parsed again) and refreshes, over and over: (req/s, p50, p99, build seconds of
    each re-index, peak RSS in MB)."""
    stop, builds, peak = threading.Event(), [], [0.0]

    def reindex():
        settings = os.path.join(clone, "casebook.yaml")
        round = 0
        while not stop.is_set():
            round += 1
            with open(settings) as f:
                text = re.sub(r"(?m)^  description: .*$", f"  description: Re-indexed {round} times.", f.read(), count=1)
            with open(settings, "w") as f:
                f.write(text)
            subprocess.run(["git", "-C", clone, "commit", "-qam", f"Re-index {round}"], check=True)
            http("POST", base + "/api/v1/projects/GEN/refresh", None, token)
            builds.append(metric(base, "casebook_snapshot_build_seconds"))

    def sample():
        while not stop.wait(0.1):
            peak[0] = max(peak[0], rss_mb(pid))

    threads = [threading.Thread(target=reindex), threading.Thread(target=sample)]
    for thread in threads:
        thread.start()
    try:
        rate, p50, p99 = wrk(base, script=script)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return rate, p50, p99, builds, peak[0]


def start_server(binary, arguments):
    """Starts `casebook serve` with arguments on a free port; returns (process, base URL)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    # The access log (on by default, to standard output) is written as it is by default, and thrown away.
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--poll", "0", "--log-level", "error"] + arguments, stdout=subprocess.DEVNULL)
    while True:
        try:
            http("GET", base + "/health/ready")
            return server, base
        except OSError:
            if server.poll() is not None or time.perf_counter() - started > 300:
                sys.exit("the server did not start")
            time.sleep(0.05)


def ten_device_repository(binary, work, name):
    """A clone of the generated 100,000-case repository with ten devices and two plans of
    everything: PLAN-ALL-1 (one device) and PLAN-ALL-10 (1,000,000 executions)."""
    source = generate(binary, work, 100_000)
    clone = os.path.join(work, name)
    subprocess.run(["rm", "-rf", clone], check=True)
    subprocess.run(["git", "clone", "-q", "--no-local", source, clone], check=True)
    devices = [f"d{n}" for n in range(1, 11)]
    with open(os.path.join(clone, "casebook.yaml")) as f:
        settings = f.read()
    settings = settings.replace("devices:\n", "devices:\n" + "".join(f"  - {{ id: {d}, name: Device {d} }}\n" for d in devices), 1)
    with open(os.path.join(clone, "casebook.yaml"), "w") as f:
        f.write(settings)
    everything = "include:\n  - priority: [critical, high, medium, low]\n"
    with open(os.path.join(clone, "plans", "all-one.yaml"), "w") as f:
        f.write("id: PLAN-ALL-1\ntitle: Every case on one device\ndevices: [d1]\n" + everything)
    with open(os.path.join(clone, "plans", "all-ten.yaml"), "w") as f:
        f.write(f"id: PLAN-ALL-10\ntitle: Every case on ten devices\ndevices: [{', '.join(devices)}]\n" + everything)
    subprocess.run(["git", "-C", clone, "add", "-A"], check=True)
    subprocess.run(["git", "-C", clone, "commit", "-qm", "Ten devices, plans of everything"], check=True)
    return clone, devices


def bench_results(binary, work):
    """Runs and results on a 100,000-case repository with ten devices: bulk results, a JUnit
    import, and the progress of a run of 1,000,000 executions."""
    clone, devices = ten_device_repository(binary, work, "results-100000")
    database = os.path.join(work, "results-db", "casebook.sqlite")
    subprocess.run(["rm", "-rf", os.path.dirname(database)], check=True)
    token = write_token(binary, database, "bench")
    server, base = start_server(binary, ["--project", clone, "--database", database])
    runs = base + "/api/v1/projects/GEN/runs"

    def create(plan):
        return json.loads(http("POST", runs, json.dumps({"plan": plan, "build": "bench"}).encode(), token))["run"]

    def timed(method, url, body, content_type="application/json"):
        begin = time.perf_counter()
        answer = json.loads(http(method, url, body, token, content_type))
        return time.perf_counter() - begin, answer

    try:
        statuses = ["passed", "failed", "blocked", "skipped", "retest"]
        bulk_times = []
        for attempt in range(3):
            run = create("PLAN-ALL-1")
            if run["total"] != 100_000:
                sys.exit(f"PLAN-ALL-1 has {run['total']} executions, not 100,000")
            results = [{"case": f"GEN-{n}", "device": "d1", "status": statuses[n % 5], "duration": 1.5, "notes": "ok"} for n in range(1, 100_001)]
            seconds, answer = timed("POST", f"{runs}/{run['id']}/results", json.dumps({"results": results}).encode())
            if answer["recorded"] != 100_000:
                sys.exit(f"the bulk recorded {answer['recorded']}")
            bulk_times.append(seconds)

        junit_times = []
        for attempt in range(3):
            run = create("PLAN-ALL-1")
            cases = "".join(
                f'<testcase classname="gen.Suite{n % 50}" name="GEN-{n} works" time="0.{n % 9}">'
                + ('<failure message="expected 1">assert failed</failure>' if n % 7 == 0 else "") + "</testcase>\n"
                for n in range(1, 10_001))
            report = f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="gen" tests="10000">\n{cases}</testsuite>\n'.encode()
            seconds, answer = timed("POST", f"{runs}/{run['id']}/results/junit?device=d1", report, "application/xml")
            if len(answer["matched"]) != 10_000:
                sys.exit(f"the JUnit import matched {len(answer['matched'])} of 10,000")
            junit_times.append(seconds)

        run = create("PLAN-ALL-10")
        if run["total"] != 1_000_000:
            sys.exit(f"PLAN-ALL-10 has {run['total']} executions, not 1,000,000")
        for device in devices:
            results = [{"case": f"GEN-{n}", "device": device, "status": statuses[(n + len(device)) % 5]} for n in range(1, 100_001)]
            http("POST", f"{runs}/{run['id']}/results", json.dumps({"results": results}).encode(), token)
        progress_times = []
        for attempt in range(20):
            seconds, answer = timed("GET", f"{runs}/{run['id']}", None)
            progress_times.append(seconds)
        if answer["progress"]["total"] != 1_000_000:
            sys.exit("the progress does not count 1,000,000 executions")
        rss = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait()

    def verdict(ok):
        return "met" if ok else "**not met**"

    bulk, junit, progress = statistics.median(bulk_times), statistics.median(junit_times), statistics.median(progress_times)
    rows = [
        f"| 100,000 results in one `POST …/results` (median of 3, request to answer) | {bulk:.2f} s | < 3 s | {verdict(bulk < 3)} |",
        f"| JUnit report of 10,000 testcases, `POST …/results/junit` (median of 3) | {junit:.2f} s | < 2 s | {verdict(junit < 2)} |",
        f"| `GET …/runs/{{id}}` (progress with outdated results) over 1,000,000 executions, all with a result (median of 20; first {progress_times[0] * 1000:.0f} ms) "
        f"| {progress * 1000:.0f} ms | < 50 ms | {verdict(progress < 0.05)} |",
        f"| server RSS after these | {rss:.0f} MB | | |",
    ]
    return measures_table([
        "Runs and results on the generated 100,000-case repository with ten devices added, a fresh",
        "database file (WAL) beside it, over loopback; the client is Python's urllib on the same cores.",
    ], rows)


def sign_in(base, username, password):
    """Signs in through the page's form and answers the session cookie (name=value)."""
    connection = HTTPConnection(base.removeprefix("http://"))
    form = urllib.parse.urlencode({"username": username, "password": password, "next": "/"})
    connection.request("POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse()
    answer.read()
    cookie = answer.getheader("Set-Cookie") or sys.exit(f"signing in answered {answer.status} without a cookie")
    return cookie.split(";")[0]


def runner_rows(base, cookie, token, run):
    """The runner on the run of 1,000,000 executions: its page, a result recorded as the runner
    sends it (the session cookie with its CSRF token) followed by the next execution's page,
    and a bulk change of 10,000 executions."""
    csrf = hashlib.sha256(("casebook csrf\n" + cookie.split("=", 1)[1]).encode()).hexdigest()[:32]
    executions = json.loads(http("GET", f"{base}/api/v1/projects/GEN/runs/{run}/executions?limit=500", None, token))["executions"]
    first = executions[0]["id"]
    _, p50, p99 = wrk(f"{base}/projects/GEN/runs/{run}/executions/{first}", seconds=5, connections=1,
                      headers=[f"Cookie: {cookie}", "Accept-Encoding: gzip"])
    rows = [f"| the runner's page of an execution | {p50:.1f} ms median, {p99:.1f} ms p99 | < 20 ms median | {'met' if p50 < 20 else '**not met**'} |"]
    times = []
    for execution in executions[1:301]:
        begin = time.perf_counter()
        request = urllib.request.Request(
            f"{base}/api/v1/projects/GEN/runs/{run}/executions/{execution['id']}", method="PUT",
            data=json.dumps({"status": "passed", "version": execution["version"], "duration": 42}).encode(),
            headers={"Cookie": cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as answer:
            answer.read()
        with urllib.request.urlopen(urllib.request.Request(
                f"{base}/projects/GEN/runs/{run}/executions/{execution['id'] + 1}", headers={"Cookie": cookie})) as answer:
            answer.read()
        times.append(time.perf_counter() - begin)
    times.sort()
    p50, p99 = times[len(times) // 2] * 1000, times[int(len(times) * 0.99)] * 1000
    rows.append(f"| a result from the runner, then the next execution's page (300 in a row) | {p50:.1f} ms median, {p99:.1f} ms p99 "
                f"| < 30 ms p99 | {'met' if p99 < 30 else '**not met**'} |")
    ids = [e["id"] for e in json.loads(http("GET", f"{base}/api/v1/projects/GEN/runs/{run}/executions?limit=500&cursor={executions[-1]['id']}", None, token))["executions"]]
    cursor = ids[-1]
    while len(ids) < 10_000:
        page = json.loads(http("GET", f"{base}/api/v1/projects/GEN/runs/{run}/executions?limit=500&cursor={cursor}", None, token))["executions"]
        ids += [e["id"] for e in page]
        cursor = page[-1]["id"]
    bulk = []
    for status in ["blocked", "passed", "failed"]:
        begin = time.perf_counter()
        http("PATCH", f"{base}/api/v1/projects/GEN/runs/{run}/executions", json.dumps({"executions": ids[:10_000], "status": status}).encode(), token)
        bulk.append(time.perf_counter() - begin)
    seconds = statistics.median(bulk)
    rows.append(f"| a bulk change of 10,000 executions' status (median of 3) | {seconds:.2f} s | < 1 s | {'met' if seconds < 1 else '**not met**'} |")
    return rows


def bench_web(binary, work):
    """The web pages on a 100,000-case repository with a run of 1,000,000 executions: latency of
    one browser's requests one after another (wrk, one connection), the transferred size, and
    the runner's rows."""
    clone, devices = ten_device_repository(binary, work, "web-100000")
    database = os.path.join(work, "web-db", "casebook.sqlite")
    subprocess.run(["rm", "-rf", os.path.dirname(database)], check=True)
    token = write_token(binary, database, "bench")
    server, base = start_server(binary, ["--project", clone, "--database", database])
    try:
        runs = base + "/api/v1/projects/GEN/runs"
        run = json.loads(http("POST", runs, json.dumps({"plan": "PLAN-ALL-10", "build": "bench"}).encode(), token))["run"]
        statuses = ["passed", "failed", "blocked", "skipped", "retest"]
        for device in devices:
            results = [{"case": f"GEN-{n}", "device": device, "status": statuses[(n + len(device)) % 5]} for n in range(1, 100_001)]
            http("POST", f"{runs}/{run['id']}/results", json.dumps({"results": results}).encode(), token)
        cookie = sign_in(base, "bench", "correct horse battery")
        pages = [
            ("home page", "/", 10),
            ("case list, unfiltered (first page of 100,000)", "/projects/GEN/cases", 20),
            ("case list, filtered (`tag=regression&priority=high`)", "/projects/GEN/cases?tag=regression&priority=high", 20),
            ("case list, searched (`q=checkout&tag=smoke`: every case's text is read)", "/projects/GEN/cases?q=checkout&tag=smoke", None),
            ("a case (steps, results across runs, history)", "/projects/GEN/cases/GEN-1", 20),
            ("a run's progress page (1,000,000 executions, all with a result)", f"/projects/GEN/runs/{run['id']}", 20),
        ]
        rows = []
        for name, path, target in pages:
            request = urllib.request.Request(base + path, headers={"Cookie": cookie, "Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request, timeout=600) as answer:
                size = len(answer.read())
                if answer.headers.get("Content-Encoding") != "gzip":
                    sys.exit(f"{path} was not compressed")
            _, p50, p99 = wrk(base + path, seconds=5, connections=1, headers=[f"Cookie: {cookie}", "Accept-Encoding: gzip"])
            measured = f"{p50:.1f} ms median, {p99:.1f} ms p99, {size / 1000:.1f} KB"
            if target is None:
                rows.append(f"| {name} | {measured} | — | — |")
                continue
            ok = p50 < target and p99 < 50 and size < 100_000
            p99_target = ", < 50 ms p99" if target == 20 else ""
            rows.append(f"| {name} | {measured} | < {target} ms median{p99_target}, < 100 KB | {'met' if ok else '**not met**'} |")
        rows += runner_rows(base, cookie, token, run["id"])
        for kind, name in [("csv", "CSV, streamed a page at a time"), ("xlsx", "a workbook, written to a file a page at a time, then sent")]:
            started = time.perf_counter()
            request = urllib.request.Request(f"{base}/api/v1/projects/GEN/runs/{run['id']}/report?format={kind}",
                                             headers={"Authorization": f"Bearer {token}"})
            size = 0
            with urllib.request.urlopen(request, timeout=600) as answer:
                while chunk := answer.read(1 << 20):
                    size += len(chunk)
            rows.append(f"| the run's report of 1,000,000 executions as {name} | {time.perf_counter() - started:.1f} s, "
                        f"{size / 2**20:.0f} MB | — | — |")
        rss = rss_mb(server.pid)
        with open(f"/proc/{server.pid}/status") as status:
            peak = int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1)) / 1024
        rows.append(f"| server RSS after these (the most it held) | {rss:.0f} MB ({peak:.0f} MB) | | |")
    finally:
        server.terminate()
        server.wait()
    return measures_table([
        "The pages as a signed-in browser asks for them (session cookie, `Accept-Encoding: gzip`), on the",
        "generated 100,000-case repository with ten devices and a run of 1,000,000 executions, all with a",
        "result. wrk with one connection for 5 s a page: each request waits for the one before, so the",
        "latency is the server's time plus loopback. The size is the gzipped page as transferred.",
    ], rows)


def bench_diff(binary, work):
    """The semantic diff of two commits of a 100,000-case repository where 1,000 cases changed."""
    source = generate(binary, work, 100_000)
    clone = os.path.join(work, "diff-100000")
    subprocess.run(["rm", "-rf", clone], check=True)
    subprocess.run(["git", "clone", "-q", "--no-local", source, clone], check=True)
    files = sorted(glob.glob(os.path.join(clone, "cases", "**", "*.yaml"), recursive=True))
    files = [f for f in files if not f.endswith("group.yaml")][::100][:1000]
    for path in files:
        with open(path) as f:
            text = f.read()
        text = text.replace("title: ", "title: Revised ", 1).replace("expected: ", "expected: Then ", 1)
        with open(path, "w") as f:
            f.write(text)
    subprocess.run(["git", "-C", clone, "commit", "-qam", "Revise 1,000 cases"], check=True)
    rows = []

    runs = [run([binary, "diff", "HEAD~1", "HEAD", "--repository", clone, "--format", "json"]) for _ in range(3)]
    if any(status != 0 for _, _, status in runs):
        sys.exit("casebook diff failed")
    cli = statistics.median(r[0] for r in runs)
    rows.append(f"| `casebook diff HEAD~1 HEAD --format json`: the base indexed from git (cold), the head derived from it (the changed files read), then compared | {cli:.2f} s | — | — |")

    server, base = start_server(binary, ["--project", clone, "--anonymous-read", "--database", os.path.join(work, "diff-db", "casebook.sqlite")])
    try:
        url = base + "/api/v1/projects/GEN/diff?base=HEAD~1&head=HEAD"
        started = time.perf_counter()
        body = json.loads(http("GET", url))
        first = time.perf_counter() - started
        if body["summary"]["cases"]["modified"] != len(files):
            sys.exit(f"the diff found {body['summary']['cases']['modified']} modified cases, not {len(files)}")
        rows.append(f"| `GET /diff?base=HEAD~1&head=HEAD`, first: the base commit derived from the served one (the changed files read), then compared | {first:.2f} s | < 1 s | "
                    f"{'met' if first < 1 else '**not met**'} |")
        timings = []
        for _ in range(9):
            started = time.perf_counter()
            http("GET", url)
            timings.append(time.perf_counter() - started)
        repeated = statistics.median(timings)
        rows.append(f"| `GET /diff` again (both snapshots kept): the diff of {len(files):,} changed cases, as JSON | {repeated:.3f} s | < 1 s | "
                    f"{'met' if repeated < 1 else '**not met**'} |")
    finally:
        server.terminate()
        server.wait()
    return measures_table([
        f"A generated 100,000-case repository and a commit that edits the title and one expected result of {len(files):,} cases.",
        "Median of 3 CLI runs and of 9 repeated requests.",
    ], rows)


def testrail_export(path, cases):
    """Writes a TestRail suite export of `cases` cases as TestRail writes it (sections two deep,
    100 cases a section, the separated-steps template with three steps, a dropdown field)."""
    with open(path, "w") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<suite>\n  <id>S1</id>\n  <name>Generated</name>\n  <description></description>\n  <sections>\n')
        number = 1
        for area in range(cases // 100):
            out.write(f"    <section>\n      <name>Area {area}</name>\n      <description>Cases of area {area}.</description>\n      <sections>\n"
                      f"        <section>\n          <name>Feature {area}</name>\n          <description></description>\n          <cases>\n")
            for index in range(100):
                priority = ["Critical", "High", "Medium", "Low"][number % 4]
                kind = ["Functional", "Regression", "Smoke &amp; Sanity", "Other"][number % 4]
                estimate = ["", "60", "1m 30s", "300"][number % 4]
                component = ["Web", "API", "Mobile"][number % 3]
                out.write(f"""            <case>
              <id>C{number}</id>
              <title>Check feature {area} behaviour number {index} for the user</title>
              <template>Test Case (Steps)</template>
              <type>{kind}</type>
              <priority>{priority}</priority>
              <estimate>{estimate}</estimate>
              <references>REQ-{number % 500}</references>
              <custom>
                <automation_type><id>0</id><value> None</value></automation_type>
                <component><id>{number % 3}</id><value> {component}</value></component>
                <preconds>
                  A signed-in user.
                  The cart holds {index} items.
                </preconds>
                <steps_separated>
                  <step><index>1</index><content>Open the page of feature {area}</content><expected>The page is shown</expected></step>
                  <step><index>2</index><content>Do the thing number {index}</content><expected>It is done; the result is saved</expected></step>
                  <step><index>3</index><content>Reload the page</content><expected>The result is still there</expected></step>
                </steps_separated>
              </custom>
            </case>
""")
                number += 1
            out.write("          </cases>\n        </section>\n      </sections>\n    </section>\n")
        out.write("  </sections>\n</suite>\n")


def bench_migration(binary, work):
    """`casebook import cases` of a 50,000-case TestRail export, again unchanged, and the exports back."""
    export = os.path.join(work, "testrail-50000.xml")
    if not os.path.exists(export):
        testrail_export(export, 50_000)
    size = os.path.getsize(export) / 2**20
    rows = []
    imports = []
    targets = [os.path.join(work, f"imported-{attempt}") for attempt in range(3)]
    # Left by a run that was stopped; a run that ends removes its own. Removed here, they are
    # given a minute: ext4 on this machine passes over inodes freed within the last minute when
    # it makes new ones, and an import just after 51,001 files were removed took twice as long.
    if any(os.path.exists(target) for target in targets):
        subprocess.run(["rm", "-rf"] + targets, check=True)
        subprocess.run(["sync"], check=True)
        time.sleep(60)
    for target in targets:
        subprocess.run(["sync"], check=True)
        imports.append(run([binary, "import", "cases", export, "--from", "testrail-xml", "--key", "GEN", "--into", target]))
    if any(status != 0 for _, _, status in imports):
        sys.exit("casebook import cases failed")
    wall = statistics.median(r[0] for r in imports)
    rows.append(f"| `casebook import cases --from testrail-xml` of {size:.0f} MB, 50,000 cases in 1,000 sections, into a new case repository: read, "
                f"planned, 51,001 files written, then validated | {wall:.2f} s, {max(r[1] for r in imports):.0f} MB | < 5 s | "
                f"{'met' if wall < 5 else '**not met**'} |")
    target = os.path.join(work, "imported-0")
    again = [run([binary, "import", "cases", export, "--from", "testrail-xml", "--into", target]) for _ in range(3)]
    rows.append(f"| the same export imported again: every case matched by source-id, none changed, nothing written | "
                f"{statistics.median(r[0] for r in again):.2f} s | — | — |")
    for kind in ["csv", "xlsx"]:
        timings = [run([binary, "export", "cases", target, "--format", kind, "-o", os.path.join(work, f"cases.{kind}")]) for _ in range(3)]
        rows.append(f"| `casebook export cases --format {kind}` of the 50,000 imported cases | {statistics.median(r[0] for r in timings):.2f} s | — | — |")
    subprocess.run(["rm", "-rf"] + targets, check=True)
    return measures_table([
        f"A TestRail suite export generated by `scripts/bench.py` ({size:.0f} MB): 50,000 cases of three separated steps each, "
        "references, estimates, a dropdown field. Median of 3 runs, each into a new folder.",
    ], rows)


def measures_table(intro, rows):
    """Prints the rows as they come and answers the section: its introduction and a table of measures."""
    for row in rows:
        print(row, flush=True)
    return "\n".join(intro + ["", "| measure | result | target | |", "|---|---|---|---|"] + rows)


def replace_section(text, name, body):
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        return text[: text.index(start)] + block + text[text.index(end) + len(end):]
    return text.rstrip() + "\n\n" + block + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True, help="folder for the generated repositories (kept between runs)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", help="comma-separated sections to run (validate, server, results, web, diff, migration); default all")
    arguments = parser.parse_args()
    os.makedirs(arguments.work, exist_ok=True)
    binary = os.path.abspath(arguments.binary)

    text = open(arguments.out).read() if os.path.exists(arguments.out) else "# Benchmarks\n"
    before = machine_speed()
    sections = arguments.only.split(",") if arguments.only else ["validate", "server", "results", "web", "diff", "migration"]
    if "validate" in sections:
        text = replace_section(text, "validate", bench_validate(binary, arguments.work))
    if "server" in sections:
        text = replace_section(text, "server", bench_server(binary, arguments.work))
    if "results" in sections:
        text = replace_section(text, "results", bench_results(binary, arguments.work))
    if "web" in sections:
        text = replace_section(text, "web", bench_web(binary, arguments.work))
    if "diff" in sections:
        text = replace_section(text, "diff", bench_diff(binary, arguments.work))
    if "migration" in sections:
        text = replace_section(text, "migration", bench_migration(binary, arguments.work))
    after = machine_speed()
    stamp = (f"Last run {datetime.date.today().isoformat()} on {machine()}, release build.\n"
             f"The machine's speed swings from one hour to the next, so it is measured before and after the run: "
             f"a fixed CPU-bound loop took {before[0]:.2f} s and {after[0]:.2f} s alone (the lower, the faster), and two "
             f"copies of it together got {before[1]:.2f} and {after[1]:.2f} cores' worth of work (2.00 would be two full cores).")
    text = replace_section(text, "machine", stamp)
    with open(arguments.out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
