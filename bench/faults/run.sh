#!/usr/bin/env bash
# The long variant of the kill-and-resume test (not part of ./mvnw verify, which runs one kill of
# each of the 6 kinds): KillAndResumeTest with many SIGKILLs at seeded points of a training run's
# changes to its run directory (writes inside a checkpoint, its rename, link updates, deletions of
# old checkpoints, lines of metrics.jsonl, any change), a resume after each, and the final
# parameters, checkpoints and metrics compared with an uninterrupted run (docs/RELIABILITY.md).
#   bench/faults/run.sh [--kills N] [--seed S]      default: 24 kills, seed 7
# Prints one line per kill and the summary; writes them to runs/bench-faults/report.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
kills=24 seed=7
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "bench/faults/run.sh: unknown option $1 (use --kills N, --seed S)" >&2; exit 2 ;;
  esac
done
out="$root/runs/bench-faults"
mkdir -p "$out"
rm -f "$out/report.txt"
start=$(date +%s)
if ! ./mvnw -B -o -q -pl train -am test -Dtest=KillAndResumeTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Dnmt.faults.kills="$kills" -Dnmt.faults.seed="$seed" \
  -Dnmt.faults.report="$out/report.txt" >"$out/mvn.log" 2>&1; then
  grep -E "FAIL|expected|ended before" "$out/mvn.log" | head -20 >&2 || true
  echo "bench/faults/run.sh: FAILED ($kills kills, seed $seed); log in $out/mvn.log" >&2
  exit 1
fi
cat "$out/report.txt"
echo "bench/faults/run.sh: passed in $(( $(date +%s) - start )) s on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') ($(nproc) CPUs), $(date -u +%Y-%m-%d)"
