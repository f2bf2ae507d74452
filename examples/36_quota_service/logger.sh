#!/usr/bin/env bash
# Prints the lines of logs_sample.txt over and over, every 10 ms, each with the current time:
# a log stream for the quota service's log receiver (./logger.sh | nc localhost 12202).
cd "$(dirname "$0")"
while true; do
  while read -r line; do
    [ -n "$line" ] || continue
    now=$(date -u +%Y-%m-%dT%H:%M:%S)
    echo "${line//%TIMESTAMP%/$now}"
    sleep 0.01
  done < logs_sample.txt
done
