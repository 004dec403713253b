#!/usr/bin/env bash
# The slow-client run of docs/reliability.md ("Attacks tried from outside"): a host with the agent over
# the emulator, CLIENTS clients that each open a connection, send a request line and then one header
# line a second without ever ending the head (reconnecting when cut), and a scrape a second meanwhile
# (curl, 10 s timeout), for SECONDS seconds. Prints the scrapes' median and maximum time and how many
# timed out. With --tls the agent serves HTTPS (a self-signed keystore made with keytool) and each slow
# client sends a partial TLS ClientHello instead (a record header and the first bytes of the handshake,
# then one byte a second, never the whole), while the scrapes go over HTTPS (curl -k).
# Linux; needs a JDK (javac, keytool), Maven, python3 and curl.
#
#   examples/benchmarks/slow-clients.sh [--agent JAR] [--clients N] [--seconds N] [--tls]
source "$(dirname "$0")/lib/common.sh"
clients=100
seconds=30
tls=0
bench_options "[--agent JAR] [--clients N] [--seconds N] [--tls]" "agent clients seconds" "tls" "$@"
bench_need curl python3
bench_build
bench_compile "$trivial_host"
bench_one_image "$work/state"
port=$(bench_port)
options="port=$port"
scheme=http
if [ "$tls" = 1 ]; then
  keytool -genkeypair -keystore "$work/server.p12" -storetype PKCS12 -storepass slow-clients -alias server -keyalg EC \
    -dname CN=127.0.0.1 -ext SAN=ip:127.0.0.1 -validity 2 > /dev/null 2>&1
  options="$options,tlsKeystore=$work/server.p12,tlsKeystorePassword=slow-clients"
  scheme=https
fi
bench_start_host "$work/state" "$work/host.log" "$options" -Xmx256m -- io.github.dismagent.benchmarks.TrivialHost idle
url="$scheme://127.0.0.1:$port/metrics"
bench_wait_until_served 100 "$url" "$work/host.log" -k --max-time 5

python3 - "$port" "$clients" "$((seconds + 5))" "$tls" > "$work/clients.log" 2>&1 <<'PY' &
import asyncio, sys
port, clients, seconds, tls = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
opened = 0
# A TLS record header announcing a 512-byte handshake record, then a ClientHello's type, length and version.
HELLO_START = bytes([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])
async def slow_client(n):
    global opened
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while loop.time() < end:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            opened += 1
            writer.write(HELLO_START if tls else b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            await writer.drain()
            i = 0
            while loop.time() < end:
                await asyncio.sleep(1)
                i += 1
                writer.write(b"\x00" if tls else b"X-Slow-%d: %d\r\n" % (n, i))
                await writer.drain()
                if reader.at_eof():
                    break
            writer.close()
        except (ConnectionError, OSError):
            await asyncio.sleep(0.1)
async def main():
    await asyncio.gather(*(slow_client(n) for n in range(clients)))
    print("connections the slow clients opened (each reconnects when cut):", opened)
asyncio.run(main())
PY
clients_pid=$!
sleep 3
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ]; do
  curl -sk -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 "$url" >> "$work/probe" || true
  sleep 1
done
kind=""
[ "$tls" = 1 ] && kind=" (partial TLS ClientHellos)"
sort -k2 -n "$work/probe" | awk -v clients="$clients" -v kind="$kind" '
  { t[NR] = $2; if ($1 != 200) failed++ }
  END { printf "%d slow clients" kind ": %d scrapes, median %.3f s, max %.3f s, %d not answered within 10 s\n",
        clients, NR, t[int((NR + 1) / 2)], t[NR], failed }'
wait "$clients_pid" || true
cat "$work/clients.log"
