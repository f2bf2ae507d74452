#!/usr/bin/env bash
# The Quiver / nginx ratio chart of a bench/http-proxy-compare.sh result, drawn like
# bench/ws-proxy-ratio-chart.sh: one group of bars per row, each bar Quiver's figure divided by
# nginx's in the same run, so 1.0 (the dashed line) is parity and above is better for Quiver:
#   requests/s                      (closed-loop rows: tool / connections / body size)
#   requests per proxy CPU-second   (every row; in the open50 rows both carry the same traffic,
#                                    so it is nginx's proxy CPU divided by Quiver's)
#   nginx p99 / Quiver p99          (open50 rows only: the latency goal is Quiver's p99 <= 1.5x
#                                    nginx's, i.e. this bar >= 0.67)
# Also prints the same ratios as a Markdown table on stdout.
#   bench/http-proxy-ratio-chart.sh CSV PNG      (CSV: http-proxy-compare.csv)
# Needs gnuplot for the PNG (apt-get install gnuplot-nox); without it, only the table.
set -euo pipefail
csv=$1
png=$2
dat=$(mktemp "${TMPDIR:-/tmp}/http-ratio.XXXXXX")
trap 'rm -f "$dat"' EXIT

# CSV columns: mode,tool,topology,connections,size,rate,requests,req_per_s,p50_us,p90_us,p99_us,
# max_us,errors,client_cpu_s,upstream_cpu_s,proxy_cpu_s,req_per_proxy_cpu_s
awk -F, 'NR > 1 && ($3 == "nginx" || $3 == "quiver") {
    key = ($1 == "closed") ? $2 "/" $4 "c/" $5 : $1 "/" sprintf("%.1fk", $6 / 1000) "rps/" $5
    rps[key, $3] = $8; p99[key, $3] = $11; cpu[key, $3] = $17; mode[key] = $1
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
  }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i]
      if (rps[k, "nginx"] == "" || rps[k, "quiver"] == "") continue
      closed = (mode[k] == "closed")
      r = (closed && rps[k, "nginx"] > 0) ? sprintf("%.3f", rps[k, "quiver"] / rps[k, "nginx"]) : "NaN"
      c = (cpu[k, "nginx"] > 0 && cpu[k, "quiver"] > 0) ? sprintf("%.3f", cpu[k, "quiver"] / cpu[k, "nginx"]) : "NaN"
      l = (!closed && p99[k, "quiver"] > 0) ? sprintf("%.3f", p99[k, "nginx"] / p99[k, "quiver"]) : "NaN"
      print k, r, c, l
    }
  }' "$csv" > "$dat"

fmt() { awk -v x="$1" 'BEGIN { if (x == "NaN") print "-"; else printf "%.2fx", x }'; }
echo "| row | Quiver / nginx req/s | Quiver / nginx requests per proxy CPU-s | nginx p99 / Quiver p99 |"
echo "|---|---|---|---|"
while read -r row r c l; do
  echo "| $row | $(fmt "$r") | $(fmt "$c") | $(fmt "$l") |"
done < "$dat"

if command -v gnuplot > /dev/null; then
  gnuplot <<GP
set terminal pngcairo size 1200,560 font ",10" noenhanced
set output "$png"
set title "HTTP proxy, Quiver / nginx, same run (1.0 = parity, higher is better for Quiver)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key below
set ylabel "Quiver / nginx"
set yrange [0:*]
set xtics rotate by -30
set grid ytics
set datafile missing "NaN"
plot "$dat" using 2:xtic(1) title "requests/s (closed loop)", \
     "" using 3 title "requests per proxy CPU-second", \
     "" using 4 title "nginx p99 / Quiver p99 (open loop)", \
     1 with lines dashtype 2 linecolor rgb "black" title "parity"
GP
fi
