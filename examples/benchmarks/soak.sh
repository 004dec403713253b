#!/usr/bin/env bash
# The load and soak runs of docs/reliability.md: 200 concurrent scrapers for 60 s, then images that
# appear, change and disappear every second for 10 minutes, against the built agent on loopback.
# Linux; needs a JDK, Maven, gcc and wrk (apt-get install wrk). Exit status 1 when something failed
# or was left behind.
#
#   examples/benchmarks/soak.sh                       about 12 minutes
#   examples/benchmarks/soak.sh --churn-minutes 1     a short run, to check the script
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v wrk >/dev/null || { echo "the load run needs wrk: apt-get install wrk" >&2; exit 1; }
mvn -q -B -DskipTests package -pl examples/benchmarks -am
out="$root/examples/benchmarks/target/soak"
mkdir -p "$out"
java -cp "$root/examples/benchmarks/target/benchmarks.jar" io.github.dismagent.benchmarks.Soak \
  --agent "$root/agent/target/dismagent.jar" --emulator "$root/emulator/target/native" --out "$out" "$@"
