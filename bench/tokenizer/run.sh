#!/usr/bin/env bash
# nmt4j's SentencePiece trainer against the official spm_train, side by side on the shared spa-eng
# split (joint unigram, both columns of train.tsv): docs/data.md, "Parity with spm_train".
#   1. training time, each trainer at the same thread count, interleaved (spm_train, nmt4j,
#      spm_train, ...): spm_train's wall time, and nmt4j's both as a JVM's wall time (start-up
#      included) and inside the JVM;
#   2. pieces per sentence (English and Spanish, train and dev), the share of nmt4j's pieces that are
#      in spm_train's vocabulary, and the unknown rate, each model applied by SentencePiece-DJL;
#   3. with --bleu STEPS: configs/spa-eng-cpu.yaml trained for STEPS steps with each tokenizer (the
#      two runs side by side, one thread each; the same seed, --seed S, data and recipe), then the
#      dev BLEU of the last checkpoint, greedy and beam 4 (./nmt evaluate); the runs stay in
#      OUT/run-nmt4j and OUT/run-spm_train.
#
#   bench/tokenizer/run.sh [--type unigram|bpe] [--vocab N] [--threads N] [--repeats R] [--bleu STEPS]
#                          [--seed S] [--out DIR]
#     defaults: unigram, 8000, $(nproc) threads, 3 repeats, no BLEU, seed 1, /tmp/nmt4j-bench-tokenizer
# Needs spm_train (Debian: sentencepiece) and, for timing, an otherwise idle machine. Prints markdown.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

type=unigram
vocab=8000
threads="$(nproc)"
repeats=3
bleu_steps=0
seed=1
out=/tmp/nmt4j-bench-tokenizer
while [ $# -gt 0 ]; do
  case "$1" in
    --type) type="$2"; shift 2 ;;
    --vocab) vocab="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --bleu) bleu_steps="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench/tokenizer/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
source "$root/bench/lib.sh"
nmt4j_require_shared_spa_eng bench/tokenizer/run.sh
command -v spm_train >/dev/null ||
  { echo "bench/tokenizer/run.sh: spm_train not found: apt-get install sentencepiece" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
./nmt --version >/dev/null # builds
parity() {
  java -Dlogback.configurationFile="$root/cli/src/main/resources/logback.xml" \
    -cp "$root/cli/target/classes:$(cat "$root/cli/target/classpath.txt")" \
    "$root/bench/tokenizer/TokenizerParity.java" "$@"
}
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

cut -f1 "$spa_eng_shared/train.tsv" >"$out/train.en"
cut -f2 "$spa_eng_shared/train.tsv" >"$out/train.es"
cut -f1 "$spa_eng_shared/dev.tsv" >"$out/dev.en"
cut -f2 "$spa_eng_shared/dev.tsv" >"$out/dev.es"
cat "$out/train.en" "$out/train.es" >"$out/joint.txt"

: >"$out/spm.s"
: >"$out/nmt4j.s"
: >"$out/nmt4j-in-jvm.s"
for r in $(seq "$repeats"); do
  echo "== repeat $r of $repeats: spm_train, then nmt4j ($threads thread(s))" >&2
  t0="$(now)"
  spm_train --input="$out/joint.txt" --model_prefix="$out/spm" --model_type="$type" \
    --vocab_size="$vocab" --character_coverage=1.0 --pad_id=0 --unk_id=1 --bos_id=2 --eos_id=3 \
    --normalization_rule_name=identity --byte_fallback=false --hard_vocab_limit=false \
    --input_sentence_size=1000000 --shuffle_input_sentence=true --random_seed=1 \
    --num_threads="$threads" >"$out/spm_train.log" 2>&1
  t1="$(now)"
  echo "$t1 - $t0" | bc -l >>"$out/spm.s"
  t0="$(now)"
  parity train "$type" "$vocab" "$threads" 1 "$out/nmt4j.model" "$out/joint.txt" >"$out/nmt4j.out" 2>"$out/nmt4j.log"
  t1="$(now)"
  echo "$t1 - $t0" | bc -l >>"$out/nmt4j.s"
  sed -n 's/^seconds=//p' "$out/nmt4j.out" >>"$out/nmt4j-in-jvm.s"
done

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) vCPU, $(grep -q avx512f /proc/cpuinfo && echo AVX-512 || echo AVX2)"
echo "Commit $(git rev-parse --short HEAD), $(date -u +%Y-%m-%d), $cpu; $type, $vocab pieces, $threads thread(s), median of $repeats."
echo
echo "| measure | spm_train | nmt4j |"
echo "| --- | --- | --- |"
printf "| training time, s (nmt4j: JVM wall; in the JVM) | %.1f | %.1f; %.1f |\n" \
  "$(median <"$out/spm.s")" "$(median <"$out/nmt4j.s")" "$(median <"$out/nmt4j-in-jvm.s")"
for f in train.en train.es dev.en dev.es; do
  s="$(parity stats "$out/spm.model" "$out/$f" 2>/dev/null)"
  n="$(parity stats "$out/nmt4j.model" "$out/$f" 2>/dev/null)"
  ps() { awk -v l="$1" 'BEGIN {split(l, a, /[ =]/); printf "%.3f", a[4] / a[2]}'; }
  unk() { awk -v l="$1" 'BEGIN {split(l, a, /[ =]/); printf "%.4f%%", 100 * a[6] / a[4]}'; }
  echo "| pieces per sentence, $f (unknown) | $(ps "$s") ($(unk "$s")) | $(ps "$n") ($(unk "$n")) |"
done
c="$(parity common "$out/spm.model" "$out/nmt4j.model" 2>/dev/null)"
echo "| nmt4j's pieces also in spm_train's vocabulary | | $(awk -v l="$c" 'BEGIN {split(l, a, /[ =]/); printf "%d of %d (%.1f%%)", a[2], a[4], 100 * a[2] / a[4]}') |"

[ "$bleu_steps" -gt 0 ] || exit 0
echo "== BLEU: configs/spa-eng-cpu.yaml for $bleu_steps steps with each tokenizer" >&2
args=(--no-progress "${spa_eng_shared_sets[@]}" --set train.max_steps="$bleu_steps"
  --set train.max_minutes=0 --set train.validate_every="$bleu_steps" --set train.patience=0
  --set train.checkpoint_every="$bleu_steps" --set seed="$seed")
for trainer in nmt4j spm_train; do
  rm -rf "$out/run-$trainer"
  NMT_THREADS=1 ./nmt train --config configs/spa-eng-cpu.yaml "${args[@]}" \
    --set tokenizer.trainer="$trainer" --set run_dir="$out/run-$trainer" >"$out/run-$trainer.log" 2>&1 &
done
wait
echo
echo "| configs/spa-eng-cpu.yaml, $bleu_steps steps, seed $seed | spm_train's tokenizer | nmt4j's tokenizer |"
echo "| --- | --- | --- |"
row() {
  local label="$1" beam="$2" cells=()
  for trainer in spm_train nmt4j; do
    cells+=("$(./nmt evaluate --no-progress --model "$out/run-$trainer" --checkpoint last --beam "$beam" \
      --test "$spa_eng_shared/dev.tsv" 2>/dev/null | sed -n 's/^BLEU|[^ ]* = \([0-9.]*\).*/\1/p')")
  done
  echo "| dev BLEU, $label | ${cells[0]} | ${cells[1]} |"
}
row greedy 1
row "beam 4" 4
