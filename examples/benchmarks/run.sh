#!/usr/bin/env bash
# Reproduces the results of docs/performance.md on this machine: dismagent against Prometheus'
# jmx_exporter, side by side in one run, and JMH benchmarks of the refresh. Linux; needs a JDK,
# Maven, gcc and wrk (apt-get install wrk). About 15 minutes; --quick takes about 3.
#
#   examples/benchmarks/run.sh                 results in examples/benchmarks/target/results/
#   examples/benchmarks/run.sh --update-docs   and into docs/performance.md and docs/performance-chart.svg
#   examples/benchmarks/run.sh --quick         short runs, to check the harness
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v wrk >/dev/null || { echo "the benchmarks need wrk: apt-get install wrk" >&2; exit 1; }
quick=0
docs=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --update-docs) docs=(--docs "$root/docs") ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

mvn -q -B -DskipTests package -pl examples/benchmarks -am
out="$root/examples/benchmarks/target/results"
mkdir -p "$out"
jar="$root/examples/benchmarks/target/benchmarks.jar"

echo "== JMH: refresh through the real binding on the emulator"
if [ "$quick" = 1 ]; then jmh_runs=(-wi 1 -w 1s -i 2 -r 1s); else jmh_runs=(-wi 3 -w 2s -i 5 -r 3s); fi
DISMAPI_EMULATOR_STATE="$out/jmh-state.tsv" java -jar "$jar" RefreshBenchmark -f 1 "${jmh_runs[@]}" \
  -jvmArgs "-Xmx2g -Djna.library.path=$root/emulator/target/native" -rf json -rff "$out/jmh.json"

echo "== dismagent and jmx_exporter, side by side"
quick_flag=()
[ "$quick" = 1 ] && quick_flag=(--quick)
java -cp "$jar" io.github.dismagent.benchmarks.Harness --agent "$root/agent/target/dismagent.jar" \
  --jmx-exporter "$root/examples/benchmarks/target/bench-libs/jmx_prometheus_javaagent.jar" \
  --emulator "$root/emulator/target/native" --out "$out" --jmh "$out/jmh.json" "${quick_flag[@]}" "${docs[@]}"
