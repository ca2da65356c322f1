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

# cell NAME VARS: tokens/s intervals after the first appended to OUT/NAME.tps
cell() {
  local dir="$out/cell" waited=0 pid vars=()
  [ -z "$2" ] || IFS=, read -r -a vars <<<"$2"
  rm -rf "$dir"
  env "${vars[@]}" NMT_THREADS="$threads" ./nmt train --config configs/spa-eng-peer.yaml --no-progress \
    --set run_dir="$dir" --set tokenizer.model="$tokenizer" --set train.max_steps="$steps" \
    --set train.max_minutes=0 --set train.validate_every=100000 --set train.checkpoint_every=100000 \
    --set train.log_every="$log_every" >"$out/$1.log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(cat "$dir/metrics.jsonl" 2>/dev/null | grep -c '"tokens_per_s"' || true)" -ge $((steps / log_every)) ] || [ "$waited" -ge 900 ]; then
      kill "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  wait "$pid" 2>/dev/null || true
  grep -o '"tokens_per_s":[0-9.]*' "$dir/metrics.jsonl" | cut -d: -f2 | tail -n +2 >>"$out/$1.tps"
}

for n in "${names[@]}"; do rm -f "$out/$n.tps"; done
for r in $(seq "$repeats"); do
  for i in "${!names[@]}"; do
    echo "== ${names[$i]}, repeat $r (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    cell "${names[$i]}" "${envs[$i]}"
  done
done

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) printf "%.0f\n", v[(NR+1)/2]; else printf "%.0f\n", (v[NR/2]+v[NR/2+1])/2}'; }
echo "Processor: $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(nproc) cores); $(date -u '+%Y-%m-%d %H:%M UTC');" \
  "commit $(git rev-parse --short HEAD); bench/env/run.sh --threads $threads --steps $steps --repeats $repeats"
echo
echo "| environment | variables | tokens/s (median) | intervals | ÷ ${names[0]} |"
echo "| --- | --- | ---: | --- | ---: |"
base="$(median <"$out/${names[0]}.tps")"
for i in "${!names[@]}"; do
  m="$(median <"$out/${names[$i]}.tps")"
  all="$(awk '{printf "%s%.0f", (NR > 1 ? " " : ""), $1}' "$out/${names[$i]}.tps")"
  echo "| ${names[$i]} | \`${envs[$i]:-(none)}\` | $m | $all | $(awk -v a="$m" -v b="$base" 'BEGIN {if (a+0 > 0 && b+0 > 0) printf "%.2f×", a/b; else print "-"}') |"
done
