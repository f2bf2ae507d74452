# Shared by the bench scripts (sourced, as bench/lib/ab.sh): waiting until a server they started
# listens.

# port_accepts PORT: true when something accepts a TCP connection on 127.0.0.1:PORT.
port_accepts() { (exec 3<> /dev/tcp/127.0.0.1/"$1") 2> /dev/null; }

# wait_port PORT [SECONDS [PID]]: returns once something accepts on 127.0.0.1:PORT. Else it says why
# on stderr and returns 1 (which ends a `set -e` script): after SECONDS (30 unless given), or as soon
# as PID, when given, has exited.
wait_port() {
  local port=$1 secs=${2:-30} pid=${3:-} name=${0##*/}
  local deadline=$((SECONDS + secs))
  name=${name%.sh}
  until port_accepts "$port"; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2> /dev/null; then
      echo "$name: the process for port $port exited before it listened" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "$name: nothing listens on 127.0.0.1:$port after $secs s" >&2
      return 1
    fi
    sleep 0.2
  done
}
