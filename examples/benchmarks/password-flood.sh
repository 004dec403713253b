#!/usr/bin/env bash
# The password-flood run of docs/reliability.md ("Attacks tried from outside"): a host with the agent
# and basic authentication (600,000 PBKDF2 iterations, the default), eight clients on eight loopback
# addresses sending wrong passwords for 20 s (each at most 20 a second: unthrottled curl loops on the
# same two cores would starve the host and measure the clients instead), and Prometheus' own credential
# scraped once a second meanwhile. Prints the host's CPU use during the flood, what the clients were
# answered and how long the right-password scrapes took. Linux; needs a JDK, Maven, gcc, curl and unzip.
#
#   examples/benchmarks/password-flood.sh                      the agent built from this tree
#   examples/benchmarks/password-flood.sh --agent OTHER.jar    another build (e.g. an older one), same run
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
agent="$root/agent/target/dismagent.jar"
seconds=20
clients=8
while [ $# -gt 0 ]; do
  case "$1" in
    --agent) agent=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    *) echo "usage: $0 [--agent JAR] [--seconds N]" >&2; exit 2 ;;
  esac
done
command -v curl >/dev/null || { echo "needs curl: apt-get install curl" >&2; exit 1; }
if [ "$agent" = "$root/agent/target/dismagent.jar" ] || [ ! -f "$root/examples/benchmarks/target/benchmarks.jar" ]; then
  mvn -q -B -DskipTests package -pl examples/benchmarks -am
fi
work=$(mktemp -d)
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

printf 'C:\\Mount\\win11\tD:\\images\\install.wim\t1\tReadWrite\tOk\n' > "$work/state"
password="the right password"
hash=$(printf '%s\n%s\n' "$password" "$password" | java -jar "$root/agent/target/dismagent.jar" hash-password 2>/dev/null | tail -1)
port=$((20000 + RANDOM % 20000))
mkdir -p "$work/classes/io/github/dismagent/benchmarks"
unzip -q -o -j "$root/examples/benchmarks/target/benchmarks.jar" 'io/github/dismagent/benchmarks/TrivialHost.class' \
  -d "$work/classes/io/github/dismagent/benchmarks"
DISMAPI_EMULATOR_STATE="$work/state" java -Xmx256m -Djna.library.path="$root/emulator/target/native" \
  "-javaagent:$agent=port=$port,bind=0.0.0.0,httpUser=prometheus,httpPasswordHash=$hash" \
  -cp "$work/classes" io.github.dismagent.benchmarks.TrivialHost idle > "$work/host.log" 2>&1 &
host_pid=$!
url="http://127.0.0.1:$port/metrics"
for _ in $(seq 1 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -u "prometheus:$password" "$url" || true)
  [ "$code" = 200 ] && break
  sleep 0.2
done
[ "$code" = 200 ] || { echo "the agent did not serve $url:" >&2; cat "$work/host.log" >&2; exit 1; }

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
