#!/usr/bin/env bash
# The side-by-side benchmark of docs/BENCHMARKS.md: nmt4j and the project's plain-PyTorch reference
# (bench/reference, called "peer" in the tables), on the spa-eng split (default
# ../shared/data/spa-eng, the split of the earlier figures), same model, data, tokenizer and batch
# budget, interleaved in one invocation (nmt4j, peer, nmt4j, peer, ...) so that each comparison is
# a ratio measured side by side. Regenerates the measured part of docs/BENCHMARKS.md (between its
# "bench/run.sh" markers) and prints it.
#   1. training tokens/s (non-pad source + target tokens per second of training time), median over
#      the logged intervals after the first, for each thread count, nmt4j with
#      configs/spa-eng-peer.yaml (the reference's recipe), both on one tokenizer and its ids
#      (bench/reference/prepare.sh: trained by ./nmt prepare unless --tokenizer gives one);
#   2. the fp32 matmul peak of this machine through the libtorch nmt4j runs on
#      (bench/peak/MatmulPeak.java), and the model FLOPs utilisation of both;
#   3. decoding sentences/s and output tokens/s, greedy and beam 4, on the 2,000 distinct sources
#      of test.tsv, each system with its own model from bench/quality/run.sh (skipped without it);
#   4. peak RSS and RSS drift of the 60-minute training runs of bench/quality/run.sh.
#
#   bench/run.sh [--quality DIR] [--data DIR] [--tokenizer FILE] [--threads "1 2"] [--steps N]
#                [--repeats R] [--out DIR] [--no-doc]
#     --quality  bench/quality/run.sh's output (default /tmp/nmt4j-quality): the trained models
#                and the memory samples of its runs
#     --data     train.tsv, dev.tsv and test.tsv (default ../shared/data/spa-eng beside the checkout)
#     --tokenizer  a SentencePiece model (nmt4j's special ids) for both systems
#     --threads  intra-op thread counts for training (default "1 $(nproc)"); decoding uses $(nproc)
#     --steps    training steps per cell (default 60, logged every 10; the first 10 are warm-up)
#     --repeats  cells per system and thread count (default 2)
#     --out      scratch directory (default /tmp/nmt4j-bench)
#     --no-doc   print the tables only, leave docs/BENCHMARKS.md alone
#     --peer-tcmalloc  also time the reference's training on tcmalloc (LD_PRELOAD), as ./nmt runs nmt4j
# Needs Debian's python3-torch and libopenblas0-pthread (bench/reference/README.md), the --data
# split, and an otherwise idle machine (about 20 minutes with the defaults).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quality=/tmp/nmt4j-quality
threads="1 $(nproc)"
steps=60
repeats=2
out=/tmp/nmt4j-bench
doc=docs/BENCHMARKS.md
data="$root/../shared/data/spa-eng"
tokenizer=""
peer_tcmalloc=false
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
while [ $# -gt 0 ]; do
  case "$1" in
    --quality) quality="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-doc) doc=""; shift ;;
    --peer-tcmalloc) peer_tcmalloc=true; shift ;;
    --data) data="$2"; shift 2 ;;
    --tokenizer) tokenizer="$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
ref_src="$root/bench/reference"
[ -f "$data/train.tsv" ] || { echo "bench/run.sh: $data/train.tsv not found: pass --data DIR with train.tsv, dev.tsv and test.tsv (English<TAB>Spanish), e.g. a split of what './nmt download spa-eng' fetches" >&2; exit 1; }
/usr/bin/python3 -c 'import torch' 2>/dev/null || { echo "bench/run.sh: the reference needs Debian's torch: apt-get install -y python3-torch libopenblas0-pthread" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
log_every=10
cores="$(nproc)"
./nmt --version >/dev/null
# the reference's ids and tokenizer: both systems train on the same pieces of the same split
ref_work="$out/reference-work"
if [ ! -f "$ref_work/test.src.ids" ]; then
  echo "== reference: prepare.sh (log: $out/prepare.log)" >&2
  "$ref_src/prepare.sh" --data "$data" --work "$ref_work" ${tokenizer:+--tokenizer "$tokenizer"} >"$out/prepare.log" 2>&1 ||
    { tail -5 "$out/prepare.log" >&2; echo "bench/run.sh: bench/reference/prepare.sh failed (log: $out/prepare.log)" >&2; exit 1; }
fi
bench_data="$(cd "$data" && pwd)"

# shellcheck source=lib.sh
. "$root/bench/lib.sh"
# how MKL picks its kernels in the JVM ./nmt starts here (native/env.sh), for the report
mkl="$(nmt4j_mkl_dispatch)"
int() { awk -v a="$1" 'BEGIN {if (a == "-") print "-"; else printf "%.0f", a}'; }

# nmt_train_cell FILE THREADS: tokens/s intervals (after the first) appended to FILE
nmt_train_cell() {
  nmt4j_train_cell "$out/cell-nmt4j" "$ref_work/spm.model" "$steps" "$log_every" "$1" \
    "$out/cell-nmt4j.log" NMT_THREADS="$2"
}
# peer_train_cell FILE THREADS [PRELOAD]
peer_train_cell() {
  env ${3:+LD_PRELOAD="$3"} /usr/bin/python3 "$ref_src/train.py" --work "$ref_work" --gemm onednn --threads "$2" \
    --max-steps "$steps" --log-every "$log_every" --seed 1 --out "$out/cell-peer.pt" >"$out/cell-peer.log" 2>&1 ||
    { tail -5 "$out/cell-peer.log" >&2; echo "bench/run.sh: bench/reference/train.py failed (log: $out/cell-peer.log)" >&2; exit 1; }
  sed -n 's/.* tok\/s \([0-9.]*\) s\/step.*/\1/p' "$out/cell-peer.log" | tail -n +2 >>"$1"
}
# peak_cell FILE THREADS: the matmul peak in the JVM ./nmt would start here
peak_cell() { nmt4j_peak_cell "$1" "$2" 7; }

# OpenMP threads sleep when idle, for both systems (docs/BENCHMARKS.md, "Threads")
[ -n "${OMP_WAIT_POLICY:-}${GOMP_SPINCOUNT:-}" ] || export OMP_WAIT_POLICY=PASSIVE
rm -f "$out"/*.tps "$out"/*.peak
! $peer_tcmalloc || [ -f "$tcmalloc" ] || { echo "bench/run.sh: --peer-tcmalloc needs $tcmalloc: apt-get install -y libtcmalloc-minimal4" >&2; exit 2; }
for t in $threads; do
  for r in $(seq "$repeats"); do
    echo "== threads $t, repeat $r: nmt4j, peer, peak (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    nmt_train_cell "$out/nmt4j-$t.tps" "$t"
    peer_train_cell "$out/peer-$t.tps" "$t"
    ! $peer_tcmalloc || peer_train_cell "$out/peertc-$t.tps" "$t" "$tcmalloc"
    peak_cell "$out/peak-$t.peak" "$t"
  done
done

# Decoding, each system with its own model of the quality run
decode_rows=()
nmt_model="$quality/nmt4j/averaged-last6"
peer_model="$quality/reference/model.pt"
have_peer_model=false; [ -f "$peer_model" ] && have_peer_model=true
peer_decode_preload=""; ! $peer_tcmalloc || peer_decode_preload="$tcmalloc"
if [ -f "$nmt_model/model.params" ]; then
  for mode in greedy beam; do
    : >"$out/decode-nmt4j-$mode"; : >"$out/decode-peer-$mode"
    for r in $(seq "$repeats"); do
      echo "== decoding $mode, repeat $r: nmt4j, peer" >&2
      nmt4j_decode_cell "$nmt_model" "$ref_work/test.src" "$out/decode-nmt4j.hyp" "$out/decode-nmt4j-$mode" "$mode" \
        NMT_THREADS="$cores"
      $have_peer_model || continue
      env ${peer_decode_preload:+LD_PRELOAD="$peer_decode_preload"} /usr/bin/python3 "$ref_src/translate.py" --gemm onednn --threads "$cores" --mode "$mode" \
        --ckpt "$peer_model" --work "$quality/reference" --splits test --tag=-bench >"$out/decode-peer.log" 2>&1
      sed -n 's/.* = \([0-9.]*\) sent\/s, \([0-9.]*\) output tok\/s.*/\1 \2/p' "$out/decode-peer.log" | tail -1 >>"$out/decode-peer-$mode"
    done
    ns="$(cut -d' ' -f1 "$out/decode-nmt4j-$mode" | median)"; nt="$(cut -d' ' -f2 "$out/decode-nmt4j-$mode" | median)"
    ps="$(cut -d' ' -f1 "$out/decode-peer-$mode" | median)"; pt="$(cut -d' ' -f2 "$out/decode-peer-$mode" | median)"
    label="greedy"; [ "$mode" = greedy ] || label="beam 4"
    decode_rows+=("| $label | $ns | $ps | $(ratio "$ns" "$ps") | $(int "$nt") | $(int "$pt") | $(ratio "$nt" "$pt") |")
  done
fi

# Model FLOPs per token: linear layers only (attention's S·T products are under 1% at these lengths),
# forward 2 FLOPs per multiply-add, training 3× forward. E=256, F=1024, V=8000, 3+3 layers.
# A source token: encoder 3·(4E² + 2EF) plus the decoder's cross-attention K and V, 3·2E².
# A target token: decoder 3·(4E² self + 2E² cross Q and O + 2EF) plus the output projection E·V.
# Weighted by the source and target shares of the training tokens (the reference's ids, +1 EOS a line).
shares="$(awk 'FNR==1 {f++} {n[f] += NF + 1} END {printf "%d %d", n[1], n[2]}' "$ref_work/train.en.ids" "$ref_work/train.es.ids")"
flops_per_token="$(awk -v s="${shares% *}" -v t="${shares#* }" 'BEGIN {
  E=256; F=1024; V=8000; L=3
  src = L*(4*E*E + 2*E*F) + L*2*E*E
  tgt = L*(4*E*E + 2*E*E + 2*E*F) + E*V
  printf "%.0f", 6 * (s*src + t*tgt) / (s + t) }')"

# RSS of the quality runs: peak, and the drift from the sample nearest step 500 to the last one
rss_row() {
  local name="$1" samples="$2" t500="$3"
  [ -s "$samples" ] && [ -n "$t500" ] || { echo "| $name | - | - | - |"; return; }
  awk -v t500="$t500" -v name="$name" '
    {d = ($1 - t500) ^ 2; if (NR == 1 || d < best) {best = d; at = $2}; if ($2 > peak) peak = $2; last = $2}
    END {printf "| %s | %.0f | %.0f | %+.0f |\n", name, peak / 1024, at / 1024, (last - at) / 1024}' "$samples"
}
# the unix time of step 500: nmt4j's train.log stamps its lines, the quality script the reference's
nmt_t500=""; peer_t500=""
if [ -f "$quality/nmt4j/train.log" ]; then
  at="$(sed -n 's/^\([0-9-]* [0-9:]*\) .* step 500 |.*/\1/p' "$quality/nmt4j/train.log" | head -1)"
  [ -z "$at" ] || nmt_t500="$(date -d "$at" +%s)"
fi
[ -f "$quality/reference.log" ] && peer_t500="$(awk '/ step 500 / {print $1; exit}' "$quality/reference.log")"

cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
report="$out/report.md"
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $cpu ($cores cores), commit $(git rev-parse --short HEAD),"
  echo "\`bench/run.sh --steps $steps --repeats $repeats\`; peer: bench/reference on Debian torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null)"
  echo "with \`--gemm onednn\` and OpenBLAS; nmt4j: DJL 0.35.1, libtorch 2.7.1, MKL kernels by $mkl (as ./nmt runs"
  echo "it here; the matmul peak too); both with OMP_WAIT_POLICY=PASSIVE."
  echo
  echo "**Training** (tokens/s, median of the $((steps / log_every - 1)) intervals after warm-up of each cell, $repeats cells each, interleaved):"
  echo
  echo "| threads | nmt4j | peer | nmt4j ÷ peer | matmul peak GFLOP/s | nmt4j MFU | peer MFU |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for t in $threads; do
    n="$(median <"$out/nmt4j-$t.tps")"; p="$(median <"$out/peer-$t.tps")"; k="$(median <"$out/peak-$t.peak")"
    mfu() { awk -v r="$1" -v f="$flops_per_token" -v k="$k" 'BEGIN {if (r+0 > 0 && k+0 > 0) printf "%.1f%%", 100 * r * f / (k * 1e9); else print "-"}'; }
    echo "| $t | $(int "$n") | $(int "$p") | $(ratio "$n" "$p") | $k | $(mfu "$n") | $(mfu "$p") |"
  done
  if $peer_tcmalloc; then
    echo
    echo "The peer on tcmalloc (\`LD_PRELOAD\`, the allocator ./nmt gives nmt4j), interleaved with the cells above:"
    echo
    echo "| threads | peer on tcmalloc | nmt4j ÷ peer on tcmalloc | peer on tcmalloc ÷ peer |"
    echo "| ---: | ---: | ---: | ---: |"
    for t in $threads; do
      n="$(median <"$out/nmt4j-$t.tps")"; p="$(median <"$out/peer-$t.tps")"; q="$(median <"$out/peertc-$t.tps")"
      echo "| $t | $(int "$q") | $(ratio "$n" "$q") | $(ratio "$q" "$p") |"
    done
  fi
  echo
  echo "Model FLOPs per training token: $(awk -v f="$flops_per_token" 'BEGIN {printf "%.1f M", f / 1e6}') (6 × the multiply-adds of the linear layers a token passes through,"
  echo "weighted by the source and target shares of the training tokens, ${shares% *} and ${shares#* }; see bench/run.sh)."
  echo
  if [ "${#decode_rows[@]}" -gt 0 ]; then
    echo "**Decoding** the 2,000 distinct sources of test.tsv, $cores threads, each system's own model of the"
    echo "quality run (nmt4j: the mean of its last 6 checkpoints; peer: its model.pt, \"-\" when there is none$($peer_tcmalloc && echo '; the peer on tcmalloc')),"
    echo "median of $repeats runs:"
    echo
    echo "| search | nmt4j sentences/s | peer sentences/s | ratio | nmt4j output tokens/s | peer output tokens/s | ratio |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${decode_rows[@]}"
    echo
  else
    echo "**Decoding**: skipped, no quality run in $quality (run bench/quality/run.sh first)."
    echo
  fi
  echo "**Memory** of the 60-minute training runs (bench/quality/run.sh, resident set sampled every 10 s, MB):"
  echo
  echo "| system | peak RSS | RSS at step 500 | drift from step 500 to the end |"
  echo "| --- | ---: | ---: | ---: |"
  rss_row nmt4j "$quality/nmt4j.rss" "$nmt_t500"
  rss_row peer "$quality/reference.rss" "$peer_t500"
} >"$report"
cat "$report"
if [ -n "$doc" ]; then
  begin='<!-- bench/run.sh: begin -->'
  end='<!-- bench/run.sh: end -->'
  grep -qF "$begin" "$doc" || { echo "bench/run.sh: $doc has no '$begin' marker" >&2; exit 1; }
  awk -v b="$begin" -v e="$end" -v r="$report" '
    $0 == b {print; while ((getline line < r) > 0) print line; skip = 1; next}
    $0 == e {skip = 0}
    !skip {print}' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
  echo "bench/run.sh: wrote $doc" >&2
fi
