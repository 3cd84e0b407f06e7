#!/usr/bin/env python3
"""Times whole builds: wall time and peak memory (max RSS) per run, median of N.

Each build runs as its own process and is measured with os.wait4, so the
memory figure is that build's alone. bench/compare.py uses measure() too.

usage: bench.py --runs 5 -- COMMAND ARGS...
"""
import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time


class Failed(Exception):
    """The command exited non-zero; the message is the end of its stderr."""


def measure(cmd, timeout=None):
    """Runs cmd once: (wall seconds, peak RSS in MiB, CPU seconds of user +
    system time in all threads, of which system time). Raises Failed when it exits non-zero,
    TimeoutError when it runs past timeout seconds (it and its children are
    killed). stderr goes to a file, so a chatty command cannot fill a pipe
    and stall."""
    with tempfile.TemporaryFile() as err:
        lock = threading.Lock()
        state = {"done": False, "killed": False}

        def kill():
            with lock:
                if not state["done"]:
                    state["killed"] = True
                    os.killpg(proc.pid, signal.SIGKILL)

        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C: don't leave the build running
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        wall = time.perf_counter() - start
        with lock:
            state["done"] = True
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if state["killed"]:
            raise TimeoutError(f"did not finish in {timeout:g} s: {' '.join(cmd)}")
        if proc.returncode != 0:
            err.seek(0)
            text = err.read().decode(errors="replace")
            raise Failed(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{text[-4000:]}")
    # ru_maxrss is in KiB on Linux
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--label", default="")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    try:
        results = [measure(cmd) for _ in range(args.runs)]
    except Failed as e:
        sys.exit(str(e))
    walls = [r[0] for r in results]
    mems = [r[1] for r in results]
    print(
        f"{args.label or ' '.join(cmd)}: median {statistics.median(walls) * 1000:.0f} ms "
        f"(min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f}), "
        f"peak memory median {statistics.median(mems):.0f} MiB, over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
