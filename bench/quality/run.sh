#!/usr/bin/env bash
# The 60-minute quality run (docs/RESULTS.md): nmt4j with configs/spa-eng-cpu.yaml and the
# project's plain-PyTorch reference (bench/reference) with its own recipe, each for the same
# training-time budget on the same machine, one after the other (never at once), both on the same
# split (default ../shared/data/spa-eng), then both scored the same way: the distinct sources of
# dev.tsv and test.tsv (bench/reference/prepare.sh groups them), greedy and
# beam 4 (length penalty 0.6), every translation of a source a reference, by ./nmt score
# (sacreBLEU 2.6.0's BLEU and chrF). nmt4j is scored twice: its last checkpoint and the average of
# its last 6 (./nmt average). The resident memory of each training process is sampled every 10 s.
# Prints the markdown table of docs/RESULTS.md; everything else stays in OUT.
#
#   bench/quality/run.sh [--out DIR] [--minutes M] [--threads T] [--only nmt4j|reference]
#                        [--data DIR] [--tokenizer FILE]
#     --out      where the runs go (default /tmp/nmt4j-quality; keep it outside the repository)
#     --minutes  the training-time budget of each system (default 60)
#     --threads  intra-op threads of both (default: every core)
#     --only     train only one system (the other is scored when OUT already holds it)
#     --data     train.tsv, dev.tsv and test.tsv (default ../shared/data/spa-eng beside the checkout)
#     --tokenizer  the reference's SentencePiece model (default: trained by bench/reference/prepare.sh
#                with ./nmt prepare); nmt4j trains its own, as spa-eng-cpu.yaml says
# A system whose run is already in OUT (OUT/nmt4j/last, OUT/reference/model.pt) is not trained again.
# The reference runs on the C allocator ./nmt gives nmt4j: tcmalloc when libtcmalloc-minimal4 is
# installed (LD_PRELOAD; docs/BENCHMARKS.md, "Allocator"), so that neither trains on glibc's page faults.
# Needs: Debian's python3-torch and libopenblas0-pthread (bench/reference/README.md), the --data
# split, and an otherwise idle machine for about 2 h 20 min.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

out=/tmp/nmt4j-quality
minutes=60
threads="$(nproc)"
only=""
data="$root/../shared/data/spa-eng"
tokenizer=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --tokenizer) tokenizer="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "bench/quality/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$only" in "" | nmt4j | reference) ;; *) echo "bench/quality/run.sh: --only must be nmt4j or reference, not '$only'" >&2; exit 2 ;; esac
ref_src="$root/bench/reference"
[ -f "$data/train.tsv" ] || { echo "bench/quality/run.sh: $data/train.tsv not found: pass --data DIR with train.tsv, dev.tsv and test.tsv (English<TAB>Spanish), e.g. a split of what './nmt download spa-eng' fetches" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "bench/quality/run.sh: the reference needs Debian's torch: apt-get install -y python3-torch libopenblas0-pthread" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
data="$(cd "$data" && pwd)"
nmt_run="$out/nmt4j"
ref_work="$out/reference"
ref_preload=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -f "$ref_preload" ] || ref_preload=""
./nmt --version >/dev/null
# the reference's tokenizer and ids, and the sources and references of dev and test grouped by
# source, which both systems translate and are scored against
if [ ! -f "$ref_work/test.src.ids" ]; then
  echo "== reference: prepare.sh (log: $out/reference-prepare.log)" >&2
  "$ref_src/prepare.sh" --data "$data" --work "$ref_work" ${tokenizer:+--tokenizer "$tokenizer"} >"$out/reference-prepare.log" 2>&1 ||
    { tail -5 "$out/reference-prepare.log" >&2; echo "bench/quality/run.sh: bench/reference/prepare.sh failed (log: $out/reference-prepare.log)" >&2; exit 1; }
fi

# sample_rss PID FILE: "unix-seconds VmRSS-kB" every 10 s while PID lives
sample_rss() {
  while kill -0 "$1" 2>/dev/null; do
    echo "$(date +%s) $(awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null)" >>"$2"
    sleep 10
  done
}
# stamp: prefix each line with the unix time (the reference's log has no clock)
stamp() { while IFS= read -r line; do printf '%(%s)T %s\n' -1 "$line"; done; }

if [ "$only" != reference ] && [ ! -e "$nmt_run/last" ]; then
  echo "== nmt4j: $minutes min of training, $threads thread(s)" >&2
  # the peer's split, not the download the config reads (comparable with docs/RESULTS.md)
  NMT_THREADS="$threads" ./nmt train --config configs/spa-eng-cpu.yaml --no-progress \
    --set data.format=tsv --set "data.train=$data/train.tsv" --set "data.dev=$data/dev.tsv" \
    --set "data.test=$data/test.tsv" --set run_dir="$nmt_run" --set train.max_minutes="$minutes" >"$out/nmt4j.log" 2>&1 &
  pid=$!
  sample_rss "$pid" "$out/nmt4j.rss" &
  wait "$pid"
fi
if [ "$only" != nmt4j ] && [ ! -f "$ref_work/model.pt" ]; then
  echo "== reference: $minutes min of training, $threads thread(s)" >&2
  env ${ref_preload:+LD_PRELOAD="$ref_preload"} /usr/bin/python3 "$ref_src/train.py" --work "$ref_work" \
    --gemm onednn --threads "$threads" --max-minutes "$minutes" --seed 1 > >(stamp >"$out/reference.log") 2>&1 &
  pid=$!
  sample_rss "$pid" "$out/reference.rss" &
  wait "$pid" || { tail -5 "$out/reference.log" >&2; echo "bench/quality/run.sh: bench/reference/train.py failed (log: $out/reference.log)" >&2; exit 1; }
  wait
fi
have_nmt=false; [ -e "$nmt_run/last" ] && have_nmt=true
have_ref=false; [ -f "$ref_work/model.pt" ] && have_ref=true

# the averaged model: the last 6 checkpoints (train.keep_last of spa-eng-cpu.yaml)
! $have_nmt || [ -f "$nmt_run/averaged-last6/model.params" ] || ./nmt average --run "$nmt_run" --last 6 >/dev/null 2>"$out/average.log"

# score SPLIT HYP: "BLEU chrF" of HYP against the split's references (empty line = none)
score() {
  local refs=()
  for r in "$ref_work/$1".ref*; do refs+=(--ref "$r"); done
  ./nmt score --hyp "$2" "${refs[@]}" 2>/dev/null | awk '/^BLEU/ {b=$3} /^chrF/ {c=$3} END {print b, c}'
}
mkdir -p "$out/hyp"
for split in dev test; do
  for mode in greedy beam; do
    beam=1; [ "$mode" = greedy ] || beam=4
    for model in last averaged; do
      $have_nmt || continue
      hyp="$out/hyp/nmt4j-$model.$split.$mode"
      dir="$nmt_run/averaged-last6"; [ "$model" = averaged ] || dir="$nmt_run/last"
      [ -s "$hyp" ] || NMT_THREADS="$threads" ./nmt translate --no-progress --model "$dir" --beam "$beam" \
        --length-penalty 0.6 --input "$ref_work/$split.src" --output "$hyp" 2>"$hyp.log"
    done
    ! $have_ref || [ -s "$ref_work/$split.$mode.hyp" ] || env ${ref_preload:+LD_PRELOAD="$ref_preload"} \
      /usr/bin/python3 "$ref_src/translate.py" --work "$ref_work" --gemm onednn \
      --threads "$threads" --mode "$mode" --splits "$split" >"$out/hyp/reference.$split.$mode.log" 2>&1
  done
done

steps_nmt="-"; minutes_nmt="-"; steps_ref="-"; minutes_ref="-"
! $have_nmt || steps_nmt="$(grep -o '"step":[0-9]*' "$nmt_run/metrics.jsonl" | tail -1 | cut -d: -f2)"
! $have_nmt || minutes_nmt="$(grep -o '"train_s":[0-9.]*' "$nmt_run/metrics.jsonl" | tail -1 | cut -d: -f2 | awk '{printf "%.1f", $1 / 60}')"
! $have_ref || steps_ref="$(sed -n 's/.*saved .* after \([0-9]*\) steps, training \([0-9.]*\) min.*/\1/p' "$out/reference.log")"
! $have_ref || minutes_ref="$(sed -n 's/.*saved .* after \([0-9]*\) steps, training \([0-9.]*\) min.*/\2/p' "$out/reference.log")"
# peak_rss FILE: the largest sample, in MB
peak_rss() { [ -s "$1" ] && awk '$2 > m {m = $2} END {printf "%.0f", m / 1024}' "$1" || echo "-"; }

echo "Processor: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores), $threads thread(s) each;" \
  "the reference on $([ -n "$ref_preload" ] && echo tcmalloc || echo glibc);" \
  "$(date -u '+%Y-%m-%d'); commit $(git rev-parse --short HEAD); bench/quality/run.sh --minutes $minutes"
echo
echo "| system | steps | training min | peak RSS MB | dev greedy BLEU / chrF | dev beam 4 | test greedy | test beam 4 |"
echo "| --- | ---: | ---: | ---: | --- | --- | --- | --- |"
# row NAME STEPS MINUTES RSS PATTERN: PATTERN names a hypothesis file, SPLIT and MODE replaced
row() {
  local name="$1" steps="$2" mins="$3" rss="$4" pattern="$5" cells="" hyp
  for split in dev test; do
    for mode in greedy beam; do
      hyp="${pattern//SPLIT/$split}"
      hyp="${hyp//MODE/$mode}"
      cells="$cells $(score "$split" "$hyp" | awk '{printf "%s / %s", $1, $2}') |"
    done
  done
  echo "| $name | $steps | $mins | $rss |$cells"
}
rss_nmt="$(peak_rss "$out/nmt4j.rss")"
! $have_nmt || row "nmt4j, spa-eng-cpu.yaml, last checkpoint" "$steps_nmt" "$minutes_nmt" "$rss_nmt" "$out/hyp/nmt4j-last.SPLIT.MODE"
! $have_nmt || row "nmt4j, spa-eng-cpu.yaml, mean of the last 6 checkpoints" "$steps_nmt" "$minutes_nmt" "$rss_nmt" "$out/hyp/nmt4j-averaged.SPLIT.MODE"
! $have_ref || row "reference (plain PyTorch, bench/reference, its own recipe)" "$steps_ref" "$minutes_ref" "$(peak_rss "$out/reference.rss")" "$ref_work/SPLIT.MODE.hyp"
