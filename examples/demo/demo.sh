#!/usr/bin/env bash
# The dismagent demo (Linux and macOS): a sample deployment server with the agent on its command
# line, on the DismAPI emulator, with images in all three statuses.
#
#   examples/demo/demo.sh          build what is needed, seed the mount table, start (Ctrl-C stops)
#   examples/demo/demo.sh reboot   in a second terminal: simulate a reboot (Ok images -> NeedsRemount)
#
# Ports: DEMO_SERVER_PORT (8080), DEMO_METRICS_PORT (9781), DEMO_JMX_PORT (9999); state: DEMO_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
demo="${DEMO_DIR:-$root/examples/target/demo}"
state="$demo/state.tsv"
server_port=${DEMO_SERVER_PORT:-8080}
metrics_port=${DEMO_METRICS_PORT:-9781}
jmx_port=${DEMO_JMX_PORT:-9999}
classpath="examples/target/classes:emulator/target/classes"

case "${1:-start}" in
  reboot)
    exec java -cp "$classpath" io.github.dismagent.examples.demo.DemoMountTable reboot "$state"
    ;;
  start)
    if [ "${DEMO_SKIP_BUILD:-0}" != 1 ]; then
      echo "Building dismagent and the DismAPI emulator (mvn -DskipTests package)..."
      mvn -q -B -DskipTests package -pl examples -am
    fi
    mkdir -p "$demo"
    java -cp "$classpath" io.github.dismagent.examples.demo.DemoMountTable seed "$state"
    cat <<BANNER

  dismagent demo
  --------------
  Sample deployment server  http://127.0.0.1:$server_port/
  Prometheus metrics        http://127.0.0.1:$metrics_port/metrics
  Status page               http://127.0.0.1:$metrics_port/
  JConsole                  jconsole 127.0.0.1:$jmx_port   (MBeans tab: io.github.dismagent > DismImages;
                            operation remount with mountPath C:\\Mount\\server2022)
  Simulate a reboot         examples/demo/demo.sh reboot   (in another terminal)
  Stop                      Ctrl-C

BANNER
    export DISMAPI_EMULATOR_STATE="$state"
    # This is how a user adds the agent to a server's JVM; JMX remote without authentication is for
    # the demo only (loopback): see the README's "JMX remote security".
    exec java \
      --enable-native-access=ALL-UNNAMED \
      -Djna.library.path="$root/emulator/target/native" \
      -javaagent:"$root/agent/target/dismagent.jar=port=$metrics_port,interval=5s,allowCleanup=true" \
      -Dcom.sun.management.jmxremote.port="$jmx_port" -Dcom.sun.management.jmxremote.rmi.port="$jmx_port" \
      -Dcom.sun.management.jmxremote.host=127.0.0.1 -Djava.rmi.server.hostname=127.0.0.1 \
      -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false \
      -cp examples/target/classes io.github.dismagent.examples.demo.SampleDeploymentServer "$server_port"
    ;;
  *)
    echo "usage: examples/demo/demo.sh [start|reboot]" >&2
    exit 2
    ;;
esac
