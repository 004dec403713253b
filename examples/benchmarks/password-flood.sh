#!/usr/bin/env bash
# The password-flood run of docs/reliability.md ("Attacks tried from outside"): a host with the agent
# and basic authentication (600,000 PBKDF2 iterations, the default), eight clients on eight loopback
# addresses sending wrong passwords for 20 s (each at most 20 a second: unthrottled curl loops on the
# same two cores would starve the host and measure the clients instead), and Prometheus' own credential
# scraped once a second meanwhile. Prints the host's CPU use during the flood, what the clients were
# answered and how long the right-password scrapes took. Linux; needs a JDK, Maven, gcc and curl.
#
#   examples/benchmarks/password-flood.sh                      the agent built from this tree
#   examples/benchmarks/password-flood.sh --agent OTHER.jar    another build (e.g. an older one), same run
source "$(dirname "$0")/lib/common.sh"
seconds=20
clients=8
bench_options "[--agent JAR] [--seconds N]" "agent seconds" "" "$@"
bench_need curl
bench_build
bench_compile "$trivial_host"
bench_one_image "$work/state"
password="the right password"
hash=$(printf '%s\n%s\n' "$password" "$password" | java -jar "$own_agent" hash-password 2>/dev/null | tail -1)
port=$(bench_port)
bench_start_host "$work/state" "$work/host.log" "port=$port,bind=0.0.0.0,httpUser=prometheus,httpPasswordHash=$hash" -Xmx256m \
  -- io.github.dismagent.benchmarks.TrivialHost idle
url="http://127.0.0.1:$port/metrics"
bench_wait_until_served 100 "$url" "$work/host.log" -u "prometheus:$password"

ticks() { awk '{print $14 + $15}' "/proc/$host_pid/stat"; }
flood() { # $1: the client's loopback address
  local n=0
  local end=$((SECONDS + seconds))
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 --interface "$1" -u "prometheus:wrong $1 $n" \
      "http://$1:$port/metrics" || echo "000"
    sleep 0.05
  done
}
probe() {
  local end=$((SECONDS + seconds))
  while [ $SECONDS -lt $end ]; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 30 -u "prometheus:$password" "$url" || echo "000 30"
    sleep 1
  done
}
before=$(ticks)
start=$(date +%s.%N)
for i in $(seq 2 $((clients + 1))); do
  flood "127.0.0.$i" > "$work/flood.$i" &
done
probe > "$work/probe"
wait $(jobs -p | grep -v "^$host_pid$") 2>/dev/null || true
elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
after=$(ticks)
hz=$(getconf CLK_TCK)

echo "agent: $agent"
echo "flood: $clients clients on 127.0.0.2-$((clients + 1)), wrong passwords for ${seconds}s"
cat "$work"/flood.* | sort | uniq -c | awk '{printf "  wrong-password answers %s: %s\n", $2, $1}'
awk -v t=$((after - before)) -v hz="$hz" -v s="$elapsed" -v n="$(nproc)" 'BEGIN {printf "host CPU during the flood: %.2f cores (of %d)\n", t / hz / s, n}'
sort -k2 -n "$work/probe" | awk '{code[$1]++; t[NR]=$2} END {
  for (c in code) printf "  right-password scrapes %s: %d\n", c, code[c];
  printf "right-password scrape time: median %.3f s, max %.3f s\n", t[int((NR + 1) / 2)], t[NR] }'
