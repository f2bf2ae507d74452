# Shared by bench/http-proxy-ab.sh and bench/http-proxy-profile.sh (sourced, as bin/lib/java.sh is
# for the JVM flags): a work directory cleaned up on exit, the upstream nginx serving files of 64 B
# (`small`) and 16 KiB (`16k`) pinned to CPU 0, and the proxy deployment of bench/http-proxy
# pointed at it. The caller sources bin/lib/java.sh (quiver_java_major) and bench/lib/ports.sh
# (wait_port) first and starts the proxies itself; every process it starts goes into `pids` so the
# cleanup ends it.

# http_bench_setup NAME: makes $work (under TMPDIR) and `pids`, and ends both on exit.
http_bench_setup() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  pids=()
  trap http_bench_cleanup EXIT
  ulimit -n 65536 2> /dev/null || true
}

http_bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid" 2> /dev/null)" 2> /dev/null || true
  rm -rf "$work"
}

# http_bench_start_upstream PORT: nginx (1 worker, CPU 0) serving /small and /16k on PORT.
http_bench_start_upstream() {
  mkdir -p "$work/www" "$work/logs"
  head -c 64 /dev/zero | tr '\0' 'x' > "$work/www/small"
  head -c 16384 /dev/zero | tr '\0' 'x' > "$work/www/16k"
  chmod a+rx "$work" "$work/www" && chmod a+r "$work"/www/*
  cat > "$work/nginx.conf" << CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off; keepalive_requests 1000000; keepalive_timeout 75s;
  default_type application/octet-stream; sendfile on; open_file_cache max=16;
  server { listen 127.0.0.1:$1; root $work/www; }
}
CONF
  taskset -c 0 "$(command -v nginx)" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' > "$work/nginx.log" 2>&1 &
  pids+=($!)
  wait_port "$1"
}

# http_bench_java_opts: QUIVER_JAVA_OPTS, when unset, quiets Netty's Unsafe warning on Java 23+.
http_bench_java_opts() {
  if [ -z "${QUIVER_JAVA_OPTS+x}" ] && [ "$(quiver_java_major "$(command -v java)")" -ge 23 ]; then
    QUIVER_JAVA_OPTS=--sun-misc-unsafe-memory-access=allow
  fi
}

# http_bench_proxy_config PROXY_PORT UPSTREAM_PORT FILE: bench/http-proxy's pipelines copied into
# $work, its config.yaml written to FILE listening on PROXY_PORT and forwarding to UPSTREAM_PORT.
http_bench_proxy_config() {
  cp "$root"/bench/http-proxy/*.trickle "$work/"
  sed -e "s/port: 9139/port: $1/" -e "s#http://127.0.0.1:8139#http://127.0.0.1:$2#" \
    "$root/bench/http-proxy/config.yaml" > "$3"
}
