#!/usr/bin/env bash
# The test suite's cold build, warm relink and run, for each commit given,
# one after the other, each in a fresh clone with an empty target folder.
#   bench/test-suite-times.sh f54e00f 276ae78
set -euo pipefail
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timed() { /usr/bin/time -f "%e s wall, %U s user, %S s sys" "$@" 2>&1 >/dev/null | tail -1; }
for commit in "$@"; do
  git clone -q "$repo" "$work/$commit"
  cd "$work/$commit"
  git checkout -q "$commit"
  echo "== $(git log --oneline -1)"
  echo "cold  cargo test --no-run: $(timed cargo test --locked --no-run)"
  touch src/lib.rs
  echo "warm  cargo test --no-run: $(timed cargo test --locked --no-run)"
  /usr/bin/time -f "%e s wall, %U s user, %S s sys" cargo test --locked >"$work/$commit.log" 2>&1 || true
  echo "run   cargo test: $(tail -1 "$work/$commit.log")"
  grep -E '^test result' "$work/$commit.log" | awk '{p += $4; f += $6} END {print "      tests passed", p, "failed", f}'
  cd "$repo"
done
