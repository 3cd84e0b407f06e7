#!/bin/sh
# The criterion benchmark "demo/plain-language analysis" measured in CPU time
# rather than wall time, for a machine shared with other builds (where wall
# time swings by 2x). Usage: bench/cpu-time-bench.sh BENCH_BINARY...
# (the binary is target/release/deps/pipeline-*, from
# `cargo bench --bench pipeline --no-run`; copy it away to compare commits).
# Prints per binary: iterations, CPU ms per iteration (the process's
# task-clock minus its set-up, over the measured and warm-up iterations) and
# MiB/s of the demo's Markdown. Needs `perf`.
set -e
for bin in "$@"; do
    dir=$(mktemp -d)
    (
        cd "$dir"
        perf stat -x, -e task-clock "$bin" --bench "no-benchmark-has-this-name" >/dev/null 2>setup.txt
        perf stat -x, -e task-clock "$bin" --bench "plain-language" --warm-up-time 1 \
            --measurement-time 10 --noplot >out.txt 2>perf.txt
    )
    python3 - "$dir" "$bin" <<'PY'
import glob, json, sys
d, name = sys.argv[1], sys.argv[2]
def task_clock(f):
    return float(open(f"{d}/{f}").read().strip().splitlines()[-1].split(",")[0])
found = glob.glob(f"{d}/target/criterion/demo/plain-language*/new/")[0]
sample = json.load(open(found + "sample.json"))
bench = json.load(open(found + "benchmark.json"))
iters = sum(sample["iters"])
wall_per_iter = sum(sample["times"]) / 1e6 / iters
warm_up = 1000.0 / wall_per_iter  # about one second of iterations
cpu = (task_clock("perf.txt") - task_clock("setup.txt")) / (iters + warm_up)
mib_s = bench["throughput"]["Bytes"] / (cpu / 1000) / 1048576
print(f"{name}: {iters:.0f} iterations, CPU {cpu:.3f} ms/iteration, {mib_s:.2f} MiB/s")
PY
    rm -rf "$dir"
done
