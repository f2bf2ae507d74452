package io.quiver.server.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The actions a {@code quiver bench abuse} run performed and what the server did, by name. */
public final class AbuseCounts {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String name, long n) {
    counts.computeIfAbsent(name, k -> new LongAdder()).add(n);
  }

  void inc(String name) {
    add(name, 1);
  }

  /** The count of {@code name}, 0 when never counted. */
  public long get(String name) {
    LongAdder a = counts.get(name);
    return a == null ? 0 : a.sum();
  }

  /** Every count, by name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** {@code name=value} pairs, sorted by name, separated by spaces. */
  public String keyValues() {
    StringBuilder b = new StringBuilder();
    snapshot().forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
    return b.toString();
  }
}
