#!/usr/bin/env bash
# A fleet on one machine (Linux): several "Windows servers", each a JVM with dismagent on its own
# loopback address (127.0.0.2, 127.0.0.3, ...) and its own DismAPI emulator mount table, scraped by
# Debian's prometheus with the shipped examples/prometheus/ configuration and alert rules, which
# sends to prometheus-alertmanager with the shipped alertmanager.yml, which posts to a webhook.
#
#   examples/fleet/fleet.sh              build what is needed, start everything (Ctrl-C stops it all)
#   examples/fleet/fleet.sh invalid 2    in a second terminal: server 2's Ok image becomes Invalid
#   examples/fleet/fleet.sh ok 2         server 2's images become Ok again
#   examples/fleet/fleet.sh stop 3       server 3's JVM stops (its agent with it)
#
# FLEET_SERVERS (3), FLEET_DIR (examples/target/fleet), ports FLEET_AGENT_PORT (9781, the same on
# every address, as on real servers), FLEET_PROMETHEUS_PORT (9090), FLEET_ALERTMANAGER_PORT (9093),
# FLEET_WEBHOOK_PORT (5001). FLEET_WEBHOOK_URL: post notifications there instead of printing them.
# FLEET_INTERVALS: "fast" (default: every minute of the rules and the shipped intervals becomes a
# second, the agents read DISM every second) or "shipped" (the files as shipped: minutes to alert).
# The configuration is the shipped one, changed only in addresses, ports and intervals.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="${FLEET_DIR:-$root/examples/target/fleet}"
servers=${FLEET_SERVERS:-3}
agent_port=${FLEET_AGENT_PORT:-9781}
prometheus_port=${FLEET_PROMETHEUS_PORT:-9090}
alertmanager_port=${FLEET_ALERTMANAGER_PORT:-9093}
webhook_port=${FLEET_WEBHOOK_PORT:-5001}
intervals=${FLEET_INTERVALS:-fast}
classpath="$root/examples/target/classes"

address() { echo "127.0.0.$(($1 + 1))"; }

# Sets the status of server $1's images whose status is $2 to $3, atomically (the emulator reads
# the file at every call).
set_status() {
  local state="$dir/server$1/state.tsv"
  [ -f "$state" ] || { echo "no server $1 in $dir" >&2; exit 2; }
  awk -F'\t' -v OFS='\t' -v from="$2" -v to="$3" \
    '!/^[#@]/ && NF == 5 && (from == "*" || $5 == from) { $5 = to; print "server '"$1"': " $1 " is now " to > "/dev/stderr" } { print }' \
    "$state" > "$state.tmp"
  mv "$state.tmp" "$state"
}

case "${1:-start}" in
  invalid) set_status "${2:?server number}" Ok Invalid; exit 0 ;;
  ok) set_status "${2:?server number}" '*' Ok; exit 0 ;;
  stop)
    kill "$(cat "$dir/server${2:?server number}/pid")"
    echo "server $2 ($(address "$2"):$agent_port) stopped"
    exit 0
    ;;
  start) ;;
  *) echo "usage: examples/fleet/fleet.sh [start | invalid N | ok N | stop N]" >&2; exit 2 ;;
esac

prometheus=$(command -v prometheus || true)
alertmanager=$(command -v prometheus-alertmanager || command -v alertmanager || true)
if [ -z "$prometheus" ] || [ -z "$alertmanager" ]; then
  echo "needs Prometheus and Alertmanager: apt-get install prometheus prometheus-alertmanager" >&2
  exit 1
fi
if [ "${FLEET_SKIP_BUILD:-0}" != 1 ]; then
  echo "Building dismagent and the DismAPI emulator (mvn -DskipTests package)..."
  (cd "$root" && mvn -q -B -DskipTests package -pl examples -am)
fi

# A fresh start: only what an earlier run of this script left there.
rm -rf "$dir/prometheus" "$dir/alertmanager" "$dir/targets" "$dir"/server[0-9]*
mkdir -p "$dir/targets"
pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 0' INT TERM

# The configuration: the shipped files, with this machine's addresses, ports and (fast) intervals.
if [ "$intervals" = fast ]; then
  minutes_to_seconds='s/^( *(for|keep_firing_for): *[0-9]+)m *$/\1s/; s/\[([0-9]+)m\]/[\1s]/g'
  agent_interval=1s
  sed -E "s/(scrape_interval|evaluation_interval): 30s/\1: 1s/; s/scrape_timeout: 10s/scrape_timeout: 1s/; s/refresh_interval: 5m/refresh_interval: 5s/" \
    "$root/examples/prometheus/prometheus.yml" > "$dir/prometheus.yml.tmp"
  sed -E "s/group_wait: 30s/group_wait: 1s/; s/group_interval: 5m/group_interval: 5s/; s/repeat_interval: ([0-9]+)h/repeat_interval: \1m/" \
    "$root/examples/prometheus/alertmanager.yml" > "$dir/alertmanager.yml.tmp"
else
  minutes_to_seconds=''
  agent_interval=30s
  cp "$root/examples/prometheus/prometheus.yml" "$dir/prometheus.yml.tmp"
  cp "$root/examples/prometheus/alertmanager.yml" "$dir/alertmanager.yml.tmp"
fi
sed -E "$minutes_to_seconds" "$root/examples/prometheus/dismagent-alerts.yml" > "$dir/dismagent-alerts.yml"
sed "s/localhost:9093/127.0.0.1:$alertmanager_port/" "$dir/prometheus.yml.tmp" > "$dir/prometheus.yml"
# The last server plays the branch office of the shipped routes.
branch="$(address "$servers"):$agent_port"   # as a regular expression, it matches that address
webhook="${FLEET_WEBHOOK_URL:-http://127.0.0.1:$webhook_port}"
sed -e "s|http://127.0.0.1:5001|$webhook|" -e "s|wds-branch\[0-9\]+\\\\\\\\.example\\\\\\\\.com:9781|$branch|" \
  "$dir/alertmanager.yml.tmp" > "$dir/alertmanager.yml"
rm "$dir"/*.tmp
# The templating above is by text: fail loudly when a shipped file no longer says what it expects.
expect() { grep -qF -- "$2" "$dir/$1" || { echo "fleet.sh: $1 lacks '$2' after templating; the shipped file changed, update fleet.sh" >&2; exit 1; }; }
expect prometheus.yml "127.0.0.1:$alertmanager_port"
expect alertmanager.yml "$webhook/imaging-team"
expect alertmanager.yml "instance=~\"$branch\""
if [ "$intervals" = fast ]; then
  for setting in "scrape_interval: 1s" "evaluation_interval: 1s" "scrape_timeout: 1s"; do expect prometheus.yml "$setting"; done
  for setting in "group_wait: 1s" "group_interval: 5s"; do expect alertmanager.yml "$setting"; done
  if grep -qE '^ *for: *[0-9]+[mh]|\[[0-9]+[mh]\]' "$dir/dismagent-alerts.yml"; then
    echo "fleet.sh: dismagent-alerts.yml still has minutes or hours after templating; update fleet.sh" >&2; exit 1
  fi
fi

{
  echo "# written by fleet.sh: the servers it started"
  echo "- targets:"
  for i in $(seq 1 "$servers"); do echo "    - $(address "$i"):$agent_port"; done
  echo "  labels:"
  echo "    site: fleet-sh"
} > "$dir/targets/fleet.yml"

if [ -z "${FLEET_WEBHOOK_URL:-}" ]; then
  java -cp "$classpath" io.github.dismagent.examples.fleet.WebhookPrinter "$webhook_port" &
  pids+=($!)
fi

for i in $(seq 1 "$servers"); do
  mkdir -p "$dir/server$i"
  printf '# MountPath\tImageFilePath\tImageIndex\tMountMode\tMountStatus\n' > "$dir/server$i/state.tsv"
  printf 'C:\\Mount\\win11\tD:\\images\\server%s-win11.wim\t1\tReadWrite\tOk\n' "$i" >> "$dir/server$i/state.tsv"
  printf 'C:\\Mount\\winpe\tD:\\images\\server%s-winpe.wim\t1\tReadOnly\tNeedsRemount\n' "$i" >> "$dir/server$i/state.tsv"
  DISMAPI_EMULATOR_STATE="$dir/server$i/state.tsv" java \
    --enable-native-access=ALL-UNNAMED \
    -Djna.library.path="$root/emulator/target/native" \
    -javaagent:"$root/agent/target/dismagent.jar=bind=$(address "$i"),port=$agent_port,interval=$agent_interval" \
    -cp "$classpath" io.github.dismagent.examples.demo.SampleDeploymentServer 0 \
    > "$dir/server$i/server.log" 2>&1 &
  pids+=($!)
  echo $! > "$dir/server$i/pid"
done

"$alertmanager" --config.file="$dir/alertmanager.yml" --storage.path="$dir/alertmanager" \
  --web.listen-address="127.0.0.1:$alertmanager_port" --cluster.listen-address= \
  > "$dir/alertmanager.log" 2>&1 &
pids+=($!)
"$prometheus" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/prometheus" \
  --web.listen-address="127.0.0.1:$prometheus_port" > "$dir/prometheus.log" 2>&1 &
pids+=($!)

cat <<BANNER

  dismagent fleet ($servers servers, intervals: $intervals)
  ---------------
  Servers (agents)   $(for i in $(seq 1 "$servers"); do printf 'http://%s:%s/  ' "$(address "$i")" "$agent_port"; done)
  Prometheus         http://127.0.0.1:$prometheus_port/alerts   (targets: /targets)
  Alertmanager       http://127.0.0.1:$alertmanager_port/
  Notifications      $webhook (branch office: $(address "$servers"):$agent_port)
  Files and logs     $dir
  Try                examples/fleet/fleet.sh invalid 2   /   examples/fleet/fleet.sh stop 3
  Stop               Ctrl-C

BANNER
echo "fleet started"
while :; do wait || true; sleep 1; done
