#!/usr/bin/env bash
# quiver up's "postgres" service for example 12: a PostgreSQL server of its own on 127.0.0.1:PORT
# (default 9876) with the workshop's two databases, `products` (table `transactions`, one row)
# and `measurements` (table `events`, empty), in place of the workshop's postgres and timescaledb
# containers. Data in $TMPDIR/quiver-pg-PORT (delete it to start afresh). Debian's postgresql
# package provides the server; PostgreSQL refuses to run as root, so as root it runs as `postgres`.
# It runs until this script gets SIGTERM/SIGINT (then a fast shutdown) or quiver up is gone.
set -euo pipefail
port="${1:-9876}"
data="${TMPDIR:-/tmp}/quiver-pg-$port"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ]; then
  echo "postgres.sh: no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi
as=()
if [ "$(id -u)" = 0 ]; then
  as=(runuser -u postgres --)
fi
if [ ! -f "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  if [ ${#as[@]} -gt 0 ]; then chown postgres "$data"; fi
  chmod 700 "$data"
  "${as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  # the workshop's seed scripts, run in single-user mode (no server needed yet); its row's
  # product id is quoted as a string here (the workshop's "SOMEID" is an identifier and fails)
  "${as[@]}" "$bin/postgres" --single -D "$data" postgres >>"$data/seed.log" 2>&1 <<'SQL'
CREATE DATABASE products;
CREATE DATABASE measurements;
SQL
  "${as[@]}" "$bin/postgres" --single -D "$data" products >>"$data/seed.log" 2>&1 <<'SQL'
CREATE TABLE transactions (user_id INT8 NOT NULL, product_id VARCHAR NOT NULL, quantity INT8 NOT NULL, created_at TIMESTAMPTZ NOT NULL);
INSERT INTO transactions VALUES (20, 'SOMEID', 98, '2020-02-10 20:02:02.000000 +00:00');
SQL
  "${as[@]}" "$bin/postgres" --single -D "$data" measurements >>"$data/seed.log" 2>&1 <<'SQL'
CREATE TABLE events (user_id INT8 NOT NULL, product_id VARCHAR NOT NULL, quantity INT8 NOT NULL, created_at TIMESTAMPTZ NOT NULL);
SQL
  echo "postgres.sh: made $data with the databases products and measurements"
fi
"${as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1" start >/dev/null
echo "postgres.sh: PostgreSQL on 127.0.0.1:$port, data in $data, log in $data/server.log"
tail -n 0 -F "$data/server.log" &
tailer=$!
stop() {
  "${as[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  kill "$tailer" 2>/dev/null || true
  exit 0
}
trap stop TERM INT HUP
# until told to stop, or until quiver up's supervisor is gone (killed without stopping us)
while [ -z "${QUIVER_SUPERVISOR_PID:-}" ] || kill -0 "$QUIVER_SUPERVISOR_PID" 2>/dev/null; do
  sleep 1 &
  wait $! || true
done
stop
