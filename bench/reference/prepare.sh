#!/usr/bin/env bash
# The data of the plain-PyTorch reference (bench/reference/README.md): a SentencePiece model and the
# id files of train/dev/test, all made by nmt4j itself, so that neither a SentencePiece package nor
# anything outside the repository is needed.
#
#   bench/reference/prepare.sh [--data DIR] [--tokenizer FILE.model] [--work DIR]
#     --data       train.tsv, dev.tsv and test.tsv, English<TAB>Spanish
#                  (default ../shared/data/spa-eng beside the checkout, the split of the earlier figures)
#     --tokenizer  a SentencePiece model with nmt4j's special ids (pad 0, unk 1, bos 2, eos 3);
#                  default: trained by './nmt prepare' with the tokenizer section of
#                  configs/spa-eng-peer.yaml (joint unigram, 8,000 pieces) on DIR/train.tsv
#     --work       where everything goes (default /tmp/nmt4j-reference)
# Writes WORK/spm.model (a copy of the tokenizer), vocab.tsv, train.{en,es}.ids and, for dev and
# test grouped by English source, SPLIT.src, SPLIT.src.ids and SPLIT.ref0..N (PrepareIds.java).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="$root/../shared/data/spa-eng"
tokenizer=""
work=/tmp/nmt4j-reference
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --tokenizer) tokenizer="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench/reference/prepare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for split in train dev test; do
  [ -f "$data/$split.tsv" ] || { echo "bench/reference/prepare.sh: $data/$split.tsv not found: pass --data DIR with train.tsv, dev.tsv and test.tsv (English<TAB>Spanish), e.g. a split of what './nmt download spa-eng' fetches" >&2; exit 1; }
done
[ -z "$tokenizer" ] || [ -f "$tokenizer" ] || { echo "bench/reference/prepare.sh: --tokenizer $tokenizer not found" >&2; exit 1; }
mkdir -p "$work"
work="$(cd "$work" && pwd)"
data="$(cd "$data" && pwd)"
cd "$root"
./nmt --version >/dev/null # builds nmt4j on first use: its class path runs PrepareIds.java

if [ -z "$tokenizer" ]; then
  tokenizer="$work/tokenizer/spm.model"
  if [ ! -f "$tokenizer" ]; then
    echo "bench/reference/prepare.sh: training the tokenizer with ./nmt prepare (log: $work/tokenizer.log)" >&2
    ./nmt prepare --config configs/spa-eng-peer.yaml --set data.train="$data/train.tsv" \
      --set data.dev="$data/dev.tsv" --set data.test="$data/test.tsv" --out "$work/tokenizer" >"$work/tokenizer.log" 2>&1 ||
      { tail -5 "$work/tokenizer.log" >&2; echo "bench/reference/prepare.sh: ./nmt prepare failed (log: $work/tokenizer.log)" >&2; exit 1; }
  fi
fi
java -Dai.djl.offline=true -Dlogback.configurationFile="$root/cli/src/main/resources/logback.xml" \
  -cp "$root/cli/target/classes:$(cat "$root/cli/target/classpath.txt")" \
  "$root/bench/reference/PrepareIds.java" --tokenizer "$tokenizer" --data "$data" --work "$work"
