#!/usr/bin/env bash
# The 60-minute quality run (docs/RESULTS.md): nmt4j with configs/spa-eng-cpu.yaml and the
# plain-PyTorch peer in ../shared/bench/peer with its own recipe, each for the same training-time
# budget on the same machine, one after the other (never at once), then both scored the same way:
# the distinct sources of dev.tsv and test.tsv (the peer's prepare.sh groups them), greedy and
# beam 4 (length penalty 0.6), every translation of a source a reference, by ./nmt score
# (sacreBLEU 2.6.0's BLEU and chrF). nmt4j is scored twice: its last checkpoint and the average of
# its last 6 (./nmt average). The resident memory of each training process is sampled every 10 s.
# Prints the markdown table of docs/RESULTS.md; everything else stays in OUT.
#
#   bench/quality/run.sh [--out DIR] [--minutes M] [--threads T] [--only nmt4j|peer]
#     --out      where the runs go (default /tmp/nmt4j-quality; keep it outside the repository)
#     --minutes  the training-time budget of each system (default 60)
#     --threads  intra-op threads of both (default: every core)
#     --only     train only one system (the other is scored when OUT already holds it)
# A system whose run is already in OUT (OUT/nmt4j/last, OUT/peer/model.pt) is not trained again.
# The peer runs on the C allocator ./nmt gives nmt4j: tcmalloc when libtcmalloc-minimal4 is
# installed (LD_PRELOAD; docs/BENCHMARKS.md, "Allocator"), so that neither trains on glibc's page faults.
# Needs: Debian's python3-torch, libopenblas0-pthread and sentencepiece (the peer's README), and an
# otherwise idle machine for about 2 h 20 min.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

out=/tmp/nmt4j-quality
minutes=60
threads="$(nproc)"
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "bench/quality/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
peer_src="$root/../shared/bench/peer"
data="$root/../shared/data/spa-eng"
for f in "$peer_src/train.py" "$data/train.tsv"; do
  [ -f "$f" ] || { echo "bench/quality/run.sh: $f not found (../shared sits beside the checkout)" >&2; exit 1; }
done
command -v spm_train >/dev/null || { echo "bench/quality/run.sh: spm_train not found: apt-get install -y sentencepiece" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
nmt_run="$out/nmt4j"
export PEER_WORK="$out/peer"
peer_preload=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -f "$peer_preload" ] || peer_preload=""
./nmt --version >/dev/null

# sample_rss PID FILE: "unix-seconds VmRSS-kB" every 10 s while PID lives
sample_rss() {
  while kill -0 "$1" 2>/dev/null; do
    echo "$(date +%s) $(awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null)" >>"$2"
    sleep 10
  done
}
# stamp: prefix each line with the unix time (the peer's log has no clock)
stamp() { while IFS= read -r line; do printf '%(%s)T %s\n' -1 "$line"; done; }

if [ "$only" != peer ] && [ ! -e "$nmt_run/last" ]; then
  echo "== nmt4j: $minutes min of training, $threads thread(s)" >&2
  # the peer's split, not the download the config reads (comparable with docs/RESULTS.md)
  NMT_THREADS="$threads" ./nmt train --config configs/spa-eng-cpu.yaml --no-progress \
    --set data.format=tsv --set "data.train=$data/train.tsv" --set "data.dev=$data/dev.tsv" \
    --set "data.test=$data/test.tsv" --set run_dir="$nmt_run" --set train.max_minutes="$minutes" >"$out/nmt4j.log" 2>&1 &
  pid=$!
  sample_rss "$pid" "$out/nmt4j.rss" &
  wait "$pid"
fi
if [ "$only" != nmt4j ] && [ ! -f "$PEER_WORK/model.pt" ]; then
  echo "== peer: $minutes min of training, $threads thread(s)" >&2
  [ -f "$PEER_WORK/test.src.ids" ] || bash "$peer_src/prepare.sh" >"$out/peer-prepare.log" 2>&1
  (env ${peer_preload:+LD_PRELOAD="$peer_preload"} /usr/bin/python3 "$peer_src/train.py" --gemm onednn --threads "$threads" \
    --max-minutes "$minutes" --seed 1 2>&1 | stamp >"$out/peer.log") &
  sleep 2
  pid="$(pgrep -f "$peer_src/train.py" | head -1)"
  sample_rss "$pid" "$out/peer.rss" &
  wait
fi
have_nmt=false; [ -e "$nmt_run/last" ] && have_nmt=true
have_peer=false; [ -f "$PEER_WORK/model.pt" ] && have_peer=true
# the references: the peer's prepare.sh groups dev and test by source (scoring needs them even alone)
[ -f "$PEER_WORK/test.src" ] || bash "$peer_src/prepare.sh" >"$out/peer-prepare.log" 2>&1

# the averaged model: the last 6 checkpoints (train.keep_last of spa-eng-cpu.yaml)
! $have_nmt || [ -f "$nmt_run/averaged-last6/model.params" ] || ./nmt average --run "$nmt_run" --last 6 >/dev/null 2>"$out/average.log"

# score SPLIT HYP: "BLEU chrF" of HYP against the split's references (empty line = none)
score() {
  local refs=()
  for r in "$PEER_WORK/$1".ref*; do refs+=(--ref "$r"); done
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
        --length-penalty 0.6 --input "$PEER_WORK/$split.src" --output "$hyp" 2>"$hyp.log"
    done
    ! $have_peer || [ -s "$PEER_WORK/$split.$mode.hyp" ] || env ${peer_preload:+LD_PRELOAD="$peer_preload"} \
      /usr/bin/python3 "$peer_src/translate.py" --gemm onednn \
      --threads "$threads" --mode "$mode" --splits "$split" >"$out/hyp/peer.$split.$mode.log" 2>&1
  done
done

steps_nmt="-"; minutes_nmt="-"; steps_peer="-"; minutes_peer="-"
! $have_nmt || steps_nmt="$(grep -o '"step":[0-9]*' "$nmt_run/metrics.jsonl" | tail -1 | cut -d: -f2)"
! $have_nmt || minutes_nmt="$(grep -o '"train_s":[0-9.]*' "$nmt_run/metrics.jsonl" | tail -1 | cut -d: -f2 | awk '{printf "%.1f", $1 / 60}')"
! $have_peer || steps_peer="$(sed -n 's/.*saved .* after \([0-9]*\) steps, training \([0-9.]*\) min.*/\1/p' "$out/peer.log")"
! $have_peer || minutes_peer="$(sed -n 's/.*saved .* after \([0-9]*\) steps, training \([0-9.]*\) min.*/\2/p' "$out/peer.log")"
# peak_rss FILE: the largest sample, in MB
peak_rss() { [ -s "$1" ] && awk '$2 > m {m = $2} END {printf "%.0f", m / 1024}' "$1" || echo "-"; }

echo "Processor: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores), $threads thread(s) each;" \
  "the peer on $([ -n "$peer_preload" ] && echo tcmalloc || echo glibc);" \
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
! $have_peer || row "peer (plain PyTorch, its own recipe)" "$steps_peer" "$minutes_peer" "$(peak_rss "$out/peer.rss")" "$PEER_WORK/SPLIT.MODE.hyp"
