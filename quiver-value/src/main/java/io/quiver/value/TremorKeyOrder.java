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

  /** A tombstone: the control byte hashbrown leaves where a key was removed from a full group. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String DELETED = new String("<deleted>");

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

    private Table(Table other) {
      slots = other.slots.clone();
      items = other.items;
      growthLeft = other.growthLeft;
    }

    /** An independent copy (a table that can change without changing this one). */
    public Table copy() {
      return new Table(this);
    }

    /** The number of keys. */
    public int size() {
      return items;
    }

    /** True if {@code key} is in the table. */
    public boolean contains(String key) {
      return indexOf(key) >= 0;
    }

    /** Adds a key as a later insert does (an existing key keeps its place). */
    public void insert(String key) {
      if (contains(key)) {
        return;
      }
      if (slots.length == 0 || (growthLeft == 0 && slots[findSlot(key)] == null)) {
        grow(); // hashbrown reserves only when the slot found is empty, not a tombstone
      }
      place(key);
    }

    /**
     * Removes a key as hashbrown's {@code erase} does: the slot becomes empty again when a probe
     * group around it has an empty slot, else a tombstone that later inserts may reuse.
     */
    public void remove(String key) {
      int index = indexOf(key);
      if (index < 0) {
        return;
      }
      int n = slots.length;
      int before = (index - GROUP_WIDTH) & (n - 1);
      if (n >= GROUP_WIDTH
          && fullBytesEndingGroup(before) + fullBytesStartingGroup(index) >= GROUP_WIDTH) {
        slots[index] = DELETED;
      } else {
        slots[index] = null;
        growthLeft++;
      }
      items--;
    }

    /** The keys in the order Tremor iterates (and writes) them. */
    public List<String> keys() {
      List<String> out = new ArrayList<>(items);
      for (String s : slots) {
        if (s != null && s != DELETED) {
          out.add(s);
        }
      }
      return out;
    }

    private int indexOf(String key) {
      for (int i = 0; i < slots.length; i++) {
        String s = slots[i];
        if (s != DELETED && key.equals(s)) {
          return i;
        }
      }
      return -1;
    }

    /** How many control bytes at the end of the group read at {@code pos} are not empty. */
    private int fullBytesEndingGroup(int pos) {
      int run = 0;
      for (int i = GROUP_WIDTH - 1; i >= 0; i--) {
        if (isEmptyAt(pos + i)) {
          return run;
        }
        run++;
      }
      return run;
    }

    /** How many control bytes at the start of the group read at {@code pos} are not empty. */
    private int fullBytesStartingGroup(int pos) {
      int run = 0;
      for (int i = 0; i < GROUP_WIDTH; i++) {
        if (isEmptyAt(pos + i)) {
          return run;
        }
        run++;
      }
      return run;
    }

    private static int capacityOf(int buckets) {
      int mask = buckets - 1;
      return buckets == 0 ? 0 : mask < 8 ? mask : buckets / 8 * 7;
    }

    /**
     * hashbrown's {@code reserve_rehash} for one more key: a table at most half full (tombstones
     * used up the room) is rehashed at its size, modelled here as a rebuild of the same buckets;
     * otherwise it is resized to hold one more than its capacity.
     */
    private void grow() {
      List<String> old = keys();
      int full = capacityOf(slots.length);
      int wanted = items + 1;
      int bucketCount =
          slots.length > 0 && wanted <= full / 2
              ? slots.length
              : buckets(Math.max(wanted, full + 1));
      slots = new String[bucketCount];
      growthLeft = capacityOf(bucketCount);
      items = 0;
      for (String k : old) {
        place(k);
      }
    }

    /** Puts {@code key} where hashbrown's {@code insert} would. */
    private void place(String key) {
      int slot = findSlot(key);
      if (slots[slot] == null) {
        growthLeft--;
      }
      slots[slot] = key;
      items++;
    }

    /** hashbrown's {@code find_insert_slot}: triangular probing over groups of 16 slots. */
    private int findSlot(String key) {
      int mask = slots.length - 1;
      long hash = fxHash(key);
      int pos = (int) (hash & mask);
      int stride = 0;
      while (true) {
        int found = firstEmptyInGroup(pos);
        if (found >= 0) {
          int slot = (pos + found) & mask;
          if (slots[slot] != null && slots[slot] != DELETED) {
            // a table smaller than a group: the empty byte was past its end; take the first
            // empty slot from the start instead
            slot = firstEmptyInGroup(0);
          }
          return slot;
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
      for (int i = 0; i < GROUP_WIDTH; i++) {
        if (isFreeAt(pos + i)) {
          return i;
        }
      }
      return -1;
    }

    /** Empty or a tombstone ({@code match_empty_or_deleted}), reading control bytes at index. */
    private boolean isFreeAt(int index) {
      String s = controlAt(index);
      return s == null || s == DELETED;
    }

    /** Empty ({@code match_empty}), reading control bytes at index. */
    private boolean isEmptyAt(int index) {
      return controlAt(index) == null;
    }

    /**
     * The slot a control byte read at {@code index} stands for: past the end, tables of at least a
     * group mirror their first bytes, smaller ones read empty bytes.
     */
    private String controlAt(int index) {
      int n = slots.length;
      if (index < n) {
        return slots[index];
      }
      return n >= GROUP_WIDTH ? slots[index - n] : null;
    }
  }
}
