#!/usr/bin/env bash
# Training tokens/s of configs/spa-eng-peer.yaml on the shared spa-eng corpus under several process
# environments (an allocator, a libtorch switch, a thread policy), interleaved (A B C A B C ...), so
# that each comparison is a ratio measured side by side (docs/BENCHMARKS.md, "Make it faster").
# Prints a markdown table: per environment, the median tokens/s over the logged intervals after the
# first of every cell, and its ratio to the first environment.
#
#   bench/env/run.sh --tokenizer SPM.model [--threads T] [--steps N] [--repeats R] [--out DIR]
#                    --env NAME=VAR=VALUE[,VAR=VALUE...] [--env ...]
#     --tokenizer  a SentencePiece model for spa-eng (a run's tokenizer.model), so no cell trains one
#     --env        a name and the variables a cell runs with; "NAME=" runs with none added
#     --threads    libtorch intra-op threads (default: every core)
#     --steps      training steps per cell (default 40, logged every 10; the first 10 are warm-up)
#     --repeats    cells per environment (default 2)
#   e.g. bench/env/run.sh --tokenizer /tmp/q/tokenizer.model --env base= \
#          --env jemalloc=LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
# The launcher's own defaults (OMP_WAIT_POLICY, NMT_MALLOC) hold unless an environment sets them.
# Needs an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

tokenizer=""
threads="$(nproc)"
steps=40
repeats=2
out=/tmp/nmt4j-bench-env
names=()
envs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tokenizer) tokenizer="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --env) names+=("${2%%=*}"); envs+=("${2#*=}"); shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "bench/env/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -f "$tokenizer" ] || { echo "bench/env/run.sh: --tokenizer '$tokenizer' is not a file; give a spa-eng SentencePiece model" >&2; exit 2; }
[ "${#names[@]}" -gt 0 ] || { echo "bench/env/run.sh: give at least one --env NAME=VAR=VALUE" >&2; exit 2; }
mkdir -p "$out"
log_every=10
./nmt --version >/dev/null

# shellcheck source=../lib.sh
. "$root/bench/lib.sh"
# cell NAME VARS: tokens/s intervals after the first appended to OUT/NAME.tps
cell() {
  local vars=()
  [ -z "$2" ] || IFS=, read -r -a vars <<<"$2"
  nmt4j_train_cell "$out/cell" "$tokenizer" "$steps" "$log_every" "$out/$1.tps" "$out/$1.log" \
    "${vars[@]}" NMT_THREADS="$threads"
}

for n in "${names[@]}"; do rm -f "$out/$n.tps"; done
for r in $(seq "$repeats"); do
  for i in "${!names[@]}"; do
    echo "== ${names[$i]}, repeat $r (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    cell "${names[$i]}" "${envs[$i]}"
  done
done

echo "Processor: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores); $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "commit $(git rev-parse --short HEAD); bench/env/run.sh --threads $threads --steps $steps --repeats $repeats"
echo
echo "| environment | variables | tokens/s (median) | intervals | ÷ ${names[0]} |"
echo "| --- | --- | ---: | --- | ---: |"
base="$(median <"$out/${names[0]}.tps")"
for i in "${!names[@]}"; do
  m="$(median <"$out/${names[$i]}.tps" | awk '{print ($1 == "-") ? "-" : sprintf("%.0f", $1)}')"
  all="$(awk '{printf "%s%.0f", (NR > 1 ? " " : ""), $1}' "$out/${names[$i]}.tps")"
  echo "| ${names[$i]} | \`${envs[$i]:-(none)}\` | $m | $all | $(ratio "$m" "$base") |"
done
