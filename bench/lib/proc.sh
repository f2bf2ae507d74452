# Shared by the bench scripts (sourced, as bench/lib/ports.sh): what the processes they started have
# used so far, from /proc. A process that is gone counts 0.

# cpu_ticks PID...: the CPU time (utime + stime) of all of them, in clock ticks (getconf CLK_TCK).
cpu_ticks() {
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    t=$((t + $(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$p/stat")))
  done
  echo $t
}

# peak_rss_mb PID...: the sum of their peak resident sets (VmHWM), in MB (rounded down).
peak_rss_mb() {
  local kb=0 p
  for p in "$@"; do
    [ -r "/proc/$p/status" ] || continue
    kb=$((kb + $(awk '/^VmHWM/ { print $2 }' "/proc/$p/status")))
  done
  echo $((kb / 1024))
}
