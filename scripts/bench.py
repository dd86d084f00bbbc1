#!/usr/bin/env python3
"""Measures casebook on generated repositories and writes the tables into BENCHMARKS.md.

Run through `make bench` (release build first). Each benchmark section of BENCHMARKS.md sits
between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` and is replaced whole; the rest of the
file is kept.
"""
import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
import time


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


def parallel_efficiency():
    """How much two busy processes slow each other: 2.0 means two cores' worth of work."""
    loop = "import time; t = time.perf_counter(); sum(i * i for i in range(6_000_000)); print(time.perf_counter() - t)"
    alone = float(subprocess.run([sys.executable, "-c", loop], capture_output=True, text=True).stdout)
    pair = [subprocess.Popen([sys.executable, "-c", loop], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    together = max(float(p.communicate()[0]) for p in pair)
    return 2 * alone / together


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
    return "\n".join(header + rows)


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
    arguments = parser.parse_args()
    os.makedirs(arguments.work, exist_ok=True)
    binary = os.path.abspath(arguments.binary)

    text = open(arguments.out).read() if os.path.exists(arguments.out) else "# Benchmarks\n"
    stamp = (f"Last run {datetime.date.today().isoformat()} on {machine()}, release build.\n"
             f"Two CPU-bound processes run together get {parallel_efficiency():.2f} cores' worth of work "
             "(2.00 would be two full cores).")
    text = replace_section(text, "machine", stamp)
    text = replace_section(text, "validate", bench_validate(binary, arguments.work))
    with open(arguments.out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
