#!/usr/bin/env bash
# The GPU check (README, "GPU"): on a machine with an NVIDIA GPU and a CUDA libtorch 2.7.1 (DJL's
# download or PYTORCH_LIBRARY_PATH + PYTORCH_FLAVOR=cu128), in about 6 minutes:
#   1 engine and device            2 mask regression suite on the GPU
#   3 train configs/spa-eng-gpu.yaml for STEPS steps in fp32    4 the same in fp16
#     (tokens/s, peak GPU memory as nvidia-smi reports it, final training loss)
#   5 translate the spa-eng test set (sentences/s)
#   6 greedy output of a small fixed model (trained on the CPU): GPU against CPU
# Every step stops the script with a message when it fails.
#
#   bench/gpu/run.sh [--device gpu|gpu:N|cpu] [--steps N] [--out DIR]
#     --device cpu   the dry run (no GPU): the default build, a tiny model, 3,000 training pairs
#                    (of the shared corpus, else of corpus/demo-en-es), 3 steps; checks that
#                    every step runs (CI runs it)
#     --steps N      training steps per precision (default 200; dry run 3)
#     --out DIR      results (default runs/bench-gpu or runs/bench-cpu); summary.txt at the end
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

device=gpu
steps=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench/gpu/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$device" in
  cpu) dry=1; steps="${steps:-3}"; out="${out:-runs/bench-cpu}" ;;
  gpu|gpu:[0-9]*) dry=0; steps="${steps:-200}"; out="${out:-runs/bench-gpu}" ;;
  *) echo "bench/gpu/run.sh: --device must be gpu, gpu:N or cpu, got '$device'" >&2; exit 2 ;;
esac
gpu_index=0
if [ "$device" != cpu ]; then
  gpu_index="${device#gpu}"; gpu_index="${gpu_index#:}"; gpu_index="${gpu_index:-0}"
  export NMT_GPU=1
  # the run sees only that GPU, as gpu(0); nvidia-smi keeps the physical index
  export CUDA_VISIBLE_DEVICES="$gpu_index"
  device=gpu
fi

step_name=""
started=$(date +%s)
trap 'echo "bench/gpu/run.sh: FAILED at step ${step_name:-setup} (logs in $out)" >&2' ERR
step() { step_name="$1"; echo "== $1"; }
die() { echo "bench/gpu/run.sh: $*" >&2; exit 1; }

mkdir -p "$out"
rm -rf "$out"/fp32 "$out"/fp16 "$out"/small "$out"/data "$out"/*.log "$out"/*.txt "$out"/*.hyp
summary="$out/summary.txt"

step "1/6 engine and device"
./nmt --version >/dev/null || die "the build failed (run ./nmt --version to see why)"
cp="$root/cli/target/classes:$(cat "$root/cli/target/classpath${NMT_GPU:+-gpu}.txt")"
offline=true
[ -n "${NMT_GPU:-}" ] && [ -z "${PYTORCH_LIBRARY_PATH:-}" ] && offline=false
java -Dai.djl.offline="$offline" -Dlogback.configurationFile="$root/cli/src/main/resources/logback.xml" \
  -cp "$cp" bench/gpu/EngineReport.java "$device" | tee "$out/engine.txt"

step "2/6 mask regression suite on $device"
suite="CrossAttentionMaskTest,PaddingInvarianceTest,CausalityTest,BatchInvarianceTest,NumericalSafetyTest,IncrementalDecodingTest,MultiHeadAttentionGoldenTest"
[ "$dry" = 0 ] && suite="$suite,LearningTest"
./mvnw -B ${NMT_GPU:+-Dnmt.gpu} -DskipTests=false -Dspotless.check.skip=true \
  -Dnmt.test.device="$device" -Dtest="$suite" -Dsurefire.failIfNoSpecifiedTests=false \
  -pl model -am test >"$out/mask-suite.log" 2>&1 || { tail -40 "$out/mask-suite.log" >&2; die "the mask suite failed on $device"; }
# Maven's last "Tests run:" line is the total of the module
total_line=$(grep -o 'Tests run: [0-9]*, Failures: 0, Errors: 0, Skipped: 0$' "$out/mask-suite.log" | tail -1)
[ -n "$total_line" ] || die "no test total in $out/mask-suite.log"
tests=$(echo "$total_line" | grep -o '[0-9]*' | head -1)
echo "mask suite: $tests tests passed on $device" | tee -a "$summary"

# data: the shared spa-eng split (bench/lib.sh), not the download configs/spa-eng-gpu.yaml reads;
# the dry run takes a slice of it and a tiny model
# shellcheck source=../lib.sh
. "$root/bench/lib.sh"
data_sets=("${spa_eng_shared_sets[@]}")
tiny_sets=()
if [ "$dry" = 1 ]; then
  corpus="$spa_eng_shared"
  [ -f "$corpus/train.tsv" ] || corpus=corpus/demo-en-es   # e.g. in CI: the shipped demo corpus
  echo "dry run: the first 3,000 training pairs of $corpus, a tiny model"
  mkdir -p "$out/data"
  head -n 3000 "$corpus/train.tsv" >"$out/data/train.tsv"
  head -n 100 "$corpus/dev.tsv" >"$out/data/dev.tsv"
  head -n 100 "$corpus/test.tsv" >"$out/data/test.tsv"
  data_sets=(--set data.format=tsv --set "data.train=$out/data/train.tsv" --set "data.dev=$out/data/dev.tsv"
             --set "data.test=$out/data/test.tsv")
  tiny_sets=(--set model.model_size=32 --set model.ffn_size=64 --set model.heads=2
             --set model.encoder_layers=1 --set model.decoder_layers=1 --set tokenizer.vocab_size=500
             --set data.batch_tokens=2000)
  test_tsv="$out/data/test.tsv"
else
  test_tsv="$spa_eng_shared/test.tsv"
fi
[ -f "$test_tsv" ] || die "no test set at $test_tsv (the shared spa-eng split, ../shared beside the checkout)"

peak_watch() {  # samples the GPU's used memory (MiB) every 0.5 s into $1 until killed
  while nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i "$gpu_index" >>"$1" 2>/dev/null; do
    sleep 0.5
  done
}

train() {  # $1 = fp32 | fp16
  local p="$1" watcher="" extra=()
  [ "$p" = fp16 ] && extra=(--set "tokenizer.model=$out/fp32/tokenizer.model")
  if [ "$dry" = 0 ] && command -v nvidia-smi >/dev/null; then
    : >"$out/memory-$p.txt"; peak_watch "$out/memory-$p.txt" & watcher=$!
  fi
  ./nmt train --config configs/spa-eng-gpu.yaml --no-progress --set "run_dir=$out/$p" \
    --set "device=$device" --set "train.precision=$p" --set "train.max_steps=$steps" \
    --set train.max_epochs=0 --set train.max_minutes=0 --set train.validate_every=100000 \
    --set train.checkpoint_every=100000 --set "train.log_every=$(( steps >= 50 ? 25 : 1 ))" \
    ${data_sets[@]+"${data_sets[@]}"} ${tiny_sets[@]+"${tiny_sets[@]}"} ${extra[@]+"${extra[@]}"} \
    >"$out/train-$p.txt" 2>"$out/train-$p.log" || { [ -n "$watcher" ] && kill "$watcher"; tail -20 "$out/train-$p.log" >&2; die "training in $p failed"; }
  [ -n "$watcher" ] && kill "$watcher" && wait "$watcher" 2>/dev/null || true
  local metrics="$out/$p/metrics.jsonl" done_steps speed loss peak
  done_steps=$(grep '"event":"train"' "$metrics" | tail -1 | grep -o '"step":[0-9]*' | cut -d: -f2)
  [ "$done_steps" = "$steps" ] || die "$p: trained $done_steps steps, expected $steps"
  # tokens/s: the median of the logged intervals, the first (warm-up) left out when there are more
  speed=$(grep '"event":"train"' "$metrics" | grep -o '"tokens_per_s":[0-9.]*' | cut -d: -f2 \
    | { mapfile -t v; [ "${#v[@]}" -gt 1 ] && v=("${v[@]:1}"); printf '%s\n' "${v[@]}"; } \
    | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  loss=$(grep '"event":"train"' "$metrics" | tail -1 | grep -o '"loss":[0-9.eE+-]*' | cut -d: -f2)
  peak="n/a (no GPU)"
  if [ -s "$out/memory-$p.txt" ]; then
    peak="$(sort -n "$out/memory-$p.txt" | tail -1) MiB"
  fi
  echo "$p: $done_steps steps, $(printf '%.0f' "$speed") tokens/s (median of logged intervals), peak GPU memory $peak, last training loss $loss" | tee -a "$summary"
}

step "3/6 train configs/spa-eng-gpu.yaml for $steps steps in fp32 on $device"
train fp32
step "4/6 the same in fp16"
train fp16
grep -q "loss scale" "$out/train-fp16.log" || die "fp16: the log does not show the fp16 set-up"

step "5/6 translate the test set (beam 4) with the fp32 model on $device"
cut -f1 "$test_tsv" >"$out/test.src"
./nmt translate --model "$out/fp32" --input "$out/test.src" --output "$out/test.hyp" --beam 4 \
  2>"$out/translate.log" || { tail -20 "$out/translate.log" >&2; die "translation failed"; }
[ "$(wc -l <"$out/test.hyp")" = "$(wc -l <"$out/test.src")" ] || die "translation lost lines"
echo "translate: $(grep -o '[0-9]* sentences, .*sentences/s' "$out/translate.log")" | tee -a "$summary"

step "6/6 greedy output of a small fixed model: $device against cpu"
small_steps=300; [ "$dry" = 1 ] && small_steps=20
# trained on the CPU (GPUs hidden), so the model is the same wherever this runs
CUDA_VISIBLE_DEVICES= PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-${NMT_GPU:+cu128}}" \
  ./nmt train --config configs/demo.yaml --no-progress --set "run_dir=$out/small" --set device=cpu \
  --set "train.max_steps=$small_steps" --set train.max_minutes=0 --set train.validate_every=100000 \
  --set train.checkpoint_every=100000 >"$out/small.txt" 2>"$out/small.log" \
  || { tail -20 "$out/small.log" >&2; die "training the small model failed"; }
cut -f1 corpus/demo-en-es/dev.tsv >"$out/small.src"
CUDA_VISIBLE_DEVICES= PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-${NMT_GPU:+cu128}}" \
  ./nmt translate --model "$out/small" --input "$out/small.src" --output "$out/small-cpu.hyp" --beam 1 \
  2>"$out/small-cpu.log" || { tail -20 "$out/small-cpu.log" >&2; die "CPU translation failed"; }
./nmt translate --model "$out/small" --input "$out/small.src" --output "$out/small-$device.hyp" --beam 1 \
  2>"$out/small-$device.log" || { tail -20 "$out/small-$device.log" >&2; die "$device translation failed"; }
total=$(wc -l <"$out/small.src")
same=$(paste -d'\t' "$out/small-cpu.hyp" "$out/small-$device.hyp" | awk -F'\t' '$1 == $2' | wc -l)
echo "greedy: $same of $total lines identical on $device and cpu" | tee -a "$summary"
if [ $(( same * 100 )) -lt $(( total * 95 )) ]; then
  diff "$out/small-cpu.hyp" "$out/small-$device.hyp" | head -20 >&2 || true
  die "fewer than 95% of the greedy translations agree"
fi

step_name="done"
echo "bench/gpu/run.sh: all 6 steps passed on $device in $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s; summary in $summary"
