#!/usr/bin/env python3
"""What private sites cost (issue 13): the same school built with every class
private and with nothing private, side by side.

    python3 bench/privacy.py [--helder target/release/helder] [--pages 1000]
                             [--classes 24] [--runs 7] [--where DIR ...]

For each folder in --where (default: /dev/shm, a tmpfs, and the repository's
target/ on the real disk) it writes the corpus (bench/corpus.py) three times:
`--private none`, `--private default` (team and training) and
`--private classes` (every class, team and training), then builds them in
turns (none, default, classes, none, ...) --runs times and prints the median
wall time of each and the ratio to `none`. Every build writes the same pages;
the private ones also derive a key per private site and encrypt every page,
file and search index of those sites.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODES = ("none", "default", "classes")


def build(helder, site, out):
    started = time.perf_counter()
    subprocess.run([helder, "build", "--root", site, "--out", out, "--force"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(helder, where, pages, classes, runs):
    work = tempfile.mkdtemp(prefix="helder-privacy-", dir=where)
    try:
        sites = {}
        for mode in MODES:
            sites[mode] = os.path.join(work, mode)
            subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), sites[mode],
                            "--pages", str(pages), "--classes", str(classes), "--private", mode],
                           check=True, stdout=subprocess.DEVNULL)
        times = {mode: [] for mode in MODES}
        for mode in MODES:  # a warm-up build each, not counted
            build(helder, sites[mode], os.path.join(work, f"out-{mode}"))
        for _ in range(runs):
            for mode in MODES:
                times[mode].append(build(helder, sites[mode], os.path.join(work, f"out-{mode}")))
        files = {m: sum(len(f) for _, _, f in os.walk(os.path.join(work, f"out-{m}"))) for m in MODES}
        return times, files
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--helder", default=os.path.join(ROOT, "target", "release", "helder"))
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--classes", type=int, default=24)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--where", nargs="*", default=["/dev/shm", os.path.join(ROOT, "target")])
    args = ap.parse_args()
    print(f"{args.pages} pages x {args.classes} classes, median of {args.runs} interleaved builds each")
    print(f"{'where':<28} {'private':<10} {'median s':>9} {'ratio':>6} {'files':>7}")
    for where in args.where:
        os.makedirs(where, exist_ok=True)
        times, files = measure(args.helder, where, args.pages, args.classes, args.runs)
        base = statistics.median(times["none"])
        for mode in MODES:
            m = statistics.median(times[mode])
            print(f"{where:<28} {mode:<10} {m:>9.2f} {m / base:>6.2f} {files[mode]:>7}")


if __name__ == "__main__":
    main()
