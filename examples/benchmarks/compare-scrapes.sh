#!/usr/bin/env bash
# Scrape throughput of two agent builds, in pairs on one machine (docs/performance.md): a host with 1,000
# emulated images, wrk for 10 s after 5 s of warm-up, a fresh host per round, the two jars in turn (the
# order reversed every other round so that neither always runs first). Prints one line per run: build,
# connections, requests a second. Linux; needs a JDK, Maven, curl and wrk.
#
#   examples/benchmarks/compare-scrapes.sh --before OLD.jar [--after NEW.jar] [--rounds N]
source "$(dirname "$0")/lib/common.sh"
before=""
after="$own_agent"
rounds=3
bench_options "--before JAR [--after JAR] [--rounds N]" "before after rounds" "" "$@"
[ -n "$before" ] || { echo "usage: $0 --before JAR [--after JAR] [--rounds N]" >&2; exit 2; }
before=$(realpath "$before"); after=$(realpath "$after")
bench_need curl wrk
agent="$after" bench_build
bench_compile "$trivial_host"
for i in $(seq 1 1000); do printf 'C:\\Mount\\img%d\tD:\\images\\img%d.wim\t1\tReadWrite\tOk\n' "$i" "$i"; done > "$work/state.tsv"

run() { # $1: jar, $2: label, $3: connections
  local port threads=$(( $3 < 2 ? 1 : 2 ))
  port=$(bench_port)
  agent="$1"
  bench_start_host "$work/state.tsv" "$work/host.log" "port=$port,interval=1h" -Xmx256m -- io.github.dismagent.benchmarks.TrivialHost idle
  bench_wait_until_served 100 "http://127.0.0.1:$port/metrics" "$work/host.log"
  wrk -t$threads -c"$3" -d5s "http://127.0.0.1:$port/metrics" > /dev/null
  echo "$2 connections=$3 $(wrk -t$threads -c"$3" -d10s "http://127.0.0.1:$port/metrics" | awk '/Requests\/sec/{print $2}') req/s"
  kill "$host_pid"; wait "$host_pid" 2>/dev/null || true
  host_pid=""
}
for round in $(seq 1 "$rounds"); do
  for connections in 16 1; do
    if [ $((round % 2)) = 1 ]; then run "$before" before "$connections"; run "$after" after "$connections"
    else run "$after" after "$connections"; run "$before" before "$connections"; fi
  done
done
