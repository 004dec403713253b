#!/usr/bin/env bash
# The output-bounds run of docs/reliability.md ("Attacks tried from outside"): a host with the agent over
# the emulator, first with no image mounted (the idle baseline), then with IMAGES images whose mount and
# image paths are LENGTH characters each (--image-length for other image paths) (1,000 and 32,000 by default: within what DISM allows). For
# each it prints the heap in use after a full GC (jcmd GC.run, then GC.heap_info), and what three
# /metrics scrapes answered (status, bytes, seconds). Linux; needs a JDK (javac, jcmd), Maven and curl.
#
#   examples/benchmarks/output-bounds.sh                      the agent built from this tree
#   examples/benchmarks/output-bounds.sh --agent OTHER.jar    another build (e.g. an older one), same run
source "$(dirname "$0")/lib/common.sh"
images=1000
length=32000
xmx=512m
image_length=""
bench_options "[--agent JAR] [--images N] [--length CHARS] [--image-length CHARS] [--xmx SIZE]" \
  "agent images length image-length xmx" "" "$@"
image_length=${image_length:-$length}
bench_need curl python3
bench_build
bench_compile "$trivial_host"

: > "$work/empty"
python3 - "$images" "$length" "$image_length" > "$work/loaded" <<'PY'
import sys
n, length, image_length = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    mount = "C:\\Mount\\%d-" % i
    image = "D:\\images\\%d-" % i
    print("%s\t%s\t1\tReadWrite\tOk" % (mount + "m" * (length - len(mount)), image + "i" * max(0, image_length - len(image))))
PY

used_after_gc() { # $1: pid; heap in use after a full GC, in MB
  jcmd "$1" GC.run > /dev/null
  sleep 1
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.1f\n", v / 1024; exit } }'
}

run() { # $1: state file, $2: label, $3: images expected
  local port
  port=$(bench_port)
  bench_start_host "$1" "$work/host.$2.log" "port=$port,interval=1h" "-Xmx$xmx" -- io.github.dismagent.benchmarks.TrivialHost idle
  local url="http://127.0.0.1:$port/metrics"
  bench_wait_until_served 300 "http://127.0.0.1:$port/-/healthy" "$work/host.$2.log" --max-time 5
  for _ in $(seq 1 300); do grep -q "MBeans registered" "$work/host.$2.log" && break; sleep 0.2; done
  sleep 5 # the first read, the series and the MBeans of every image
  echo "$2 ($3 images): heap used after GC before any scrape: $(used_after_gc "$host_pid") MB"
  for i in 1 2 3; do
    echo "$2 scrape $i: $(curl -s -o /dev/null -w 'HTTP %{http_code}, %{size_download} bytes, %{time_total} s' --max-time 60 "$url" || true)"
  done
  echo "$2: heap used after GC after the scrapes: $(used_after_gc "$host_pid") MB; host alive: $(kill -0 "$host_pid" 2>/dev/null && echo yes || echo no)"
  grep -c "OutOfMemoryError" "$work/host.$2.log" | sed "s/^/$2: log lines with OutOfMemoryError: /" || true
  kill "$host_pid" 2>/dev/null || true
  wait "$host_pid" 2>/dev/null || true
  host_pid=""
}

echo "agent: $agent; $images images, paths of $length characters; host -Xmx$xmx"
run "$work/empty" baseline 0
run "$work/loaded" loaded "$images"
