#!/usr/bin/env bash
# Threads against load (docs/BENCHMARKS.md, "Threads"): training tokens/s and decoding sentences/s
# of configs/spa-eng-peer.yaml on the shared spa-eng split (bench/lib.sh), for 1 and N libtorch
# intra-op threads, on a quiet machine and with one other process busy on one core, with libgomp's
# default waiting ("before": threads spin 300,000 times before sleeping, GOMP_SPINCOUNT=300000) and
# with the launcher's OMP_WAIT_POLICY=PASSIVE ("after"). The cells are interleaved (for each load,
# for each thread count: each policy in turn), so drift on the machine touches all alike. Prints a
# markdown table; the raw figures and logs stay in --out.
#
#   bench/threads/run.sh [--threads "1 2"] [--steps N] [--lines N] [--model RUN_DIR] [--cap S]
#                        [--out DIR] [--only train|decode] [--policies "before after"]
#     --threads   intra-op thread counts to compare (default: "1 $(nproc)")
#     --steps     training steps per cell (default 20; tokens/s logged every 4 steps, the first
#                 interval is warm-up and left out; the figure is the median of the others)
#     --lines     test sources to translate per cell (default 500; beam 4, the model's defaults)
#     --model     a training run directory to translate with and to take the tokenizer from
#                 (default: OUT/model, trained for 300 steps on first use, untimed)
#     --cap       seconds a cell may run before it is stopped (default 150): a training cell
#                 reports the intervals it logged, a translation "<" lines/cap
#     --only      run only the training or only the decoding half
#     --policies  wait policies to compare: before (GOMP_SPINCOUNT=300000, libgomp's default), after
#                 (OMP_WAIT_POLICY=PASSIVE, the launcher's default), spinN (GOMP_SPINCOUNT=N)
# Needs an otherwise idle machine: the script itself provides the load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

threads="1 $(nproc)"
steps=20
lines=500
model=""
cap=150
out="runs/bench-threads"
only=""
policies="before after"
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --lines) lines="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --cap) cap="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --policies) policies="$2"; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "bench/threads/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
config="configs/spa-eng-peer.yaml"
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"
test_tsv="$spa_eng_shared/test.tsv"
[ -f "$test_tsv" ] || { echo "bench/threads/run.sh: $test_tsv not found (the shared corpus)" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
model="${model:-$out/model}"
log_every=4

./nmt --version >/dev/null
load_pid=""
cell_pid=""
cleanup() {
  [ -z "$cell_pid" ] || kill "$cell_pid" 2>/dev/null || true
  [ -z "$load_pid" ] || kill "$load_pid" 2>/dev/null || true
}
trap cleanup EXIT

if [ ! -f "$model/tokenizer.model" ] || [ -z "$(ls "$model/checkpoints" 2>/dev/null)" ]; then
  echo "== training the model to translate with ($model, 300 steps, untimed)" >&2
  ./nmt train --config "$config" --no-progress "${spa_eng_shared_sets[@]}" --set run_dir="$model" \
    --set train.max_steps=300 --set train.max_minutes=0 --set train.validate_every=100000 \
    --set train.checkpoint_every=100000 --set train.log_every=50 >"$out/model.log" 2>&1
fi
tokenizer="$model/tokenizer.model"
awk -F'\t' -v n="$lines" 'NR <= n {print $1}' "$test_tsv" >"$out/sources.txt"

# load_on / load_off: one process busy on one core (no pinning), or none
load_on() { sh -c 'while :; do :; done' & load_pid=$!; }
load_off() { if [ -n "$load_pid" ]; then kill "$load_pid"; wait "$load_pid" 2>/dev/null || true; load_pid=""; fi; }

# policy_env before|after: the environment the launcher runs libtorch under
policy_env() {
  case "$1" in
    before) echo "GOMP_SPINCOUNT=300000" ;;
    after) echo "OMP_WAIT_POLICY=PASSIVE" ;;
    spin*) echo "GOMP_SPINCOUNT=${1#spin}" ;;
    *) echo "bench/threads/run.sh: unknown policy '$1'" >&2; exit 2 ;;
  esac
}
# policy_label POLICY: how the table names it
policy_label() {
  case "$1" in
    before) echo "spin 300,000 (libgomp default)" ;;
    after) echo "PASSIVE" ;;
    *) echo "GOMP_SPINCOUNT=${1#spin}" ;;
  esac
}

# median of the numbers on standard input ("-" when there are none)
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) printf "%.0f\n", v[(NR+1)/2]; else printf "%.0f\n", (v[NR/2]+v[NR/2+1])/2}'; }

# train_cell NAME THREADS POLICY: tokens/s intervals into NAME.tps; stops the JVM as soon as the
# last interval is logged (so the end-of-run validation is not timed nor waited for)
train_cell() {
  local name="$1" t="$2" policy="$3" dir="$out/cells/$1" waited=0
  rm -rf "$dir"
  mkdir -p "$dir"
  env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT $(policy_env "$policy") NMT_THREADS="$t" \
    ./nmt train --config "$config" --no-progress --set run_dir="$dir/run" "${spa_eng_shared_sets[@]}" \
    --set tokenizer.model="$tokenizer" --set train.max_steps="$steps" --set train.max_minutes=0 \
    --set train.validate_every=100000 --set train.checkpoint_every=100000 \
    --set train.log_every="$log_every" >"$dir/log" 2>&1 &
  cell_pid=$!
  while kill -0 "$cell_pid" 2>/dev/null; do
    if [ "$(cat "$dir/run/metrics.jsonl" 2>/dev/null | grep -c '"tokens_per_s"' || true)" -ge $((steps / log_every)) ] \
      || [ "$waited" -ge "$cap" ]; then
      # CPU time the JVM used over its life / its wall time: how many cores it kept busy
      awk -v hz="$(getconf CLK_TCK)" -v up="$(cut -d' ' -f1 /proc/uptime)" \
        '{sub(/.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz / (up - $20 / hz)}' \
        "/proc/$cell_pid/stat" >"$out/$name.cores" 2>/dev/null || echo "-" >"$out/$name.cores"
      kill -KILL "$cell_pid" 2>/dev/null || true # nothing of the run is kept
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  wait "$cell_pid" 2>/dev/null || true
  cell_pid=""
  grep -o '"tokens_per_s":[0-9.]*' "$dir/run/metrics.jsonl" 2>/dev/null | cut -d: -f2 | tail -n +2 >"$out/$name.tps" || true
}

# decode_cell NAME THREADS POLICY: sentences/s of ./nmt translate (its own summary line) into NAME.sps
decode_cell() {
  local name="$1" t="$2" policy="$3" dir="$out/cells/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  if env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT $(policy_env "$policy") NMT_THREADS="$t" \
    timeout "$cap" ./nmt translate --no-progress --model "$model" --checkpoint last \
    --input "$out/sources.txt" --output "$dir/hyp.txt" >"$dir/log" 2>&1; then
    grep -o '[0-9.]* sentences/s' "$dir/log" | tail -1 | cut -d' ' -f1 >"$out/$name.sps"
  else
    # stopped after --cap seconds (start-up included), or failed: see its log
    awk -v n="$lines" -v c="$cap" 'BEGIN {printf "<%.1f\n", n / c}' >"$out/$name.sps"
  fi
}

halves="train decode"
[ -z "$only" ] || halves="$only"
for half in $halves; do
  for load in quiet loaded; do
    for t in $threads; do
      for policy in $policies; do
        name="$half-$load-$t-$policy"
        echo "== $name (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
        [ "$load" = quiet ] || load_on
        "${half}_cell" "$name" "$t" "$policy"
        load_off
      done
    done
  done
done

cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
# cell HALF LOAD THREADS POLICY: the figure of one cell
cell() {
  if [ "$1" = train ]; then median <"$out/$1-$2-$3-$4.tps"; else cat "$out/$1-$2-$3-$4.sps"; fi
}
# ratio A B: A/B to two decimals, or "-"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a+0 > 0 && b+0 > 0) printf "%.2f×", a/b; else print "-"}'; }

echo "Processor: $cpu ($(nproc) cores); $(date -u '+%Y-%m-%d %H:%M UTC'); bench/threads/run.sh"
echo "--steps $steps --lines $lines; training: median tokens/s over intervals of $log_every steps"
echo "after the first; decoding: sentences/s of ./nmt translate (beam 4) on the first $lines test sources."
echo
for half in $halves; do
  unit="tokens/s"; [ "$half" = train ] || unit="sentences/s"
  header="| $half, $unit | wait policy |"
  rule="| --- | --- |"
  for t in $threads; do header="$header $t thread(s) |"; rule="$rule --- |"; done
  t1="${threads%% *}"
  for t in $threads; do [ "$t" = "$t1" ] || { header="$header $t ÷ $t1 |"; rule="$rule --- |"; }; done
  echo "$header"
  echo "$rule"
  for load in quiet loaded; do
    for policy in $policies; do
      label="$(policy_label "$policy")"
      row="| $load | $label |"
      for t in $threads; do row="$row $(cell "$half" "$load" "$t" "$policy") |"; done
      base="$(cell "$half" "$load" "$t1" "$policy")"
      for t in $threads; do [ "$t" = "$t1" ] || row="$row $(ratio "$(cell "$half" "$load" "$t" "$policy")" "$base") |"; done
      echo "$row"
    done
  done
  echo
done
if [ -z "$only" ] || [ "$only" = train ]; then
  echo "Cores the training JVM kept busy (its CPU time over its wall time, start-up included):"
  echo
  header="| load | wait policy |"; rule="| --- | --- |"
  for t in $threads; do header="$header $t thread(s) |"; rule="$rule --- |"; done
  echo "$header"; echo "$rule"
  for load in quiet loaded; do
    for policy in $policies; do
      label="$(policy_label "$policy")"
      row="| $load | $label |"
      for t in $threads; do row="$row $(cat "$out/train-$load-$t-$policy.cores") |"; done
      echo "$row"
    done
  done
fi
