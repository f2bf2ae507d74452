# Shared by bench/ws-proxy-ab.sh and bench/http-proxy-ab.sh (sourced, as bench/lib/http-proxy.sh is
# for the HTTP scripts' start-up): their arguments and common options, and what each variant runs.
# The proxies' CPU time: cpu_ticks (bench/lib/proc.sh).

# ab_options ROUNDS WARMUP A.jar B.jar: takes the two jars (jar_a, jar_b; the script stops when one
# is missing) and ROUNDS, DURATION (5 s) and WARMUP from the environment, else the script's
# defaults given first. Per variant (a, b): ab_jar[v] and ab_opts[v] (QUIVER_JAVA_OPTS_A or _B, to
# A/B two JVM option sets of one jar). tick: /proc's CPU ticks per second, for cpu_ticks.
ab_options() {
  local rounds=$1 warmup=$2
  shift 2
  jar_a=${1:?A.jar}
  jar_b=${2:?B.jar}
  ROUNDS=${ROUNDS:-$rounds}
  DURATION=${DURATION:-5}
  WARMUP=${WARMUP:-$warmup}
  declare -gA ab_jar=([a]="$jar_a" [b]="$jar_b")
  declare -gA ab_opts=([a]="${QUIVER_JAVA_OPTS_A:-}" [b]="${QUIVER_JAVA_OPTS_B:-}")
  tick=$(getconf CLK_TCK)
}

# ab_port VARIANT BASE: the port variant a (BASE + 1) or b (BASE + 2) listens on.
ab_port() {
  if [ "$1" = a ]; then echo $(($2 + 1)); else echo $(($2 + 2)); fi
}
