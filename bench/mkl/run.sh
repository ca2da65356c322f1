#!/usr/bin/env bash
# oneMKL's code path on this processor, and what choosing it by the processor's features
# (native/mkl_feature_dispatch.c, NMT_MKL_DISPATCH=features) changes against MKL's own choice
# (NMT_MKL_DISPATCH=vendor): docs/BENCHMARKS.md, "MKL on AMD".
#   1. the check: MKL's code path (mkl_serv_cpu_detect, bench/mkl/cpu_detect.c) with and without
#      the library; on an AMD processor with AVX-512 it fails (exit 1) unless the library moves MKL
#      from its generic kernels to a feature-chosen path. No timing; CI runs it (--check).
#   2. unless --check: interleaved (vendor, features, vendor, ...) on an otherwise idle machine,
#      the fp32 matmul peak at 1 and every thread (bench/peak/MatmulPeak.java), training tokens/s
#      of configs/spa-eng-peer.yaml (bench/env/run.sh), and greedy and beam-4 decoding of the 2,000
#      distinct sources of test.tsv with RUN's model, with how many translations are identical.
#
#   bench/mkl/run.sh [--check] [--run RUN] [--repeats R] [--out DIR]
#     --run      a trained spa-eng run directory (its averaged-last6, else last, and its tokenizer);
#                default /tmp/nmt4j-quality/nmt4j (bench/quality/run.sh)
#     --repeats  cells per setting (default 2)
#     --out      scratch directory (default /tmp/nmt4j-bench-mkl)
# Prints markdown; everything else stays in OUT.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

check_only=false
run=/tmp/nmt4j-quality/nmt4j
repeats=2
out=/tmp/nmt4j-bench-mkl
while [ $# -gt 0 ]; do
  case "$1" in
    --check) check_only=true; shift ;;
    --run) run="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench/mkl/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
source "$root/bench/lib.sh"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
./nmt --version >/dev/null # builds, and unpacks libtorch into DJL's cache
cache="${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}/pytorch"
libtorch="$(ls "$cache"/2.7.1-*-cpu-linux-x86_64/libtorch_cpu.so 2>/dev/null | head -1)"
[ -n "$libtorch" ] || { echo "bench/mkl/run.sh: no CPU libtorch 2.7.1 in $cache (./nmt --version unpacks it)" >&2; exit 1; }
command -v cc >/dev/null || { echo "bench/mkl/run.sh: no C compiler: apt-get install -y gcc" >&2; exit 1; }
cc -O2 -o "$out/cpu_detect" bench/mkl/cpu_detect.c -ldl

vendor_path="$(env ${LD_PRELOAD:+LD_PRELOAD="$LD_PRELOAD"} "$out/cpu_detect" "$libtorch")"
features_path="$(LD_PRELOAD="$(nmt4j_preload NMT_MKL_DISPATCH=features)" "$out/cpu_detect" "$libtorch")"
auto="$(nmt4j_mkl_dispatch)"
cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
vendor_id="$(sed -n 's/^vendor_id[[:space:]]*: //p' /proc/cpuinfo | head -1)"
avx512=no; grep -q -m1 '^flags.* avx512f' /proc/cpuinfo && avx512=yes
echo "$(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD); bench/mkl/run.sh$($check_only && echo ' --check')"
echo
echo "MKL code path (mkl_serv_cpu_detect) on $cpu ($vendor_id, AVX-512: $avx512): $vendor_path by vendor,"
echo "$features_path by features; ./nmt's default here: $auto."
if [ "$vendor_id" = AuthenticAMD ] && [ "$avx512" = yes ] && { [ "$vendor_path" != 0 ] || [ "$features_path" -le 0 ]; }; then
  echo "bench/mkl/run.sh: on this AMD processor with AVX-512, MKL's path was expected to move from 0 (generic)" \
    "to a feature-chosen one with native/mkl_feature_dispatch.c preloaded; it went from $vendor_path to $features_path" >&2
  exit 1
fi
$check_only && exit 0

model="$run/averaged-last6"; [ -f "$model/model.params" ] || model="$run/last"
[ -f "$model/model.params" ] ||
  { echo "bench/mkl/run.sh: no trained model in $run (run bench/quality/run.sh, or pass --run)" >&2; exit 1; }
awk -F'\t' '!seen[$1]++ {print $1}' "$root/../shared/data/spa-eng/test.tsv" >"$out/test.src"
rm -f "$out"/*.peak "$out"/*.decode
threads="1 $(nproc)"
for r in $(seq "$repeats"); do
  for d in vendor features; do
    echo "== repeat $r, $d: matmul peak, decoding" >&2
    for t in $threads; do nmt4j_peak_cell "$out/$d-$t.peak" "$t" 5 NMT_MKL_DISPATCH="$d"; done
    for mode in greedy beam; do
      nmt4j_decode_cell "$model" "$out/test.src" "$out/$d-$mode.hyp" "$out/$d-$mode.decode" "$mode" NMT_MKL_DISPATCH="$d"
    done
  done
done
echo
echo "| measure | MKL by vendor | MKL by features | features ÷ vendor |"
echo "| --- | ---: | ---: | ---: |"
for t in $threads; do
  v="$(median <"$out/vendor-$t.peak")"; f="$(median <"$out/features-$t.peak")"
  echo "| matmul 2048², $t thread(s), GFLOP/s | $v | $f | $(ratio "$f" "$v") |"
done
for mode in greedy beam; do
  v="$(cut -d' ' -f1 "$out/vendor-$mode.decode" | median)"; f="$(cut -d' ' -f1 "$out/features-$mode.decode" | median)"
  label="$mode"; [ "$mode" = greedy ] || label="beam 4"
  same="$(paste -d'\t' "$out/vendor-$mode.hyp" "$out/features-$mode.hyp" | awk -F'\t' '$1 == $2 {n++} END {print n + 0}')"
  echo "| decoding $label, $(nproc) threads, sentences/s ($same of $(wc -l <"$out/test.src") translations identical) | $v | $f | $(ratio "$f" "$v") |"
done
echo
echo "Training, $(nproc) threads (bench/env/run.sh):"
echo
bench/env/run.sh --tokenizer "$run/tokenizer.model" --repeats "$repeats" --out "$out/env" \
  --env vendor=NMT_MKL_DISPATCH=vendor --env features=NMT_MKL_DISPATCH=features
