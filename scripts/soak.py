#!/usr/bin/env python3
"""`make soak`: serves a generated 100,000-case repository and, for a bounded time, reads it
under load while commits land, older revisions are read and results are written; then checks
that every acknowledged result is stored, and prints errors and RSS over time. Loopback only;
it stops by itself. The figures go into BENCHMARKS.md's Robustness section.
"""
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import generate, http, replace_section, rss_mb, start_server, write_token  # noqa: E402


class Tally:
    """Counts shared by the load's threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.errors = []

    def add(self, name, amount=1):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + amount

    def error(self, what):
        with self.lock:
            self.errors.append(what)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    os.makedirs(arguments.work, exist_ok=True)

    source = generate(binary, arguments.work, 100_000)
    clone = os.path.join(arguments.work, "soak-100000")
    subprocess.run(["rm", "-rf", clone], check=True)
    subprocess.run(["git", "clone", "-q", "--no-local", source, clone], check=True)
    with open(os.path.join(clone, "plans", "soak.yaml"), "w") as f:
        f.write("id: PLAN-SOAK\ntitle: Every case\ninclude:\n  - priority: [critical, high, medium, low]\n")
    subprocess.run(["git", "-C", clone, "add", "-A"], check=True)
    subprocess.run(["git", "-C", clone, "commit", "-qm", "A plan of every case"], check=True)
    database = os.path.join(arguments.work, "soak-db", "casebook.sqlite")
    subprocess.run(["rm", "-rf", os.path.dirname(database)], check=True)
    token = write_token(binary, database, "soak")
    server, base = start_server(binary, ["--project", clone, "--database", database, "--anonymous-read"])
    tally, stop = Tally(), threading.Event()
    expected, rss = {}, [(0, rss_mb(server.pid))]
    started = time.perf_counter()
    try:
        run = json.loads(http("POST", base + "/api/v1/projects/GEN/runs", json.dumps({"plan": "PLAN-SOAK", "build": "soak"}).encode(), token))["run"]["id"]

        def guarded(name, body):
            def loop():
                while not stop.is_set():
                    try:
                        body()
                    except (urllib.error.URLError, OSError, ValueError) as error:
                        tally.error(f"{name}: {error}")
                        time.sleep(0.2)
            return threading.Thread(target=loop, name=name)

        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(clone, "cases")) for f in fs if f != "group.yaml")
        commit_round = [0]

        def land_commit():
            commit_round[0] += 1
            for path in random.sample(files, 10):
                with open(path) as f:
                    text = f.read()
                with open(path, "w") as f:
                    f.write(re.sub(r"(?m)^title: ", "title: Soaked ", text, count=1))
            subprocess.run(["git", "-C", clone, "commit", "-qam", f"Soak {commit_round[0]}"], check=True)
            outcome = json.loads(http("POST", base + "/api/v1/projects/GEN/refresh", None, token))
            tally.add("commits")
            if outcome.get("error"):
                tally.error(f"refresh: {outcome['error']}")
            stop.wait(3)

        statuses = ["passed", "failed", "blocked", "skipped", "retest"]

        def write_results():
            batch = {f"GEN-{random.randint(1, 100_000)}": random.choice(statuses) for _ in range(50)}
            body = json.dumps({"results": [{"case": case, "status": status} for case, status in batch.items()]}).encode()
            answer = json.loads(http("POST", f"{base}/api/v1/projects/GEN/runs/{run}/results", body, token))
            if answer.get("recorded") != len(batch):
                tally.error(f"results: recorded {answer.get('recorded')} of {len(batch)}")
                return
            with tally.lock:
                expected.update(batch)
            tally.add("results", len(batch))

        def read_old_revisions():
            back = random.randint(1, max(1, commit_round[0]))
            http("GET", f"{base}/api/v1/projects/GEN/cases/GEN-{random.randint(1, 100_000)}?ref=HEAD~{back}")
            tally.add("old revision reads")

        def read_cases():
            http("GET", f"{base}/api/v1/projects/GEN/cases/GEN-{random.randint(1, 100_000)}")
            tally.add("case reads")

        def sample_memory():
            stop.wait(5)
            rss.append((time.perf_counter() - started, rss_mb(server.pid)))

        threads = [guarded("commits", land_commit), guarded("results", write_results), guarded("old revisions", read_old_revisions),
                   guarded("memory", sample_memory)] + [guarded(f"reads {n}", read_cases) for n in range(4)]
        for thread in threads:
            thread.start()
        stop.wait(arguments.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        load_ended = time.perf_counter()
        time.sleep(10)
        rss.append((time.perf_counter() - started, rss_mb(server.pid)))

        stored, cursor = {}, None
        while True:
            page = json.loads(http("GET", f"{base}/api/v1/projects/GEN/runs/{run}/executions?limit=500" + (f"&cursor={cursor}" if cursor else ""), None, token))
            for execution in page["executions"]:
                stored[execution["case"]] = execution["status"]
            cursor = page.get("nextCursor")
            if not cursor:
                break
        lost = sum(1 for case, status in expected.items() if stored.get(case) != status)
        alive = http("GET", base + "/health/live")
    finally:
        stop.set()
        server.terminate()
        server.wait()

    after = [m for t, m in rss if t >= load_ended - started]
    rows = [
        f"| load | {arguments.seconds} s: 4 readers of random cases, {tally.counts.get('case reads', 0):,} reads; "
        f"{tally.counts.get('commits', 0)} commits of 10 changed cases, each refreshed; {tally.counts.get('old revision reads', 0):,} reads at older commits; "
        f"{tally.counts.get('results', 0):,} results in bulks of 50 |",
        f"| errors | {len(tally.errors)}" + (f" (first: {tally.errors[0]})" if tally.errors else "") + " |",
        f"| results acknowledged but not stored as last written | {lost} of {len(expected):,} cases written |",
        f"| server alive at the end | {'yes' if 'live' in alive else 'no'} |",
        f"| RSS over time (s: MB) | {', '.join(f'{t:.0f}: {m:.0f}' for t, m in rss)} |",
        f"| RSS 10 s after the load, against the start | {after[-1]:.0f} MB against {rss[0][1]:.0f} MB ({after[-1] / rss[0][1]:.2f}×) |",
    ]
    for row in rows:
        print(row, flush=True)
    section = "\n".join([
        f"`make soak` ({time.strftime('%Y-%m-%d')}): `casebook serve` on the generated 100,000-case repository, read from git, with",
        "a run of every case in the sidecar database, all over loopback on the same 2 cores.",
        "",
        "| measure | result |",
        "|---|---|",
    ] + rows)
    path = arguments.out
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    with open(path, "w") as f:
        f.write(replace_section(text, "soak", section))
    if tally.errors or lost:
        sys.exit(1)


if __name__ == "__main__":
    main()
