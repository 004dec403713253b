#!/usr/bin/env bash
# Scrape throughput of two agent builds, in pairs on one machine: a host with 1,000 emulated images,
# wrk for 10 s after 5 s of warm-up, a fresh host per round, the two jars in turn (the order reversed
# every other round so that neither always runs first). Needs wrk, curl, javac and the emulator built
# (mvn -pl emulator -am package). Prints one line per round: jar, connections, requests a second.
#
#   examples/benchmarks/compare-scrapes.sh BEFORE.jar AFTER.jar [rounds]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BEFORE.jar AFTER.jar [rounds]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
before=$(realpath "$1"); after=$(realpath "$2"); rounds=${3:-3}
for tool in wrk curl javac; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
[ -d "$root/emulator/target/native" ] || { echo "build the emulator first: mvn -pl emulator -am package" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/host"
printf 'public class H { public static void main(String[] a) throws Exception { Thread.sleep(Long.MAX_VALUE); } }\n' > "$work/host/H.java"
javac -d "$work/host" "$work/host/H.java"
for i in $(seq 1 1000); do printf 'C:\\Mount\\img%d\tD:\\images\\img%d.wim\t1\tReadWrite\tOk\n' "$i" "$i"; done > "$work/state.tsv"

run() { # jar label connections
  local port=$(( 41000 + RANDOM % 2000 )) threads=$(( $3 < 2 ? 1 : 2 ))
  DISMAPI_EMULATOR_STATE="$work/state.tsv" java -Xmx256m -Djna.library.path="$root/emulator/target/native" \
    -javaagent:"$1"=port=$port,interval=1h -cp "$work/host" H > "$work/host.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/metrics" && break; sleep 0.2; done
  wrk -t$threads -c$3 -d5s "http://127.0.0.1:$port/metrics" > /dev/null
  echo "$2 connections=$3 $(wrk -t$threads -c$3 -d10s "http://127.0.0.1:$port/metrics" | awk '/Requests\/sec/{print $2}') req/s"
  kill $pid; wait $pid 2>/dev/null || true
}
for round in $(seq 1 "$rounds"); do
  for connections in 16 1; do
    if [ $((round % 2)) = 1 ]; then run "$before" before $connections; run "$after" after $connections
    else run "$after" after $connections; run "$before" before $connections; fi
  done
done
