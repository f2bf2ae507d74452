package io.quiver.server.bench;

import java.util.Arrays;

/** A growable FIFO of longs (send times), without boxing. One thread at a time. */
final class LongFifo {
  private long[] items;
  private int head;
  private int size;

  LongFifo(int capacity) {
    items = new long[Math.max(2, Integer.highestOneBit(Math.max(1, capacity - 1)) << 1)];
  }

  void add(long value) {
    if (size == items.length) {
      long[] bigger = new long[items.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = items[(head + i) & (items.length - 1)];
      }
      items = bigger;
      head = 0;
    }
    items[(head + size) & (items.length - 1)] = value;
    size++;
  }

  /** Removes and returns the oldest value; {@code empty} when there is none. */
  long poll(long empty) {
    if (size == 0) {
      return empty;
    }
    long v = items[head];
    head = (head + 1) & (items.length - 1);
    size--;
    return v;
  }

  int size() {
    return size;
  }

  void clear() {
    head = 0;
    size = 0;
    Arrays.fill(items, 0);
  }
}
