#!/usr/bin/env python3
"""Times whole builds: wall time and peak memory (max RSS) per run, median of N.

Each build runs as its own process and is measured with os.wait4, so the
memory figure is that build's alone.

usage: bench.py --runs 5 -- COMMAND ARGS...
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def measure(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024  # MiB


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--label", default="")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    results = [measure(cmd) for _ in range(args.runs)]
    walls = [w for w, _ in results]
    mems = [m for _, m in results]
    print(
        f"{args.label or ' '.join(cmd)}: median {statistics.median(walls) * 1000:.0f} ms "
        f"(min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f}), "
        f"peak memory median {statistics.median(mems):.0f} MiB, over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
