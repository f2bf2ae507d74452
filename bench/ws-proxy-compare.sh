#!/usr/bin/env bash
# One run that compares three topologies on this machine with the same load:
#   direct : quiver bench ws -> echo
#   nginx  : quiver bench ws -> nginx (1 worker, websocket reverse proxy) -> echo
#   quiver : quiver bench ws -> Quiver proxy (bench/ws-proxy) -> echo
# The echo is `quiver bench echo` (Netty, 1 thread). Everything listens on 127.0.0.1 only.
# Closed-loop matrix: connections x in-flight x size; then open loop at 50% of nginx's
# closed-loop rate (16 connections, 16 in flight) for the latency comparison.
# Records per run: msgs/s, latency percentiles, errors, CPU seconds of each server process during
# the run (from /proc/PID/stat) and msgs per CPU-second of the proxy; peak RSS (VmHWM) per
# server process at the end. Writes docs/benchmarks/ws-proxy-compare.md, .csv and .png, and
# ws-proxy-compare-ratio.png (Quiver / nginx per row, bench/ws-proxy-ratio-chart.sh).
# With ROUNDS=N every row runs N times, the topologies of a row back to back in each round; the
# table shows the median round of each row (by msgs/s), all rounds are in ws-proxy-compare-raw.csv.
# The report ends with the issue's goals (Quiver vs nginx at 16+ connections, 16 in flight).
#
# Pinning (2 cores): client and echo on CPU 0, the proxy (nginx or Quiver) on CPU 1.
# Needs: nginx (apt-get install nginx-light), gnuplot for the chart (apt-get install gnuplot-nox).
# Environment: CONNECTIONS="1 16 256" INFLIGHT="1 16" SIZES="32 64 4096" DURATION=5 WARMUP=2
#   OPEN_RATES="60000 120000" (extra open-loop rows at these fixed total rates, 16 connections)
#   ROUNDS=1 (runs per row; the median is reported)
#   PRIME=5 (seconds of unrecorded load through each proxy per size before the first row, 16
#   connections x 16 in flight: the JVM's JIT compiles the proxy's paths there, so a split run's
#   first row does not charge the one-time compilation to the proxy's CPU per message; 0: none)
#   QUIVER_JAR (default quiver-server/target/quiver.jar) QUIVER_JAVA_OPTS (proxy JVM options, after the
#   launcher's defaults: QUIVER_JVM_DEFAULTS, see bin/lib/java.sh)
#   OUT_DIR (default docs/benchmarks)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/ws-nginx.sh"
. "$root/bench/lib/proc.sh"
quiver_find_java
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
[ -f "$jar" ] || { echo "ws-proxy-compare: $jar is missing: build it with ./mvnw -B -q -o -pl quiver-server -am package -DskipTests" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "ws-proxy-compare: nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }
CONNECTIONS=${CONNECTIONS:-"1 16 256"}
INFLIGHT=${INFLIGHT:-"1 16"}
SIZES=${SIZES:-"32 64 4096"}
DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-1}
WARMUP=${WARMUP:-2}
out_dir=${OUT_DIR:-$root/docs/benchmarks}
mkdir -p "$out_dir"
ECHO_PORT=${ECHO_PORT:-18139}
NGINX_PORT=${NGINX_PORT:-18140}
QUIVER_PORT=${QUIVER_PORT:-18141}
work=$(mktemp -d "${TMPDIR:-/tmp}/ws-compare.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
tick=$(getconf CLK_TCK)


# --- servers ---
taskset -c 0 java -jar "$jar" bench echo --port "$ECHO_PORT" > "$work/echo.log" 2>&1 &
echo_pid=$!; pids+=("$echo_pid")
wait_port "$ECHO_PORT"

ws_nginx_start "$work" "$NGINX_PORT" "$ECHO_PORT"
nginx_pids="$nginx_master $(pgrep -P "$nginx_master" | tr '\n' ' ')"

cp "$root"/bench/ws-proxy/*.trickle "$work/"
sed -e "s/port: 9139/port: $QUIVER_PORT/" -e "s#ws://127.0.0.1:8139/#ws://127.0.0.1:$ECHO_PORT/#" \
  "$root/bench/ws-proxy/config.yaml" > "$work/proxy.yaml"
# shellcheck disable=SC2086
taskset -c 1 java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} -jar "$jar" server run --no-api -f "$work"/*.trickle "$work/proxy.yaml" \
  > "$work/quiver.log" 2>&1 &
quiver_pid=$!; pids+=("$quiver_pid")
wait_port "$QUIVER_PORT"

url_of() { case $1 in direct) echo "ws://127.0.0.1:$ECHO_PORT/";; nginx) echo "ws://127.0.0.1:$NGINX_PORT/";; quiver) echo "ws://127.0.0.1:$QUIVER_PORT/";; esac; }
proxy_pids_of() { case $1 in direct) echo "";; nginx) echo "$nginx_pids";; quiver) echo "$quiver_pid";; esac; }

# warm-up before anything is recorded (both proxies alike; nginx has nothing to compile)
if [ "${PRIME:-5}" -gt 0 ]; then
  for s in $SIZES; do
    for topo in nginx quiver; do
      taskset -c 0 java -jar "$jar" bench ws --url "$(url_of "$topo")" --connections 16 --in-flight 16 \
        --size "$s" --duration "${PRIME:-5}" --warmup 0 > /dev/null 2>&1 || true
    done
  done
fi

csv=$out_dir/ws-proxy-compare.csv
raw=$out_dir/ws-proxy-compare-raw.csv
header="mode,topology,connections,in_flight,size,rate,msgs_per_s,p50_us,p90_us,p99_us,p999_us,max_us,errors,client_cpu_s,echo_cpu_s,proxy_cpu_s,msgs_per_proxy_cpu_s,msgs_per_total_cpu_s"
echo "round,$header" > "$raw"
round=1

run_one() { # mode topology connections inflight size rate
  local mode=$1 topo=$2 c=$3 k=$4 s=$5 rate=$6 ppids e0 p0 e1 p1 line res
  ppids=$(proxy_pids_of "$topo")
  e0=$(cpu_ticks "$echo_pid"); p0=$(cpu_ticks $ppids)
  local extra=()
  [ "$rate" != 0 ] && extra=(--rate "$rate")
  res=$( { /usr/bin/time -f "TIME %U %S" taskset -c 0 java -jar "$jar" bench ws --url "$(url_of "$topo")" \
    --connections "$c" --in-flight "$k" --size "$s" --duration "$DURATION" --warmup "$WARMUP" "${extra[@]}"; } 2>&1 ) || true
  e1=$(cpu_ticks "$echo_pid"); p1=$(cpu_ticks $ppids)
  line=$(grep '^result:' <<<"$res" || echo "result: msgs_per_s=0 p50_us=0 p90_us=0 p99_us=0 p999_us=0 max_us=0 errors=-1 received=0 connected=0 received_total=0")
  get() { sed -n "s/.* $1=\([0-9.-]*\).*/\1/p" <<<"$line"; }
  local client_cpu echo_cpu proxy_cpu total per_proxy per_total
  client_cpu=$(awk '/^TIME/ { printf "%.2f", $2 + $3 }' <<<"$res")
  echo_cpu=$(awk -v a="$e0" -v b="$e1" -v t="$tick" 'BEGIN { printf "%.2f", (b - a) / t }')
  proxy_cpu=$(awk -v a="$p0" -v b="$p1" -v t="$tick" 'BEGIN { printf "%.2f", (b - a) / t }')
  total=$(get received_total)
  per_proxy=$(awk -v n="$total" -v c="$proxy_cpu" 'BEGIN { if (c > 0) printf "%.0f", n / c; else print "" }')
  per_total=$(awk -v n="$total" -v a="$echo_cpu" -v b="$proxy_cpu" 'BEGIN { if (a + b > 0) printf "%.0f", n / (a + b); else print "" }')
  echo "$round,$mode,$topo,$c,$k,$s,$rate,$(get msgs_per_s),$(get p50_us),$(get p90_us),$(get p99_us),$(get p999_us),$(get max_us),$(get errors),${client_cpu:-},$echo_cpu,$proxy_cpu,$per_proxy,$per_total" >> "$raw"
  echo "round $round/$ROUNDS: $mode $topo c=$c k=$k s=$s rate=$rate -> $(get msgs_per_s) msgs/s p99 $(get p99_us) µs errors $(get errors) proxy cpu $proxy_cpu s" >&2
}

# The median round of each row (by msgs/s; the lower middle for an even count), as the csv, in the
# order the rows first ran.
medians() {
  echo "$header" > "$csv"
  tail -n +2 "$raw" | sort -t, -k8,8g | awk -F, '
    { key = $2 FS $3 FS $4 FS $5 FS $6 FS $7; row[key, ++n[key]] = substr($0, index($0, ",") + 1) }
    END { for (key in n) print key "|" row[key, int((n[key] + 1) / 2)] }' > "$work/medians"
  awk -F, 'NR == FNR { split($0, kv, "|"); line[kv[1]] = kv[2]; next }
    FNR > 1 { key = $2 FS $3 FS $4 FS $5 FS $6 FS $7; if (key in line && !(key in done)) { print line[key]; done[key] = 1 } }' \
    "$work/medians" "$raw" >> "$csv"
}

for round in $(seq 1 "$ROUNDS"); do
  for s in $SIZES; do
    for c in $CONNECTIONS; do
      for k in $INFLIGHT; do
        for topo in direct nginx quiver; do
          run_one closed "$topo" "$c" "$k" "$s" 0
        done
      done
    done
  done
done
medians
# latency at 50% of nginx's closed-loop maximum (its median round; 16 connections, 16 in flight)
declare -A open50_rate=()
for s in $SIZES; do
  max=$(awk -F, -v s="$s" '$1 == "closed" && $2 == "nginx" && $3 == 16 && $4 == 16 && $5 == s { print $7 }' "$csv")
  if [ -n "$max" ]; then
    open50_rate[$s]=$(awk -v m="$max" 'BEGIN { printf "%.0f", m / 2 }')
  fi
done
for round in $(seq 1 "$ROUNDS"); do
  for s in $SIZES; do
    [ -n "${open50_rate[$s]:-}" ] || continue
    for topo in direct nginx quiver; do
      run_one open50 "$topo" 16 16 "$s" "${open50_rate[$s]}"
    done
  done
  # open loop at fixed rates, to compare the topologies below saturation
  for s in $SIZES; do
    for rate in ${OPEN_RATES:-}; do
      for topo in direct nginx quiver; do
        run_one open "$topo" 16 16 "$s" "$rate"
      done
    done
  done
done
medians

rss_echo=$(peak_rss_mb "$echo_pid"); rss_nginx=$(peak_rss_mb $nginx_pids); rss_quiver=$(peak_rss_mb "$quiver_pid")

# --- report ---
md=$out_dir/ws-proxy-compare.md
{
  echo "# Websocket proxy comparison: direct vs nginx vs Quiver"
  echo
  echo "Generated by \`bench/ws-proxy-compare.sh\` on $(date -u +%Y-%m-%d) (UTC)."
  echo "Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem/ { print $2 }') GiB RAM, $(uname -sr)."
  echo "Versions: $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), $(java -version 2>&1 | head -1), Quiver $(java -jar "$jar" --version 2>/dev/null | head -1)."
  echo "Load: \`quiver bench ws\` (Netty client, 1 thread), ${WARMUP} s warm-up + ${DURATION} s measured per row; client and echo pinned to CPU 0, proxy to CPU 1."
  echo "Echo: \`quiver bench echo\` (Netty, 1 thread). nginx: 1 worker, proxy_buffering off. Quiver: bench/ws-proxy (session per_client). Text frames."
  echo "CPU s: utime+stime during the row (warm-up included); msgs/proxy-CPU-s = all replies of the row / proxy CPU seconds."
  echo "Rounds: $ROUNDS per row; each row shows its median round by msgs/s (all rounds: ws-proxy-compare-raw.csv)."
  echo "Priming: ${PRIME:-5} s of unrecorded load (16 connections x 16 in flight) per size through each proxy before the first row."
  echo
  echo "| mode | topology | conns | in flight | size B | rate/s | msgs/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | errors | client CPU s | echo CPU s | proxy CPU s | msgs/proxy-CPU-s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$csv" | awk -F, '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,($6 == 0 ? "max" : $6),$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17 }'
  echo
  echo "Peak RSS at the end of the run (VmHWM): echo ${rss_echo} MB, nginx (master + worker) ${rss_nginx} MB, Quiver proxy ${rss_quiver} MB."
  echo
  echo "## Goals (Quiver vs nginx, this run)"
  echo
  echo "| goal | conns | size B | nginx | Quiver | Quiver/nginx | met |"
  echo "|---|---|---|---|---|---|---|"
  awk -F, 'NR > 1 && $1 == "closed" && $3 >= 16 && $4 == 16 && ($2 == "nginx" || $2 == "quiver") { v[$3 FS $5, $2] = $7; c[$3 FS $5] = 1 }
    END { for (k in c) { split(k, p, FS); r = v[k, "quiver"] / v[k, "nginx"];
      printf "| msgs/s >= nginx | %s | %s | %.0f | %.0f | %.2fx | %s |\n", p[1], p[2], v[k, "nginx"], v[k, "quiver"], r, (r >= 1 ? "yes" : "no") } }' "$csv" | sort -t'|' -k4,4n -k3,3n
  awk -F, 'NR > 1 && $1 == "open50" && ($2 == "nginx" || $2 == "quiver") { v[$5, $2] = $10; c[$5] = 1; rate[$5] = $6 }
    END { for (s in c) { r = v[s, "quiver"] / v[s, "nginx"];
      printf "| p99 at %s/s (50%% of nginx max) <= 1.5x nginx | 16 | %s | %.0f µs | %.0f µs | %.2fx | %s |\n", rate[s], s, v[s, "nginx"], v[s, "quiver"], r, (r <= 1.5 ? "yes" : "no") } }' "$csv" | sort -t'|' -k4,4n
  awk -F, 'NR > 1 && $1 == "closed" && $3 >= 16 && $4 == 16 && ($2 == "nginx" || $2 == "quiver") { v[$3 FS $5, $2] = $17; c[$3 FS $5] = 1 }
    END { for (k in c) { split(k, p, FS); printf "| msgs per proxy CPU-second (reported) | %s | %s | %.0f | %.0f | %.2fx | - |\n", p[1], p[2], v[k, "nginx"], v[k, "quiver"], v[k, "quiver"] / v[k, "nginx"] } }' "$csv" | sort -t'|' -k4,4n -k3,3n
  echo
  echo "![msgs/s by topology](ws-proxy-compare.png)"
} > "$md"

if command -v gnuplot > /dev/null; then
  awk -F, 'NR > 1 && $1 == "closed" { key = $3 "c/" $4 "k/" $5 "B"; v[key, $2] = $7; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
    END { for (i = 1; i <= n; i++) { k = order[i]; print k, v[k, "direct"] + 0, v[k, "nginx"] + 0, v[k, "quiver"] + 0 } }' "$csv" > "$work/chart.dat"
  gnuplot <<GP
set terminal pngcairo size 1400,600 font ",10"
set output "$out_dir/ws-proxy-compare.png"
set title "Websocket echo through no proxy / nginx / Quiver: closed-loop msgs/s (connections / in flight / size)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key top left
set ylabel "msgs/s"
set xtics rotate by -45
set grid ytics
plot "$work/chart.dat" using 2:xtic(1) title "direct", "" using 3 title "nginx", "" using 4 title "Quiver"
GP
fi
# the Quiver / nginx ratios per row: a table in the report and (with gnuplot) a chart
{
  echo
  echo "## Quiver / nginx per row (1.0 = parity, higher is better for Quiver)"
  echo
  "$root/bench/ws-proxy-ratio-chart.sh" "$csv" "$out_dir/ws-proxy-compare-ratio.png"
  echo
  echo "![Quiver / nginx per row](ws-proxy-compare-ratio.png)"
} >> "$md"
echo "ws-proxy-compare: wrote $md, $csv, $raw$(command -v gnuplot > /dev/null && echo ", $out_dir/ws-proxy-compare.png, $out_dir/ws-proxy-compare-ratio.png")" >&2
