#!/usr/bin/env bash
# One run that compares three topologies on this machine with the same HTTP/1.1 load:
#   direct : load tool -> upstream
#   nginx  : load tool -> nginx (1 worker, HTTP reverse proxy, upstream keep-alive) -> upstream
#   quiver : load tool -> Quiver proxy (bench/http-proxy: rest onramp -> rest offramp) -> upstream
# The upstream is nginx (1 worker) answering GET /small (64 bytes) and GET /16k (16 KiB) from
# files. Everything listens on 127.0.0.1 only.
# Closed loop: wrk (-t1) and h2load (--h1, -t1, one request at a time per connection) at each
# CONNECTIONS x SIZES. Then the latency row: h2load at 50% of nginx's closed-loop maximum (the
# best of wrk and h2load at OPEN_CONNECTIONS connections), paced with --rps (per connection:
# rate / connections), latency percentiles from h2load's per-request log.
# Records per row: requests/s, latency percentiles, errors (non-2xx and socket errors), CPU seconds
# of each server process during the measured part (from /proc/PID/stat) and of the client, and
# requests per proxy CPU-second; peak RSS (VmHWM) per server process at the end.
# Writes docs/benchmarks/http-proxy-compare.md, .csv and .png, and http-proxy-compare-ratio.png
# (Quiver / nginx per row, bench/http-proxy-ratio-chart.sh, its table also in the .md).
#
# Pinning (2 cores): client and upstream on CPU 0, the proxy (nginx or Quiver) on CPU 1.
# Needs: nginx, wrk, h2load (nghttp2-client), gnuplot for the chart; as root with apt-get, the
# missing ones are installed (nginx-light, wrk, nghttp2-client, gnuplot-nox).
# Environment: CONNECTIONS="1 64 256" SIZES="small 16k" DURATION=5 WARMUP=2 TOOLS="wrk h2load"
#   OPEN_CONNECTIONS=64 (connections of the 50% row)
#   PRIME=10 (seconds of unrecorded load through each proxy per size before the first row, 64
#   connections with h2load: the proxy is pinned to one CPU, where the JVM's JIT compilers share
#   that CPU with the event loop, so without it the first Quiver row pays for the compilation:
#   24k req/s against 31.7k for the same wrk row run again later in one run; 0: none)
#   QUIVER_JAR (default quiver-server/target/quiver.jar) QUIVER_JAVA_OPTS (proxy JVM options after
#   the launcher's defaults, QUIVER_JVM_DEFAULTS, see bin/lib/java.sh; default on Java 23+:
#   --sun-misc-unsafe-memory-access=allow, so that Netty uses Unsafe)
#   OUT_DIR (default docs/benchmarks)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
. "$root/bin/lib/java.sh"
. "$root/bench/lib/ports.sh"
. "$root/bench/lib/proc.sh"
quiver_find_java
jar=${QUIVER_JAR:-$root/quiver-server/target/quiver.jar}
[ -f "$jar" ] || { echo "http-proxy-compare: $jar is missing: build it with ./mvnw -B -q -o -pl quiver-server -am package -DskipTests" >&2; exit 1; }

need() { # command package
  command -v "$1" > /dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "http-proxy-compare: installing $2 for $1" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" > /dev/null ||
      { apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" > /dev/null; }
  fi
  command -v "$1" > /dev/null || { echo "http-proxy-compare: $1 is missing (apt-get install $2)" >&2; exit 1; }
}
PATH=$PATH:/usr/sbin
need nginx nginx-light
need wrk wrk
need h2load nghttp2-client
need gnuplot gnuplot-nox || true
nginx_bin=$(command -v nginx)

CONNECTIONS=${CONNECTIONS:-"1 64 256"}
SIZES=${SIZES:-"small 16k"}
TOOLS=${TOOLS:-"wrk h2load"}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
OPEN_CONNECTIONS=${OPEN_CONNECTIONS:-64}
out_dir=${OUT_DIR:-$root/docs/benchmarks}
mkdir -p "$out_dir"
UPSTREAM_PORT=${UPSTREAM_PORT:-18150}
NGINX_PORT=${NGINX_PORT:-18151}
QUIVER_PORT=${QUIVER_PORT:-18152}
work=$(mktemp -d "${TMPDIR:-/tmp}/http-compare.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for f in "$work"/*/nginx.pid; do [ -f "$f" ] && kill "$(cat "$f" 2>/dev/null)" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
tick=$(getconf CLK_TCK)

start_nginx() { # name cpu conf-body : starts nginx with 1 worker; prints master and worker pids
  local dir=$work/$1
  mkdir -p "$dir/logs"
  {
    echo "worker_processes 1;"
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/logs/error.log warn;"
    echo "events { worker_connections 16384; }"
    echo "http {"
    echo "  access_log off;"
    echo "  keepalive_requests 1000000;"
    echo "  keepalive_timeout 75s;"
    echo "$3"
    echo "}"
  } > "$dir/nginx.conf"
  taskset -c "$2" "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' > "$dir/nginx.log" 2>&1 &
  pids+=($!)
}
nginx_pids() { # name : master and worker pids
  local master
  master=$(cat "$work/$1/nginx.pid")
  echo "$master $(pgrep -P "$master" | tr '\n' ' ')"
}

# --- servers ---
mkdir -p "$work/www"
head -c 64 /dev/zero | tr '\0' 'x' > "$work/www/small"
head -c 16384 /dev/zero | tr '\0' 'x' > "$work/www/16k"
chmod a+rx "$work" "$work/www" && chmod a+r "$work"/www/* # nginx's worker runs as another user
start_nginx upstream 0 "  default_type application/octet-stream;
  sendfile on;
  open_file_cache max=16;
  server { listen 127.0.0.1:$UPSTREAM_PORT; root $work/www; }"
wait_port "$UPSTREAM_PORT"

start_nginx proxy 1 "  upstream up { server 127.0.0.1:$UPSTREAM_PORT; keepalive 512; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://up;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"
wait_port "$NGINX_PORT"
sleep 0.5
upstream_pids=$(nginx_pids upstream)
proxy_nginx_pids=$(nginx_pids proxy)

# Netty (4.2) leaves sun.misc.Unsafe alone on Java 25 unless the JVM allows its memory access
# (JEP 471/498); without it every buffer access goes through ByteBuffer's checked path (the
# proxy's profile shows it writing HTTP headers byte by byte). Java 23 and newer know the option.
if [ -z "${QUIVER_JAVA_OPTS+x}" ] && [ "$(quiver_java_major "$(command -v java)")" -ge 23 ]; then
  QUIVER_JAVA_OPTS=--sun-misc-unsafe-memory-access=allow
fi
cp "$root"/bench/http-proxy/*.trickle "$work/"
sed -e "s/port: 9139/port: $QUIVER_PORT/" -e "s#http://127.0.0.1:8139#http://127.0.0.1:$UPSTREAM_PORT#" \
  "$root/bench/http-proxy/config.yaml" > "$work/proxy.yaml"
# shellcheck disable=SC2086
taskset -c 1 java $(quiver_jvm_defaults) ${QUIVER_JAVA_OPTS:-} -jar "$jar" server run --no-api -f "$work"/*.trickle "$work/proxy.yaml" \
  > "$work/quiver.log" 2>&1 &
quiver_pid=$!; pids+=("$quiver_pid")
wait_port "$QUIVER_PORT"
for p in direct nginx quiver; do # every topology answers before anything is measured
  url=$(case $p in direct) echo "http://127.0.0.1:$UPSTREAM_PORT";; nginx) echo "http://127.0.0.1:$NGINX_PORT";; quiver) echo "http://127.0.0.1:$QUIVER_PORT";; esac)
  got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$url/16k")
  [ "$got" = "200 16384" ] || { echo "http-proxy-compare: $p answered GET /16k with $got; log:" >&2; cat "$work/quiver.log" >&2; exit 1; }
done

port_of() { case $1 in direct) echo "$UPSTREAM_PORT";; nginx) echo "$NGINX_PORT";; quiver) echo "$QUIVER_PORT";; esac; }
proxy_pids_of() { case $1 in direct) echo "";; nginx) echo "$proxy_nginx_pids";; quiver) echo "$quiver_pid";; esac; }

csv=$out_dir/http-proxy-compare.csv
header="mode,tool,topology,connections,size,rate,requests,req_per_s,p50_us,p90_us,p99_us,max_us,errors,client_cpu_s,upstream_cpu_s,proxy_cpu_s,req_per_proxy_cpu_s"
echo "$header" > "$csv"

# wrk's latency text (e.g. 215.00us, 1.20ms, 2.00s) in whole microseconds
to_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) f = 1; else if (v ~ /ms$/) f = 1000; else if (v ~ /s$/) f = 1000000; else f = 1; printf "%.0f", n * f }'; }

# Runs the tool once (its output on stdout); the client's CPU as a last line "TIME user sys".
run_tool() { # tool topology connections size seconds rate(0 = closed loop) log
  local tool=$1 port c=$3 path=$4 secs=$5 rate=$6 log=$7 per
  port=$(port_of "$2")
  rm -f "$log" # h2load appends to its log: every run starts a fresh one
  if [ "$tool" = wrk ]; then
    /usr/bin/time -f "TIME %U %S" taskset -c 0 wrk -t1 -c"$c" -d"${secs}s" --latency "http://127.0.0.1:$port/$path" 2>&1
  elif [ "$rate" = 0 ]; then
    /usr/bin/time -f "TIME %U %S" taskset -c 0 h2load --h1 -t1 -c"$c" -m1 -D"$secs" --log-file="$log" "http://127.0.0.1:$port/$path" 2>&1
  else
    per=$(awk -v r="$rate" -v c="$c" 'BEGIN { p = r / c; printf "%d", (p < 1 ? 1 : p + 0.5) }')
    /usr/bin/time -f "TIME %U %S" taskset -c 0 h2load --h1 -t1 -c"$c" -m1 -D"$secs" --rps="$per" --log-file="$log" "http://127.0.0.1:$port/$path" 2>&1
  fi
}

# p50 p90 p99 max (µs) of an h2load per-request log (start, status, µs)
log_percentiles() {
  cut -f3 "$1" | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "0 0 0 0"; exit }
    printf "%d %d %d %d\n", v[int(NR * 0.50 + 0.999)], v[int(NR * 0.90 + 0.999)], v[int(NR * 0.99 + 0.999)], v[NR] }'
}

run_one() { # mode tool topology connections size rate
  local mode=$1 tool=$2 topo=$3 c=$4 s=$5 rate=$6 ppids u0 p0 u1 p1 res log requests rps p50 p90 p99 max errors
  ppids=$(proxy_pids_of "$topo")
  log=$work/requests.log
  run_tool "$tool" "$topo" "$c" "$s" "$WARMUP" "$rate" "$log" > /dev/null || true
  u0=$(cpu_ticks $upstream_pids); p0=$(cpu_ticks $ppids)
  res=$(run_tool "$tool" "$topo" "$c" "$s" "$DURATION" "$rate" "$log") || true
  u1=$(cpu_ticks $upstream_pids); p1=$(cpu_ticks $ppids)
  if [ "$tool" = wrk ]; then
    requests=$(awk '/requests in/ { print $1 }' <<<"$res")
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$res")
    p50=$(to_us "$(awk '$1 == "50%" { print $2 }' <<<"$res")")
    p90=$(to_us "$(awk '$1 == "90%" { print $2 }' <<<"$res")")
    p99=$(to_us "$(awk '$1 == "99%" { print $2 }' <<<"$res")")
    max=$(to_us "$(awk '$1 == "Latency" && NF >= 4 { print $4; exit }' <<<"$res")")
    errors=$(awk '/Non-2xx or 3xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$res")
  else
    requests=$(awk '/^requests:/ { print $6 }' <<<"$res")
    rps=$(awk '/^finished in/ { gsub(/,/, ""); printf "%.0f", $4 }' <<<"$res")
    read -r p50 p90 p99 max < <(log_percentiles "$log")
    errors=$(awk '/^requests:/ { gsub(/,/, ""); print $10 + 0 }' <<<"$res") # failed: errors and non-2xx/3xx answers
  fi
  local client_cpu upstream_cpu proxy_cpu per_proxy
  client_cpu=$(awk '/^TIME/ { printf "%.2f", $2 + $3 }' <<<"$res")
  upstream_cpu=$(awk -v a="$u0" -v b="$u1" -v t="$tick" 'BEGIN { printf "%.2f", (b - a) / t }')
  proxy_cpu=$(awk -v a="$p0" -v b="$p1" -v t="$tick" 'BEGIN { printf "%.2f", (b - a) / t }')
  per_proxy=$(awk -v n="${requests:-0}" -v c="$proxy_cpu" 'BEGIN { if (c > 0) printf "%.0f", n / c; else print "" }')
  echo "$mode,$tool,$topo,$c,$s,$rate,${requests:-0},${rps:-0},${p50:-0},${p90:-0},${p99:-0},${max:-0},${errors:-0},${client_cpu:-},$upstream_cpu,$proxy_cpu,$per_proxy" >> "$csv"
  echo "$mode $tool $topo c=$c size=$s rate=$rate -> ${rps:-0} req/s p99 ${p99:-0} µs errors ${errors:-0} proxy cpu $proxy_cpu s" >&2
}

# warm-up before anything is recorded (both proxies alike; nginx has nothing to compile)
PRIME=${PRIME:-10}
if [ "$PRIME" -gt 0 ]; then
  for s in $SIZES; do
    for topo in nginx quiver; do
      run_tool h2load "$topo" 64 "$s" "$PRIME" 0 "$work/prime.log" > /dev/null || true
    done
  done
fi

for s in $SIZES; do
  for c in $CONNECTIONS; do
    for tool in $TOOLS; do
      for topo in direct nginx quiver; do
        run_one closed "$tool" "$topo" "$c" "$s" 0
      done
    done
  done
done
# latency at 50% of nginx's closed-loop maximum (the best tool at OPEN_CONNECTIONS connections)
for s in $SIZES; do
  max=$(awk -F, -v s="$s" -v c="$OPEN_CONNECTIONS" '$1 == "closed" && $3 == "nginx" && $4 == c && $5 == s && $8 > m { m = $8 } END { print m + 0 }' "$csv")
  [ "$max" -gt 0 ] || continue
  rate=$(awk -v m="$max" 'BEGIN { printf "%.0f", m / 2 }')
  for topo in direct nginx quiver; do
    run_one open50 h2load "$topo" "$OPEN_CONNECTIONS" "$s" "$rate"
  done
done

rss_upstream=$(peak_rss_mb $upstream_pids); rss_nginx=$(peak_rss_mb $proxy_nginx_pids); rss_quiver=$(peak_rss_mb "$quiver_pid")

# --- report ---
md=$out_dir/http-proxy-compare.md
{
  echo "# HTTP proxy comparison: direct vs nginx vs Quiver"
  echo
  echo "Generated by \`bench/http-proxy-compare.sh\` on $(date -u +%Y-%m-%d) (UTC)."
  echo "Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/^Mem/ { print $2 }') GiB RAM, $(uname -sr)."
  echo "Versions: $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }'), h2load $(h2load --version 2>&1 | awk '{ print $NF }' | head -1), $(java -version 2>&1 | head -1), Quiver $(java -jar "$jar" --version 2>/dev/null | head -1)."
  echo "Load: HTTP/1.1 keep-alive GETs; \`wrk -t1\` and \`h2load --h1 -t1 -m1\`, ${PRIME} s of unrecorded load through each proxy per size first, then ${WARMUP} s warm-up + ${DURATION} s measured per row; client and upstream pinned to CPU 0, proxy to CPU 1."
  echo "Upstream: nginx, 1 worker, files of 64 B (small) and 16 KiB (16k), application/octet-stream. nginx proxy: 1 worker, upstream keepalive 512, proxy_http_version 1.1. Quiver: bench/http-proxy (rest onramp linked -> rest offramp linked, codec binary, concurrency 512, pool_size 512)."
  echo "CPU s: utime+stime during the measured part; requests/proxy-CPU-s = requests of the measured part / proxy CPU seconds. Errors: non-2xx answers and socket errors."
  echo "open50: h2load paced with --rps (per connection, rate / ${OPEN_CONNECTIONS}) at half of nginx's best closed-loop rate at ${OPEN_CONNECTIONS} connections; percentiles from h2load's per-request log (h2load's pacing sends the next request of a connection when it is due or when the previous one is answered, whichever is later)."
  echo
  echo "| mode | tool | topology | conns | size | rate/s | requests | req/s | p50 µs | p90 µs | p99 µs | max µs | errors | client CPU s | upstream CPU s | proxy CPU s | req/proxy-CPU-s |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$csv" | awk -F, '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1,$2,$3,$4,$5,($6 == 0 ? "max" : $6),$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17 }'
  echo
  echo "Peak RSS at the end of the run (VmHWM): upstream nginx (master + worker) ${rss_upstream} MB, nginx proxy (master + worker) ${rss_nginx} MB, Quiver proxy ${rss_quiver} MB."
  echo
  echo "## Goals (Quiver vs nginx, this run)"
  echo
  echo "| goal | tool | conns | size | nginx | Quiver | Quiver/nginx | met |"
  echo "|---|---|---|---|---|---|---|---|"
  awk -F, 'NR > 1 && $1 == "closed" && $4 >= 64 && ($3 == "nginx" || $3 == "quiver") { v[$2 FS $4 FS $5, $3] = $8; c[$2 FS $4 FS $5] = 1 }
    END { for (k in c) { split(k, p, FS); r = v[k, "quiver"] / v[k, "nginx"];
      printf "| req/s >= nginx | %s | %s | %s | %.0f | %.0f | %.2fx | %s |\n", p[1], p[2], p[3], v[k, "nginx"], v[k, "quiver"], r, (r >= 1 ? "yes" : "no") } }' "$csv" | sort
  awk -F, 'NR > 1 && $1 == "open50" && ($3 == "nginx" || $3 == "quiver") { v[$5, $3] = $11; c[$5] = 1; rate[$5] = $6; conns = $4 }
    END { for (s in c) { r = v[s, "quiver"] / v[s, "nginx"];
      printf "| p99 at %s/s (50%% of nginx max) <= 1.5x nginx | h2load | %s | %s | %.0f µs | %.0f µs | %.2fx | %s |\n", rate[s], conns, s, v[s, "nginx"], v[s, "quiver"], r, (r <= 1.5 ? "yes" : "no") } }' "$csv" | sort
  awk -F, 'NR > 1 && $1 == "closed" && $4 >= 64 && ($3 == "nginx" || $3 == "quiver") { v[$2 FS $4 FS $5, $3] = $17; c[$2 FS $4 FS $5] = 1 }
    END { for (k in c) { split(k, p, FS); printf "| requests per proxy CPU-second (reported) | %s | %s | %s | %.0f | %.0f | %.2fx | - |\n", p[1], p[2], p[3], v[k, "nginx"], v[k, "quiver"], (v[k, "nginx"] > 0 ? v[k, "quiver"] / v[k, "nginx"] : 0) } }' "$csv" | sort
  echo
  echo "![req/s by topology](http-proxy-compare.png)"
  echo
  echo "## Quiver / nginx per row (bench/http-proxy-ratio-chart.sh)"
  echo
  "$root/bench/http-proxy-ratio-chart.sh" "$csv" "$out_dir/http-proxy-compare-ratio.png"
  echo
  echo "![Quiver / nginx per row](http-proxy-compare-ratio.png)"
} > "$md"

if command -v gnuplot > /dev/null; then
  awk -F, 'NR > 1 && $1 == "closed" { key = $2 "/" $4 "c/" $5; v[key, $3] = $8; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
    END { for (i = 1; i <= n; i++) { k = order[i]; print k, v[k, "direct"] + 0, v[k, "nginx"] + 0, v[k, "quiver"] + 0 } }' "$csv" > "$work/chart.dat"
  gnuplot <<GP
set terminal pngcairo size 1400,600 font ",10"
set output "$out_dir/http-proxy-compare.png"
set title "HTTP GET through no proxy / nginx / Quiver: closed-loop requests/s (tool / connections / body)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key top left
set ylabel "requests/s"
set xtics rotate by -45
set grid ytics
plot "$work/chart.dat" using 2:xtic(1) title "direct", "" using 3 title "nginx", "" using 4 title "Quiver"
GP
fi
echo "http-proxy-compare: wrote $md, $csv$(command -v gnuplot > /dev/null && echo ", $out_dir/http-proxy-compare.png")" >&2
