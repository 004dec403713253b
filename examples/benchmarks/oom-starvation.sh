#!/usr/bin/env bash
# The out-of-memory run of docs/reliability.md ("Attacks tried from outside"): a host with a 24 MB heap
# (-XX:+UseSerialGC) and the agent at interval=200ms,callTimeout=10s fills its heap until
# OutOfMemoryError, keeps allocating small arrays for 20 s, then frees everything. Prints, for each of
# --runs runs, whether the agent reads DISM again afterwards: the refresh count before and after, dism_up,
# the HTTP answers of /metrics and /-/healthy, and the agent's last error. Linux; needs a JDK, Maven,
# gcc and curl. (agent/src/test/.../StarvedHostIT is the same run as a test.)
#
#   examples/benchmarks/oom-starvation.sh                      the agent built from this tree
#   examples/benchmarks/oom-starvation.sh --agent OTHER.jar    another build (e.g. an older one), same run
source "$(dirname "$0")/lib/common.sh"
seconds=20
runs=3
bench_options "[--agent JAR] [--seconds N] [--runs N]" "agent seconds runs" "" "$@"
bench_need curl
bench_build
bench_compile "$root/agent/src/test/resources/hosts/starving/StarvingHost.java"
bench_one_image "$work/state"

metric() { { curl -s --max-time 5 "$1" || true; } | awk -v n="$2" '$1 == n {print $2}'; }
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }

echo "agent: $agent"
echo "host: -Xmx24m -XX:+UseSerialGC, agent interval=200ms,callTimeout=10s; heap filled, ${seconds}s of allocation, then freed"
recovered=0
for run in $(seq 1 "$runs"); do
  rm -f "$work/trigger"
  port=$(bench_port)
  bench_start_host "$work/state" "$work/host.$run.log" "port=$port,interval=200ms,callTimeout=10s" -Xmx24m -XX:+UseSerialGC \
    -- StarvingHost "$work/trigger" "$seconds"
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 150); do
    [ "$(metric "$url/metrics" dism_up)" = "1.0" ] && break
    sleep 0.2
  done
  touch "$work/trigger"
  for _ in $(seq 1 600); do grep -q "HOST FREED" "$work/host.$run.log" && break; sleep 0.2; done
  freed=$(date +%s.%N)
  sleep 5
  first=$(metric "$url/metrics" dism_refresh_duration_seconds_count)
  sleep 10
  second=$(metric "$url/metrics" dism_refresh_duration_seconds_count)
  up=$(metric "$url/metrics" dism_up)
  metrics_code=$(code "$url/metrics")
  healthy_code=$(code "$url/-/healthy")
  error=$({ curl -s --max-time 5 "$url/" || true; } | grep -o 'Last error[^<]*<[^>]*>[^<]*' | sed 's/<[^>]*>//g' | head -1 || true)
  moved=$(awk -v a="${first:-0}" -v b="${second:-0}" 'BEGIN {print (b > a) ? "yes" : "no"}')
  [ "$moved" = yes ] && [ "$up" = "1.0" ] && recovered=$((recovered + 1))
  printf 'run %d: refreshes 5 s after the free %s, 15 s after %s (moving: %s); dism_up %s; /metrics %s; /-/healthy %s%s\n' \
    "$run" "${first:-none}" "${second:-none}" "$moved" "${up:-none}" "$metrics_code" "$healthy_code" \
    "${error:+; $error}"
  if [ "$moved" != yes ]; then
    echo "  host's log (last lines):"; grep -v '^$' "$work/host.$run.log" | tail -8 | cut -c1-220 | sed 's/^/    /'
  fi
  kill "$host_pid" 2>/dev/null || true
  wait "$host_pid" 2>/dev/null || true
  host_pid=""
done
echo "recovered: $recovered of $runs runs"
