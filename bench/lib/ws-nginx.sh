# Shared by bench/ws-proxy-compare.sh and bench/ws-syscalls.sh (sourced after bench/lib/ports.sh):
# nginx as the websocket reverse proxy they compare Quiver with (1 worker, upstream keep-alive,
# no buffering), pinned to CPU 1 like the Quiver proxy.

# ws_nginx_start WORK PORT UPSTREAM_PORT: writes WORK/nginx/nginx.conf, starts nginx (its pid file
# WORK/nginx.pid, its output WORK/nginx.log), adds its master to `pids`, waits for PORT and for the
# worker; sets nginx_master and nginx_worker.
ws_nginx_start() {
  local work=$1 port=$2 upstream=$3
  local bin
  bin=$(command -v nginx || echo /usr/sbin/nginx)
  mkdir -p "$work/nginx/logs"
  cat > "$work/nginx/nginx.conf" << NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream echo { server 127.0.0.1:$upstream; keepalive 512; }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://echo;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_buffering off;
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
    }
  }
}
NGINX
  taskset -c 1 "$bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' > "$work/nginx.log" 2>&1 &
  pids+=($!)
  wait_port "$port"
  local deadline=$((SECONDS + 10))
  nginx_master=$(cat "$work/nginx.pid")
  nginx_worker=""
  while [ -z "$nginx_worker" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "ws_nginx_start: no nginx worker after 10 s" >&2; return 1; }
    nginx_worker=$(pgrep -P "$nginx_master" | head -1 || true)
    [ -n "$nginx_worker" ] || sleep 0.1
  done
}
