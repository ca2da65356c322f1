#!/usr/bin/env bash
# Padding benchmark (not a test). Builds the project (through ./nmt) and runs PaddingBench.java
# with the launcher's class path.
#   bench/padding/run.sh [TRAIN.tsv] [--budget N] [--model SPM.model] [--out DIR] [--seed N]
#   default TRAIN.tsv: ../shared/data/spa-eng/train.tsv (the dev.tsv beside it is the dev split)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./nmt --version >/dev/null
cp="$root/cli/target/classes:$(cat "$root/cli/target/classpath.txt")"
# libtorch's OpenMP threads sleep when idle, as under ./nmt (docs/BENCHMARKS.md, "Threads")
[ -n "${OMP_WAIT_POLICY:-}${GOMP_SPINCOUNT:-}" ] || export OMP_WAIT_POLICY=PASSIVE
if [ $# -eq 0 ] || [[ "$1" == -* ]]; then
  set -- "$root/../shared/data/spa-eng/train.tsv" "$@"
fi
exec java -Xss4m -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="${NMT_THREADS:-1}" \
  -Dai.djl.pytorch.num_interop_threads=1 -Dlogback.configurationFile="$root/cli/src/main/resources/logback.xml" \
  -cp "$cp" bench/padding/PaddingBench.java "$@"
