package io.quiver.value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The key order Tremor 0.11.12 gives a record it has copied: a model of the hash table behind its
 * objects, to reproduce Tremor's JSON output byte for byte where its suites compare it.
 *
 * <p>Tremor keeps a parsed object of up to 32 keys in insertion order, but every copy of a value
 * ({@code clone_static}/{@code into_static}: a port's destinations but the last, selects with a
 * target other than {@code event}, {@code group by} or windows, events read back from a {@code
 * qos::wal}) rebuilds each object through halfbrown 0.1.11's {@code FromIterator} into a hashbrown
 * 0.7.2 table hashed with FxHash (fxhash 0.2.1 as published on crates.io), and the JSON encoder
 * writes the keys in the table's bucket order. A {@link Table} is that table: {@link Table#rebuilt}
 * makes one the way a copy does, {@link Table#insert} adds a key the way a script's {@code let}
 * does (growing it as hashbrown does), {@link Table#keys} is the order Tremor writes.
 *
 * <p>Not wired into the codecs yet (see docs/compatibility.md, "Not there yet"): this is the model,
 * checked against the orders found in Tremor's integration cases.
 */
public final class TremorKeyOrder {
  /** hashbrown's group width on x86_64 (SSE2). */
  static final int GROUP_WIDTH = 16;

  private static final long FX_SEED = 0x517cc1b727220a95L;

  private TremorKeyOrder() {}

  /**
   * FxHash of a string key as Rust hashes a {@code str}: its UTF-8 bytes in 8-byte little-endian
   * words, then one 4-byte word if 4 or more bytes remain, then each remaining byte, then {@code
   * 0xff} (fxhash 0.2.1's {@code write64}; its later, unreleased master folds a 2-byte tail into
   * one word instead).
   */
  static long fxHash(String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    long h = 0;
    int i = 0;
    while (b.length - i >= 8) {
      long word = 0;
      for (int k = 7; k >= 0; k--) {
        word = (word << 8) | (b[i + k] & 0xffL);
      }
      h = fold(h, word);
      i += 8;
    }
    if (b.length - i >= 4) {
      long word = 0;
      for (int k = 3; k >= 0; k--) {
        word = (word << 8) | (b[i + k] & 0xffL);
      }
      h = fold(h, word);
      i += 4;
    }
    for (; i < b.length; i++) {
      h = fold(h, b[i] & 0xffL);
    }
    return fold(h, 0xff);
  }

  private static long fold(long h, long word) {
    return (Long.rotateLeft(h, 5) ^ word) * FX_SEED;
  }

  /** hashbrown 0.7.2's {@code capacity_to_buckets}. */
  static int buckets(int capacity) {
    int adjusted = capacity < 8 ? capacity + 1 : capacity * 8 / 7;
    return adjusted <= 1 ? 1 : Integer.highestOneBit(adjusted - 1) << 1; // next power of two
  }

  /** A hashbrown table of string keys, as far as their order goes. */
  public static final class Table {
    private String[] slots;
    private int items;
    private int growthLeft;

    private Table(int capacity) {
      slots = new String[capacity == 0 ? 0 : buckets(capacity)];
      growthLeft = capacityOf(slots.length);
    }

    /** The table a copy makes of an object whose keys iterate in {@code keys} order. */
    public static Table rebuilt(List<String> keys) {
      Table t = new Table(keys.size());
      for (String k : keys) {
        t.place(k);
      }
      return t;
    }

    /** Adds a key as a later insert does (an existing key keeps its place). */
    public void insert(String key) {
      for (String s : slots) {
        if (key.equals(s)) {
          return;
        }
      }
      if (growthLeft == 0) {
        grow();
      }
      place(key);
    }

    /** The keys in the order Tremor iterates (and writes) them. */
    public List<String> keys() {
      List<String> out = new ArrayList<>(items);
      for (String s : slots) {
        if (s != null) {
          out.add(s);
        }
      }
      return out;
    }

    private static int capacityOf(int buckets) {
      int mask = buckets - 1;
      return buckets == 0 ? 0 : mask < 8 ? mask : buckets / 8 * 7;
    }

    private void grow() {
      List<String> old = keys();
      int full = capacityOf(slots.length);
      slots = new String[buckets(Math.max(items + 1, full + 1))];
      growthLeft = capacityOf(slots.length);
      items = 0;
      for (String k : old) {
        place(k);
      }
    }

    /** hashbrown's {@code find_insert_slot}: triangular probing over groups of 16 slots. */
    private void place(String key) {
      int mask = slots.length - 1;
      long hash = fxHash(key);
      int pos = (int) (hash & mask);
      int stride = 0;
      while (true) {
        int found = firstEmptyInGroup(pos);
        if (found >= 0) {
          int slot = (pos + found) & mask;
          if (slots[slot] != null) {
            // a table smaller than a group: the empty byte was past its end; take the first
            // empty slot from the start instead
            slot = firstEmptyInGroup(0);
          }
          slots[slot] = key;
          items++;
          growthLeft--;
          return;
        }
        stride += GROUP_WIDTH;
        pos = (pos + stride) & mask;
      }
    }

    /**
     * The offset of the first empty control byte of the group read at {@code pos}, or -1. Bytes
     * past the table's end are the mirror of its first bytes for tables of at least a group, and
     * empty for smaller ones.
     */
    private int firstEmptyInGroup(int pos) {
      int n = slots.length;
      for (int i = 0; i < GROUP_WIDTH; i++) {
        int index = pos + i;
        boolean empty;
        if (index < n) {
          empty = slots[index] == null;
        } else if (n >= GROUP_WIDTH) {
          empty = slots[index - n] == null;
        } else {
          empty = true;
        }
        if (empty) {
          return i;
        }
      }
      return -1;
    }
  }
}
