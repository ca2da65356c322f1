#!/usr/bin/env bash
# Training tokens/s of two commits side by side: each is checked out into its own worktree and
# built there by its ./nmt, then configs/spa-eng-peer.yaml is trained in short cells, the commits
# interleaved (A B A B ...), for each thread count (docs/BENCHMARKS.md, "Dropout", is one such
# comparison). Prints a markdown table: the median tokens/s over the logged intervals after the
# first of every cell, and B ÷ A. Both commits train on the shared spa-eng split (bench/lib.sh
# gives its absolute paths with --set, whatever their configs say); the worktrees are made beside
# this checkout (removed at the end).
#
#   bench/ab/run.sh --tokenizer SPM.model A B [--threads "1 2"] [--steps N] [--repeats R]
#     A, B         commits (anything git rev-parse takes)
#     --tokenizer  a SentencePiece model for spa-eng (a run's tokenizer.model), so no cell trains one
#     --threads    intra-op thread counts (default "1 $(nproc)")
#     --steps      training steps per cell (default 40, logged every 10; the first 10 are warm-up)
#     --repeats    cells per commit and thread count (default 2)
# Needs an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

tokenizer=""
threads="1 $(nproc)"
steps=40
repeats=2
revs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tokenizer) tokenizer="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "bench/ab/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    *) revs+=("$1"); shift ;;
  esac
done
[ -f "$tokenizer" ] || { echo "bench/ab/run.sh: --tokenizer '$tokenizer' is not a file; give a spa-eng SentencePiece model" >&2; exit 2; }
[ "${#revs[@]}" -eq 2 ] || { echo "bench/ab/run.sh: give exactly two commits, A and B (see --help)" >&2; exit 2; }
tokenizer="$(cd "$(dirname "$tokenizer")" && pwd)/$(basename "$tokenizer")"
. "$root/bench/lib.sh"
out="$(mktemp -d)"
trees=()
cleanup() {
  for t in ${trees[@]+"${trees[@]}"}; do git -C "$root" worktree remove --force "$t" 2>/dev/null || true; done
  rm -rf "$out"
}
trap cleanup EXIT
names=()
for i in 0 1; do
  sha="$(git rev-parse --short "${revs[$i]}^{commit}")"
  tree="$(dirname "$root")/.nmt4j-ab-$sha-$$"
  git worktree add -q --detach "$tree" "$sha"
  trees+=("$tree")
  names+=("$sha")
  echo "== building $sha" >&2
  (cd "$tree" && ./nmt --version >/dev/null)
done
log_every=10
for t in $threads; do
  for r in $(seq "$repeats"); do
    for i in 0 1; do
      echo "== $t thread(s), repeat $r: ${names[$i]} (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
      (cd "${trees[$i]}" && nmt4j_train_cell "$out/cell" "$tokenizer" "$steps" "$log_every" \
        "$out/$i-$t.tps" "$out/$i.log" NMT_THREADS="$t")
    done
  done
done

echo "Processor: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores); $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "bench/ab/run.sh ${names[0]} ${names[1]} --steps $steps --repeats $repeats"
echo
echo "| threads | ${names[0]} tokens/s | ${names[1]} tokens/s | ${names[1]} ÷ ${names[0]} |"
echo "| ---: | ---: | ---: | ---: |"
for t in $threads; do
  a="$(median <"$out/0-$t.tps")"; b="$(median <"$out/1-$t.tps")"
  echo "| $t | $a | $b | $(ratio "$b" "$a") |"
done
