# Sourced by the attack scripts of docs/reliability.md (password-flood.sh, slow-clients.sh,
# output-bounds.sh, oom-starvation.sh): what they share. After sourcing, the working directory is the
# checkout ($root), $agent is this tree's agent jar (--agent changes it), and $work a temporary directory
# that goes on exit, with the host ($host_pid) and every background job.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$root"
own_agent="$root/agent/target/dismagent.jar"
agent="$own_agent"
trivial_host="$root/examples/benchmarks/src/main/java/io/github/dismagent/benchmarks/TrivialHost.java"
work=$(mktemp -d)
host_pid=""
bench_cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

# bench_options USAGE 'VALUE OPTIONS' 'FLAGS' "$@": --name VALUE sets $name (a dash in the name becomes
# an underscore), a flag --name sets $name to 1; --help prints the usage, anything else prints it and exits 2.
bench_options() {
  local usage="usage: $0 $1" values=" $2 " flags=" $3 " name
  shift 3
  while [ $# -gt 0 ]; do
    name=${1#--}
    if [ "$1" = --help ] || [ "$1" = -h ]; then
      echo "$usage"; exit 0
    elif [ "$name" != "$1" ] && [[ "$values" == *" $name "* ]] && [ $# -ge 2 ]; then
      printf -v "${name//-/_}" '%s' "$2"; shift 2
    elif [ "$name" != "$1" ] && [[ "$flags" == *" $name "* ]]; then
      printf -v "${name//-/_}" 1; shift
    else
      echo "$usage" >&2; exit 2
    fi
  done
}

# bench_need COMMAND...: each must be installed (the Debian package has the command's name).
bench_need() {
  local command
  for command in "$@"; do
    command -v "$command" >/dev/null || { echo "needs $command: apt-get install $command" >&2; exit 1; }
  done
}

# Builds the emulator and this tree's agent when missing, or when the measured agent is this tree's and
# older than its sources, so that the figures are of the code they stand next to.
bench_build() {
  local stale=""
  if [ "$agent" = "$own_agent" ] && [ -f "$own_agent" ]; then
    stale=$(find "$root/agent/src/main" "$root/core/src/main" "$root/emulator/src" "$root/pom.xml" "$root/agent/pom.xml" \
      "$root/core/pom.xml" -newer "$own_agent" -type f -print -quit)
  fi
  if [ ! -f "$root/emulator/target/native/libDismAPI.so" ] || [ ! -f "$own_agent" ] || [ -n "$stale" ]; then
    mvn -q -B -DskipTests package -pl agent -am
  fi
}

# bench_compile SOURCE...: compiles a host into $work/classes.
bench_compile() {
  javac -d "$work/classes" "$@"
}

# bench_one_image FILE: an emulator state with one image mounted.
bench_one_image() {
  printf 'C:\\Mount\\win11\tD:\\images\\install.wim\t1\tReadWrite\tOk\n' > "$1"
}

bench_port() {
  echo $((20000 + RANDOM % 20000))
}

# bench_start_host STATE LOG AGENT_OPTIONS [JVM_OPTION...] -- MAIN [ARG...]: a host JVM from $work/classes
# with $agent over the emulator in the background; $host_pid is its process.
bench_start_host() {
  local state=$1 log=$2 options=$3 jvm=()
  shift 3
  while [ "$1" != -- ]; do jvm+=("$1"); shift; done
  shift
  DISMAPI_EMULATOR_STATE="$state" java "${jvm[@]}" -Djna.library.path="$root/emulator/target/native" \
    "-javaagent:$agent=$options" -cp "$work/classes" "$@" > "$log" 2>&1 &
  host_pid=$!
}

# bench_wait_until_served TRIES URL LOG [CURL_OPTION...]: until URL answers 200 (tries 0.2 s apart);
# otherwise prints the host's LOG and exits.
bench_wait_until_served() {
  local tries=$1 url=$2 log=$3 code=""
  shift 3
  for _ in $(seq 1 "$tries"); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$@" "$url" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.2
  done
  echo "the agent did not serve $url:" >&2
  cat "$log" >&2
  exit 1
}
