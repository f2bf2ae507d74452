package io.quiver.pipeline;

import java.util.Arrays;

/**
 * Event counts per port of one node and direction, in the order the ports were first counted
 * (Tremor's {@code NodeMetrics} map keeps insertion order). Counting a port seen before allocates
 * nothing: nodes have a handful of ports, so a linear scan beats hashing.
 */
final class PortCounts {
  private String[] ports = new String[2];
  private long[] counts = new long[2];
  private int size;

  void increment(String port) {
    for (int i = 0; i < size; i++) {
      String p = ports[i];
      if (p == port || p.equals(port)) {
        counts[i]++;
        return;
      }
    }
    if (size == ports.length) {
      ports = Arrays.copyOf(ports, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    ports[size] = port;
    counts[size] = 1;
    size++;
  }

  int size() {
    return size;
  }

  String port(int i) {
    return ports[i];
  }

  long count(int i) {
    return counts[i];
  }

  /** The count of {@code port}, 0 if never counted (tests). */
  long count(String port) {
    for (int i = 0; i < size; i++) {
      if (ports[i].equals(port)) {
        return counts[i];
      }
    }
    return 0;
  }
}
