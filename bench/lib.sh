# Shared by the bench/ scripts (sourced, not run; they set root, the checkout, first).

# The spa-eng split that the earlier figures of docs/BENCHMARKS.md and docs/RESULTS.md and the
# plain-PyTorch reference used: ../shared/data/spa-eng beside the checkout. configs/spa-eng-*.yaml
# read the download (data-cache/spa-eng/spa.txt) and split it themselves; a benchmark that must stay
# comparable gives ./nmt train these --set values instead (absolute, so they hold in any directory).
spa_eng_shared="$root/../shared/data/spa-eng"
spa_eng_shared_sets=(--set data.format=tsv --set "data.train=$spa_eng_shared/train.tsv"
  --set "data.dev=$spa_eng_shared/dev.tsv" --set "data.test=$spa_eng_shared/test.tsv")

# nmt4j_require_shared_spa_eng NAME: exits with a message naming the script NAME when that split is
# not there
nmt4j_require_shared_spa_eng() {
  [ -f "$spa_eng_shared/train.tsv" ] ||
    { echo "$1: $spa_eng_shared/train.tsv not found (../shared sits beside the checkout)" >&2; exit 1; }
}

# nmt4j_train_cell DIR TOKENIZER STEPS LOG_EVERY TPS LOG [VAR=VALUE...]: trains
# configs/spa-eng-peer.yaml for STEPS steps in DIR (replaced) with the given extra environment,
# stops the JVM once the last interval is logged (the end-of-run validation is neither timed nor
# waited for), and appends the tokens/s of every logged interval after the first to TPS. It trains
# on the shared split, or on bench_data's train.tsv/dev.tsv/test.tsv when the caller sets bench_data
# to a directory.
nmt4j_train_cell() {
  local dir="$1" tokenizer="$2" steps="$3" log_every="$4" tps="$5" log="$6" waited=0 pid
  local data_args=("${spa_eng_shared_sets[@]}")
  shift 6
  rm -rf "$dir"
  if [ -n "${bench_data:-}" ]; then
    data_args=(--set data.format=tsv --set data.train="$bench_data/train.tsv"
      --set data.dev="$bench_data/dev.tsv" --set data.test="$bench_data/test.tsv")
  else
    nmt4j_require_shared_spa_eng "$0"
  fi
  env "$@" ./nmt train --config configs/spa-eng-peer.yaml --no-progress --set run_dir="$dir" \
    "${data_args[@]}" \
    --set tokenizer.model="$tokenizer" --set train.max_steps="$steps" --set train.max_minutes=0 \
    --set train.validate_every=100000 --set train.checkpoint_every=100000 \
    --set train.log_every="$log_every" >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(cat "$dir/metrics.jsonl" 2>/dev/null | grep -c '"tokens_per_s"' || true)" -ge $((steps / log_every)) ] ||
      [ "$waited" -ge 900 ]; then
      kill "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  wait "$pid" 2>/dev/null || true
  grep -o '"tokens_per_s":[0-9.]*' "$dir/metrics.jsonl" | cut -d: -f2 | tail -n +2 >>"$tps"
}

# median: the median of the numbers on standard input, one decimal ("-" when there are none)
median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) printf "%.1f\n", v[(NR+1)/2]; else printf "%.1f\n", (v[NR/2]+v[NR/2+1])/2}'; }

# ratio A B: A/B to two decimals with a ×, or "-"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a+0 > 0 && b+0 > 0) printf "%.2f×", a/b; else print "-"}'; }

# nmt4j_preload [VAR=VALUE...]: the LD_PRELOAD ./nmt gives its JVM (native/env.sh) under those
# variables (e.g. NMT_MKL_DISPATCH=vendor), for a JVM a bench starts by itself; needs root
nmt4j_preload() { (for v in "$@"; do export "${v?}"; done && source "$root/native/env.sh" && echo "$nmt_preload"); }

# nmt4j_mkl_dispatch: how MKL picks its kernels in ./nmt's JVM here, "features" or "vendor"
nmt4j_mkl_dispatch() { [[ "$(nmt4j_preload)" == *libnmt4j_mkl_dispatch* ]] && echo features || echo vendor; }

# nmt4j_peak_cell FILE THREADS REPEATS [VAR=VALUE...]: appends the median GFLOP/s of 2048² fp32
# products (bench/peak/MatmulPeak.java) to FILE, in a JVM with the LD_PRELOAD ./nmt would give it
# under those variables; needs root and ./nmt's build (cli/target)
nmt4j_peak_cell() {
  local file="$1" threads="$2" repeats="$3"
  shift 3
  env OMP_WAIT_POLICY=PASSIVE LD_PRELOAD="$(nmt4j_preload "$@")" java -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
    -Dlogback.configurationFile="$root/cli/src/main/resources/logback.xml" \
    -cp "$root/cli/target/classes:$(cat "$root/cli/target/classpath.txt")" \
    "$root/bench/peak/MatmulPeak.java" 2048 "$repeats" 2>/dev/null | sed -n 's/.*median_gflops=\([0-9.]*\).*/\1/p' >>"$file"
}

# nmt4j_decode_cell MODEL INPUT HYP FILE MODE [VAR=VALUE...]: ./nmt translate of INPUT into HYP,
# MODE greedy or beam (4, length penalty 0.6); appends "sentences/s tokens/s" to FILE (log: HYP.log)
nmt4j_decode_cell() {
  local model="$1" input="$2" hyp="$3" file="$4" beam=1
  [ "$5" = greedy ] || beam=4
  shift 5
  env "$@" ./nmt translate --no-progress --model "$model" --beam "$beam" --length-penalty 0.6 \
    --input "$input" --output "$hyp" 2>"$hyp.log"
  sed -n 's/.*: \([0-9.]*\) sentences\/s, \([0-9.]*\) tokens\/s.*/\1 \2/p' "$hyp.log" | tail -1 >>"$file"
}
