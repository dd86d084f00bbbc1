#!/usr/bin/env python3
"""Runs each libFuzzer target of `casebook-fuzz` for a set time (`make fuzz`).

Seeds come from the project's own files: sample-repo/, the test fixtures and a few hand-made
inputs per target; the corpus each run grows is kept in the work folder for the next run. A
crash, a leak or a timeout stops the target: its input is written to WORK/crashes/ and the script
exits 1. Copy such an input to Tests/casebookTests/FuzzFindings/TARGET/ once fixed: the tests run
every file there through the target.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import replace_section  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = ["yaml", "repository", "server-config", "junit", "json", "multipart", "header", "query", "case-export", "html"]
# The order of FuzzTarget.load's paths: the first byte of a repository input picks the kind of file.
KINDS = {"cases": 0, "group": 1, "shared-steps": 2, "plans": 3, "casebook": 4}


def yaml_files():
    files = glob.glob(os.path.join(ROOT, "sample-repo", "**", "*.yaml"), recursive=True)
    files += glob.glob(os.path.join(ROOT, "Tests", "**", "Fixtures", "**", "*.yaml"), recursive=True)
    return sorted(files)


def kind(path):
    name = os.path.basename(path)
    if name == "casebook.yaml":
        return KINDS["casebook"]
    if name == "group.yaml":
        return KINDS["group"]
    for folder in ("shared-steps", "plans"):
        if f"/{folder}/" in path:
            return KINDS[folder]
    return KINDS["cases"]


def seeds(target):
    """The seed inputs of target, as bytes."""
    if target == "yaml":
        return [open(f, "rb").read() for f in yaml_files()]
    if target == "repository":
        return [bytes([kind(f)]) + open(f, "rb").read() for f in yaml_files()]
    if target == "server-config":
        return [b"host: 0.0.0.0\nport: 9090\nlog-level: warning\nprojects:\n  - ../shop\n  - { path: /srv/m, branch: main, remote: origin }\n",
                b"projects: [a]\nidle-timeout: 0\naccess-log: off\n"]
    if target == "junit":
        return [b'<?xml version="1.0"?><testsuites><testsuite name="s"><testcase classname="a.B" name="SHOP-1 works" time="0.5">'
                b'<failure message="m">x</failure></testcase><testcase name="c" status="disabled"/></testsuite></testsuites>',
                b'<testsuite><testcase name="SHOP-2"><skipped/><system-out>&amp;</system-out></testcase></testsuite>']
    if target == "json":
        return [b'{"results":[{"case":"SHOP-1","device":"d1","status":"passed","duration":1.5,"notes":"ok","defects":["B-1"]}]}',
                b'[1, -2.5e3, true, false, null, "\\u00e9\\n", {"a": []}]']
    if target == "multipart":
        return [b'--B\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--B--\r\n',
                b'--B\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--B--\r\n']
    if target == "header":
        return [b'attachment; filename="a b.txt"; filename*=UTF-8\'\'a%20b.txt', b'multipart/form-data; boundary="B"']
    if target == "query":
        return [b"limit=10&cursor=5&tag=a&tag=b&field.component=web", b"l%69mit=1&%E2%82%AC=x+y"]
    if target == "case-export":
        # The first byte picks the format: TestRail XML, TestLink XML, TestRail CSV, a mapping file.
        folder = os.path.join(os.path.dirname(__file__), "..", "Tests", "casebookTests", "Imports")
        formats = {"testrail-small.xml": 0, "testlink.xml": 1, "testrail.csv": 2, "spreadsheet-map.yaml": 3}
        return [bytes([kind]) + open(os.path.join(folder, name), "rb").read() for name, kind in formats.items()]
    if target == "html":
        return [b'<p>One &amp; <b>two</b></p><ol><li>A</li><li>B<ul><li>c</li></ul></li></ol><a href="https://x.test">x</a>&#x21;<br/>',
                b'<h2>T</h2><pre>code</pre><table><tr><td>a</td></tr></table>']
    sys.exit(f"no seeds for {target}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--seconds", type=int, default=60, help="how long each target runs")
    parser.add_argument("--only", help="comma-separated targets; default all")
    parser.add_argument("--out", help="BENCHMARKS.md, to write the totals into")
    arguments = parser.parse_args()
    targets = arguments.only.split(",") if arguments.only else TARGETS
    crashes = os.path.join(arguments.work, "crashes")
    os.makedirs(crashes, exist_ok=True)
    failed, total, rows = [], 0, []
    for target in targets:
        seed_folder = os.path.join(arguments.work, "seeds", target)
        corpus = os.path.join(arguments.work, "corpus", target)
        os.makedirs(seed_folder, exist_ok=True)
        os.makedirs(corpus, exist_ok=True)
        for number, seed in enumerate(seeds(target)):
            with open(os.path.join(seed_folder, f"seed-{number}"), "wb") as f:
                f.write(seed)
        command = [arguments.binary, f"-max_total_time={arguments.seconds}", "-timeout=10", "-rss_limit_mb=2048", "-max_len=65536",
                   f"-artifact_prefix={crashes}/{target}-", "-print_final_stats=1", corpus, seed_folder]
        suppressions = os.path.join(ROOT, "scripts", "lsan-suppressions.txt")
        # Without Swift's backtracer: on a crash its helper kept the output open, and the run waited for ever.
        environment = dict(os.environ, CASEBOOK_FUZZ_TARGET=target, LSAN_OPTIONS=f"suppressions={suppressions}", SWIFT_BACKTRACE="enable=no")
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        runs = re.search(r"stat::number_of_executed_units:\s+(\d+)", result.stderr)
        count = int(runs.group(1)) if runs else 0
        total += count
        corpus_size = len(os.listdir(corpus))
        rows.append(f"| {target} | {count:,} | {corpus_size:,} | {'**failed**' if result.returncode else 'none'} |")
        if result.returncode != 0:
            failed.append(target)
            print(f"{target}: FAILED after {count:,} runs (exit {result.returncode})\n" + result.stderr[-4000:], flush=True)
        else:
            print(f"{target}: {count:,} runs in {arguments.seconds} s, no crash", flush=True)
    print(f"{total:,} runs over {len(targets)} targets")
    if arguments.out:
        text = open(arguments.out).read() if os.path.exists(arguments.out) else "# Benchmarks\n"
        section = "\n".join([
            f"`make fuzz` ({time.strftime('%Y-%m-%d')}, {arguments.seconds} s a target, libFuzzer with AddressSanitizer; "
            "the corpus grows from run to run in the work folder):",
            "",
            "| target | inputs run | corpus | crashes, leaks, timeouts |",
            "|---|---:|---:|---|",
        ] + rows + [f"| all | {total:,} | | {len(failed)} failed |"])
        with open(arguments.out, "w") as f:
            f.write(replace_section(text, "fuzz", section))
    print(f"fuzz: {len(targets) - len(failed)} passed, {len(failed)} failed")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
