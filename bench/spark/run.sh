#!/usr/bin/env bash
# Spark job throughput against ./nmt translate (not a test; run it on a quiet machine).
#   bench/spark/run.sh MODEL_DIR [BEAM]        BEAM defaults to the model's own (as ./nmt translate)
#   NMT_BENCH_REPEATS=3                        runs per configuration (the median is reported)
#   NMT_BENCH_WORK=/tmp/nmt4j-bench-spark      work directory (inputs, outputs, logs, Spark home)
#   NMT_BENCH_LOCAL_CLUSTER=0                  skip the local-cluster run
#   NMT_BENCH_SOURCES=FILE                     other sources, one per line (e.g. to try the script)
# Input: the 2,000 distinct English sources of ../shared/data/spa-eng/test.tsv. Every run uses one
# libtorch thread per task slot (NMT_THREADS=1). Prints a Markdown table (docs/spark.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="$(cd "${1:?usage: bench/spark/run.sh MODEL_DIR [BEAM]}" && pwd)"
beam_args=()
if [ -n "${2:-}" ]; then beam_args=(--beam "$2"); fi
repeats="${NMT_BENCH_REPEATS:-3}"
work="${NMT_BENCH_WORK:-/tmp/nmt4j-bench-spark}"
data="$root/../shared/data/spa-eng/test.tsv"
export NMT_THREADS=1 SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
mkdir -p "$work"
cd "$root"

echo "building (./nmt, the spark module and its jars)..." >&2
./nmt --version >/dev/null
./nmt spark-local --version >/dev/null
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl spark -am package >"$work/build.log" 2>&1
jar="$(ls "$root"/spark/target/nmt4j-spark-*-all.jar)"

if [ -n "${NMT_BENCH_SOURCES:-}" ]; then
  cp "$NMT_BENCH_SOURCES" "$work/sources.txt"
else
  cut -f1 "$data" | awk '!seen[$0]++' >"$work/sources.txt"
fi
head -1 "$work/sources.txt" >"$work/one.txt"
echo "input: $(wc -l <"$work/sources.txt") sentences, $(wc -c <"$work/sources.txt") bytes;" \
  "beam ${2:-as the model says}; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# run NAME CMD...: runs CMD, appends "wall_s job_s sentences_per_s" to $work/NAME.runs
run() {
  local name="$1"
  shift
  local log="$work/$name.log" t0 t1
  t0=$(date +%s.%N)
  "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "$name failed" >&2; exit 1; }
  t1=$(date +%s.%N)
  local figures
  figures=$(sed -nE 's/.* in ([0-9.]+) s: ([0-9.]+) sentences\/s.*/\1 \2/p' "$log" | tail -1)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') $figures" >>"$work/$name.runs"
}

median() { # column of $work/NAME.runs
  awk -v c="$2" '{print $c}' "$work/$1.runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

spark_home() { # a Spark installation made of the Maven jars, for spark-submit in local-cluster mode
  local home="$work/spark-home"
  rm -rf "$home" && mkdir -p "$home/jars" "$home/conf"
  for j in $(tr ':' ' ' <"$root/spark/target/spark-classpath.txt"); do ln -s "$j" "$home/jars/"; done
  cp "$root/spark/conf/log4j2.properties" "$home/conf/"
  echo "$home"
}

translate() { ./nmt translate --model "$model" ${beam_args[@]+"${beam_args[@]}"} --input "$1" --output "$2"; }
local_job() { # MASTER INPUT OUTPUT
  rm -rf "$3"
  ./nmt spark-local --master "$1" --model "$model" ${beam_args[@]+"${beam_args[@]}"} --input "$2" --output "$3"
}
cluster_job() { # INPUT OUTPUT
  rm -rf "$2" "$SPARK_HOME/work"
  java @"$root/spark/target/jvm.args" -Dlog4j2.configurationFile="$SPARK_HOME/conf/log4j2.properties" \
    -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
    --master 'local-cluster[2,1,2048]' --conf spark.ui.enabled=false \
    --conf spark.executor.extraJavaOptions="-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1" \
    --archives "$work/model.zip#model" --class org.nmt4j.spark.SparkTranslate "$jar" \
    --model model ${beam_args[@]+"${beam_args[@]}"} --input "$1" --output "$2"
}

rm -f "$work"/*.runs
configs="translate local1 local2"
if [ "${NMT_BENCH_LOCAL_CLUSTER:-1}" != 0 ]; then
  configs="$configs cluster2"
  SPARK_HOME="$(spark_home)" && export SPARK_HOME SPARK_SCALA_VERSION=2.13
  rm -f "$work/model.zip" && jar cfM "$work/model.zip" -C "$model" .
fi
for i in $(seq "$repeats"); do
  echo "round $i/$repeats..." >&2
  run translate translate "$work/sources.txt" "$work/translate.txt"
  run translate-one translate "$work/one.txt" "$work/translate-one.txt"
  run local1 local_job 'local[1]' "$work/sources.txt" "$work/out-local1"
  run local1-one local_job 'local[1]' "$work/one.txt" "$work/out-local1-one"
  run local2 local_job 'local[2]' "$work/sources.txt" "$work/out-local2"
  run local2-one local_job 'local[2]' "$work/one.txt" "$work/out-local2-one"
  if [ "${NMT_BENCH_LOCAL_CLUSTER:-1}" != 0 ]; then
    run cluster2 cluster_job "$work/sources.txt" "$work/out-cluster2"
    run cluster2-one cluster_job "$work/one.txt" "$work/out-cluster2-one"
  fi
done
for out in out-local1 out-local2 out-cluster2; do
  [ -d "$work/$out" ] || continue
  cat "$work/$out"/part-* | cmp -s - "$work/translate.txt" || { echo "$out differs from ./nmt translate" >&2; exit 1; }
done

echo
echo "| run | sentences/s (job) | job s | command wall s | command wall s, 1-line input |"
echo "|---|---|---|---|---|"
for c in $configs; do
  one="$c-one"
  [ "$c" = translate ] && one=translate-one
  echo "| $c | $(median "$c" 3) | $(median "$c" 2) | $(median "$c" 1) | $(median "$one" 1) |"
done
echo
echo "(medians of $repeats runs; outputs identical to ./nmt translate; logs in $work)"
