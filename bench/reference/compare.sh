#!/usr/bin/env bash
# The earlier plain-PyTorch peer (../shared/bench/peer, which the figures of docs/BENCHMARKS.md up
# to this reference were measured against) beside bench/reference, both training the same model
# with the same recipe on the same ids: the peer's prepare.sh output (its spm_train model,
# spm_encode ids). Cells alternate (peer, reference, then reference, peer, ...) for each thread
# count; each cell trains STEPS steps from scratch. Prints, per thread count, the median tokens/s
# of the logged intervals after the first and the mean tokens per step of each system, and their
# ratio, and each system's count of parameters, of non-pad tokens and of batches an epoch (the
# mean tokens a step over an epoch is their quotient). Training only; nothing is written outside OUT.
#
#   bench/reference/compare.sh [--peer DIR] [--data DIR] [--threads "1 2"] [--steps N]
#       [--log-every K] [--repeats R] [--tcmalloc] [--out DIR]
#     --peer       the earlier peer (default ../shared/bench/peer beside the checkout)
#     --data       train.tsv/dev.tsv/test.tsv for its prepare.sh (default ../shared/data/spa-eng)
#     --threads    intra-op thread counts (default "1 $(nproc)")
#     --steps      training steps a cell (default 60), logged every --log-every (default 10)
#     --repeats    cells per system and thread count (default 3)
#     --tcmalloc   both on tcmalloc (LD_PRELOAD libtcmalloc_minimal.so.4), as bench/quality/run.sh runs them
#     --out        scratch directory (default /tmp/nmt4j-reference-compare)
# Needs Debian's python3-torch and, for the peer's prepare.sh, sentencepiece (spm_train); both run
# with --gemm onednn and OMP_WAIT_POLICY=PASSIVE. Only figures of one invocation on an otherwise
# idle machine are comparable.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
peer="$root/../shared/bench/peer"
data="$root/../shared/data/spa-eng"
threads="1 $(nproc)"
steps=60
log_every=10
repeats=3
preload=""
out=/tmp/nmt4j-reference-compare
while [ $# -gt 0 ]; do
  case "$1" in
    --peer) peer="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --log-every) log_every="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --tcmalloc) preload=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "bench/reference/compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
me=bench/reference/compare.sh
[ -f "$peer/train.py" ] && [ -f "$peer/prepare.sh" ] || { echo "$me: $peer/train.py or prepare.sh not found: pass --peer DIR, the earlier peer's directory" >&2; exit 1; }
[ -f "$data/train.tsv" ] || { echo "$me: $data/train.tsv not found: pass --data DIR (train.tsv, dev.tsv, test.tsv), e.g. a split of what './nmt download spa-eng' fetches" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "$me: Debian's torch is missing: apt-get install -y python3-torch libopenblas0-pthread" >&2; exit 1; }
command -v spm_train >/dev/null || { echo "$me: the peer's prepare.sh needs spm_train: apt-get install -y sentencepiece" >&2; exit 1; }
[ -z "$preload" ] || [ -f "$preload" ] || { echo "$me: --tcmalloc needs $preload: apt-get install -y libtcmalloc-minimal4" >&2; exit 1; }
[ "$steps" -ge $((2 * log_every)) ] || { echo "$me: --steps $steps must be at least twice --log-every $log_every (the first interval is warm-up)" >&2; exit 2; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
data="$(cd "$data" && pwd)"
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"

# The same ids for both: the peer's prepare.sh, then PrepareIds.java on the peer's tokenizer for the
# reference's vocab.tsv, and the peer's training ids copied over (their agreement is reported).
peer_work="$out/peer-work"
ref_work="$out/reference-work"
if [ ! -f "$peer_work/test.src.ids" ]; then
  echo "== the peer's prepare.sh (log: $out/peer-prepare.log)" >&2
  PEER_WORK="$peer_work" DATA="$data" bash "$peer/prepare.sh" >"$out/peer-prepare.log" 2>&1 ||
    { tail -5 "$out/peer-prepare.log" >&2; echo "$me: the peer's prepare.sh failed (log: $out/peer-prepare.log)" >&2; exit 1; }
fi
if [ ! -f "$out/ids-agreement.txt" ]; then
  echo "== bench/reference/prepare.sh with the peer's tokenizer (log: $out/reference-prepare.log)" >&2
  "$root/bench/reference/prepare.sh" --data "$data" --tokenizer "$peer_work/spm.model" --work "$ref_work" \
    >"$out/reference-prepare.log" 2>&1 ||
    { tail -5 "$out/reference-prepare.log" >&2; echo "$me: bench/reference/prepare.sh failed (log: $out/reference-prepare.log)" >&2; exit 1; }
  : >"$out/ids-agreement.partial"
  for side in en es; do
    paste -d '\t' "$peer_work/train.$side.ids" "$ref_work/train.$side.ids" |
      awk -F'\t' -v side="$side" '$1 == $2 {n++} END {printf "ids of train.%s: nmt4j'"'"'s codec and spm_encode agree on %d of %d lines\n", side, n, NR}' \
      >>"$out/ids-agreement.partial"
    cp "$peer_work/train.$side.ids" "$ref_work/train.$side.ids"
  done
  mv "$out/ids-agreement.partial" "$out/ids-agreement.txt"
fi

# cell SYSTEM THREADS: one training run; appends the tokens/s and the tokens per step of each
# interval after the first to OUT/SYSTEM-THREADS.tps and .tpstep
cell() {
  local system="$1" t="$2" script work log="$out/cell-$1.log"
  if [ "$system" = peer ]; then script="$peer/train.py"; work="$peer_work"; else script="$root/bench/reference/train.py"; work="$ref_work"; fi
  env ${preload:+LD_PRELOAD="$preload"} /usr/bin/python3 "$script" --work "$work" --gemm onednn --threads "$t" \
    --max-steps "$steps" --log-every "$log_every" --seed 1 --out "$out/cell-$system.pt" >"$log" 2>&1 ||
    { tail -5 "$log" >&2; echo "$me: the $system's train.py failed (log: $log)" >&2; exit 1; }
  sed -n 's/.* tok\/s \([0-9.]*\) s\/step \([0-9.]*\) .*/\1 \2/p' "$log" | tail -n +2 >"$out/cell.intervals"
  [ -s "$out/cell.intervals" ] || { echo "$me: no interval logged after the first in $log" >&2; exit 1; }
  cut -d' ' -f1 "$out/cell.intervals" >>"$out/$system-$t.tps"
  awk '{print $1 * $2}' "$out/cell.intervals" >>"$out/$system-$t.tpstep"
  sed -n 's/.* \([0-9]*\) non-pad src+tgt tokens per epoch.*/\1/p' "$log" >"$out/$system.epoch-tokens"
  sed -n 's/^parameters: \([0-9]*\).*/\1/p' "$log" >"$out/$system.parameters"
  sed -n 's/^epoch 1 .*: \([0-9]*\) batches,.*/\1/p' "$log" >"$out/$system.epoch-batches"
}

export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
rm -f "$out"/*.tps "$out"/*.tpstep
for t in $threads; do
  for r in $(seq "$repeats"); do
    order="peer reference"; [ $((r % 2)) = 1 ] || order="reference peer"
    echo "== threads $t, repeat $r: $order (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    for system in $order; do cell "$system" "$t"; done
  done
done

whole() { awk -v a="$1" 'BEGIN {if (a == "-") print "-"; else printf "%.0f", a}'; }
mean() { awk '{s += $1} END {if (NR) printf "%.0f", s / NR; else print "-"}'; }
echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores),"
echo "commit $(git -C "$root" rev-parse --short HEAD), \`$me --steps $steps --log-every $log_every --repeats $repeats$([ -n "$preload" ] && echo ' --tcmalloc')\`;"
echo "Debian torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), --gemm onednn, $([ -n "$preload" ] && echo tcmalloc || echo glibc malloc), OMP_WAIT_POLICY=$OMP_WAIT_POLICY."
echo "Parameters: peer $(cat "$out/peer.parameters"), reference $(cat "$out/reference.parameters");" \
  "non-pad tokens an epoch: peer $(cat "$out/peer.epoch-tokens"), reference $(cat "$out/reference.epoch-tokens");" \
  "batches an epoch: peer $(cat "$out/peer.epoch-batches"), reference $(cat "$out/reference.epoch-batches")" \
  "(both cut the same length-sorted sequence, so equal counts mean the same batch shapes in another order)."
cat "$out/ids-agreement.txt" 2>/dev/null || true
echo
echo "| threads | peer tok/s | reference tok/s | reference ÷ peer | peer tokens/step | reference tokens/step |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for t in $threads; do
  p="$(median <"$out/peer-$t.tps")"; q="$(median <"$out/reference-$t.tps")"
  echo "| $t | $(whole "$p") | $(whole "$q") | $(ratio "$q" "$p") | $(mean <"$out/peer-$t.tpstep") | $(mean <"$out/reference-$t.tpstep") |"
done
echo
echo "(tokens/s: median of the $((steps / log_every - 1)) intervals after the first of each of $repeats cells; tokens/step: their mean)"
