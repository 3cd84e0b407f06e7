#!/usr/bin/env bash
# Build benchmarks of helder: the demo school and generated schools.
# usage: bench/run.sh            (median of 5 runs each)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/helder
# Output goes to OUT_BASE (default: a temporary folder on this disk); set
# OUT_BASE=/dev/shm to measure helder's own work without the disk.
work=$(mktemp -d)
out_base=${OUT_BASE:-$work}
trap 'rm -rf "$work"' EXIT
python3 bench/bench.py --runs 5 --label "demo school" -- $bin build --out "$out_base/demo-out"
for spec in "1000 24" "1000 0" "5000 24"; do
  set -- $spec
  python3 bench/corpus.py "$work/site-$1-$2" --pages "$1" --classes "$2" >/dev/null
  python3 bench/bench.py --runs 5 --label "$1 pages, $2 classes" -- $bin build --root "$work/site-$1-$2" --out "$out_base/out-$1-$2"
done
