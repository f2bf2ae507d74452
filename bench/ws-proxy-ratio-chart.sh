#!/usr/bin/env bash
# The Quiver / nginx ratio chart of a bench/ws-proxy-compare.sh result: one group of bars per row
# (closed loop: connections c / in flight k / size; open loop: mode / rate / size), each bar Quiver's figure
# divided by nginx's in the same run, so 1.0 (the dashed line) is parity and above is better:
#   msgs/s                      (closed-loop rows)
#   msgs per proxy CPU-second   (every row; in the open-loop rows both carry the same traffic, so
#                                it is nginx's proxy CPU divided by Quiver's)
# Also prints the same ratios as a Markdown table on stdout.
#   bench/ws-proxy-ratio-chart.sh CSV PNG      (CSV: ws-proxy-compare.csv, the median rounds)
# Needs gnuplot for the PNG (apt-get install gnuplot-nox); without it, only the table.
set -euo pipefail
csv=$1
png=$2
dat=$(mktemp "${TMPDIR:-/tmp}/ws-ratio.XXXXXX")
trap 'rm -f "$dat"' EXIT

# label, msgs/s ratio (closed rows; NaN in open rows, drawn as no bar), msgs per proxy CPU-s ratio
awk -F, 'NR > 1 && ($2 == "nginx" || $2 == "quiver") {
    key = ($1 == "closed") ? $3 "c/" $4 "k/" $5 "B" : $1 "/" sprintf("%.0fk", $6 / 1000) "msg/s/" $5 "B"
    msgs[key, $2] = $7; cpu[key, $2] = $17; mode[key] = $1
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
  }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i]
      if (msgs[k, "nginx"] == "" || msgs[k, "quiver"] == "") continue
      m = (mode[k] == "closed" && msgs[k, "nginx"] > 0) ? sprintf("%.3f", msgs[k, "quiver"] / msgs[k, "nginx"]) : "NaN"
      c = (cpu[k, "nginx"] > 0 && cpu[k, "quiver"] > 0) ? sprintf("%.3f", cpu[k, "quiver"] / cpu[k, "nginx"]) : "NaN"
      print k, m, c
    }
  }' "$csv" > "$dat"

echo "| row | Quiver / nginx msgs/s | Quiver / nginx msgs per proxy CPU-s |"
echo "|---|---|---|"
awk '{ printf "| %s | %s | %s |\n", $1, ($2 == "NaN" ? "-" : sprintf("%.2fx", $2)), ($3 == "NaN" ? "-" : sprintf("%.2fx", $3)) }' "$dat"

if command -v gnuplot > /dev/null; then
  gnuplot <<GP
set terminal pngcairo size 1200,560 font ",10" noenhanced
set output "$png"
set title "Quiver / nginx, same run (1.0 = parity, higher is better for Quiver)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key top right
set ylabel "Quiver / nginx"
set yrange [0:*]
set xtics rotate by -30
set grid ytics
set datafile missing "NaN"
plot "$dat" using 2:xtic(1) title "msgs/s (closed loop)", \
     "" using 3 title "msgs per proxy CPU-second", \
     1 with lines dashtype 2 linecolor rgb "black" title "parity"
GP
fi
