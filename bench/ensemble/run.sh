#!/usr/bin/env bash
# Ensemble decoding against each of its members alone (docs/RESULTS.md, "Ensembles"): BLEU, chrF
# and sentences/s of ./nmt evaluate on the distinct sources of a test file (default: the dev split
# of the shared spa-eng corpus, bench/lib.sh), greedy and beam 4, for a run's last checkpoint, the
# average of its last N checkpoints (./nmt average, written into --out, never into the run), and
# the ensemble of the two (--model twice). Every other search setting is the model's own. The
# cells are interleaved (for each round, for each search: last, average, ensemble in turn), so
# drift on the machine touches all alike; the speed is the median over the rounds, BLEU the same
# in every round (the script checks). Prints a markdown table and the processor; the raw figures,
# hypotheses and logs stay in --out.
#
#   bench/ensemble/run.sh --run RUN_DIR [--last N] [--test FILE.tsv] [--rounds N] [--out DIR]
#     --run     a training run directory with checkpoints (RUN_DIR/checkpoints/step-*)
#     --last    how many of its newest checkpoints to average (default 2)
#     --test    the test pairs (default: ../shared/data/spa-eng/dev.tsv beside the checkout)
#     --rounds  how many times each cell runs (default 1)
#     --out     where the average, hypotheses and logs go (default runs/bench-ensemble)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

run=""
last=2
test_tsv=""
rounds=1
out="runs/bench-ensemble"
while [ $# -gt 0 ]; do
  case "$1" in
    --run) run="$2"; shift 2 ;;
    --last) last="$2"; shift 2 ;;
    --test) test_tsv="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench/ensemble/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"
test_tsv="${test_tsv:-$spa_eng_shared/dev.tsv}"
[ -n "$run" ] || { echo "bench/ensemble/run.sh: give --run RUN_DIR (see --help)" >&2; exit 2; }
[ -f "$test_tsv" ] || { echo "bench/ensemble/run.sh: $test_tsv not found; give --test FILE.tsv" >&2; exit 2; }
checkpoint="$(find "$run/checkpoints" -maxdepth 1 -name 'step-*' -type d 2>/dev/null | sort | tail -1)"
[ -n "$checkpoint" ] ||
  { echo "bench/ensemble/run.sh: $run has no checkpoints/step-*; give a training run" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
average="$out/averaged-last$last"
./nmt --version >/dev/null
[ -d "$average" ] || ./nmt average --run "$run" --last "$last" --output "$average" >"$out/average.log" 2>&1 ||
  { echo "bench/ensemble/run.sh: ./nmt average failed; see $out/average.log" >&2; exit 1; }

cells="last average ensemble"
models() {
  case "$1" in
    last) echo "--model $checkpoint" ;;
    average) echo "--model $average" ;;
    ensemble) echo "--model $checkpoint --model $average" ;;
  esac
}
for r in $(seq "$rounds"); do
  for search in greedy beam4; do
    beam=1
    [ "$search" = greedy ] || beam=4
    for cell in $cells; do
      name="$cell-$search"
      # shellcheck disable=SC2046
      ./nmt evaluate --no-progress $(models "$cell") --beam "$beam" --test "$test_tsv" \
        --hypotheses "$out/$name.r$r.hyp" >"$out/$name.r$r.score" 2>"$out/$name.r$r.log" ||
        { echo "bench/ensemble/run.sh: $name failed; see $out/$name.r$r.log" >&2; exit 1; }
      sed -n 's/^nmt evaluate: .*: \([0-9.]*\) sentences\/s$/\1/p' "$out/$name.r$r.log" >>"$out/$name.speed"
      if [ "$r" -gt 1 ] && ! cmp -s "$out/$name.r1.hyp" "$out/$name.r$r.hyp"; then
        echo "bench/ensemble/run.sh: round $r of $name translated differently from round 1" >&2
        exit 1
      fi
    done
  done
done

score() { sed -n "s/^$1[^=]* = \([0-9.]*\).*/\1/p" "$out/$2.r1.score" | head -1; }
sentences="$(sed -n 's/^nmt evaluate: \([0-9]*\) sentences.*/\1/p' "$out/last-greedy.r1.log")"
echo "$sentences distinct sources of $test_tsv; last checkpoint $checkpoint; average of the last $last: $average; $rounds round(s)"
echo
echo "| search | model | BLEU | chrF | sentences/s |"
echo "| --- | --- | ---: | ---: | ---: |"
for search in greedy beam4; do
  for cell in $cells; do
    name="$cell-$search"
    echo "| ${search/beam4/beam 4} | $cell | $(score BLEU "$name") | $(score chrF "$name") | $(median <"$out/$name.speed") |"
  done
done
echo
echo "processor: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) vCPU,$(grep -q avx512f /proc/cpuinfo && echo ' AVX-512' || echo ' no AVX-512'); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
