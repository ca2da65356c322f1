#!/usr/bin/env bash
# Decoding throughput benchmark (not a test). Builds the project (through ./nmt) and runs
# DecodeBenchmark.java with the launcher's class path, once per thread count.
#   bench/decode/run.sh [N_SENTENCES] [--save DIR]      default N_SENTENCES=500
#   NMT_BENCH_THREADS="1 2" bench/decode/run.sh          libtorch intra-op threads to try
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./nmt --version >/dev/null
cp="$root/cli/target/classes:$(cat "$root/cli/target/classpath.txt")"
# libtorch's OpenMP threads sleep when idle, as under ./nmt (docs/BENCHMARKS.md, "Threads")
[ -n "${OMP_WAIT_POLICY:-}${GOMP_SPINCOUNT:-}" ] || export OMP_WAIT_POLICY=PASSIVE
for threads in ${NMT_BENCH_THREADS:-1 2}; do
  echo "== threads: $threads (load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
  java -Xss4m -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
    -Dai.djl.pytorch.num_interop_threads=1 -Dlogback.configurationFile="$root/cli/src/main/resources/logback.xml" \
    -cp "$cp" bench/decode/DecodeBenchmark.java "$@"
done
