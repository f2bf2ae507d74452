package io.quiver.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A parsed record's fields: keys and values in two arrays, in insertion order, read-only. Built
 * once at the size it needs (no rehashing, no node per field, unlike a growing {@code
 * LinkedHashMap}); a record of more than {@value #LINEAR_LIMIT} keys gets an open-addressing index
 * of key hashes when it is first looked up in, smaller ones are searched linearly. Equality and
 * hash code are those of every {@link Map}.
 */
final class ArrayFields extends AbstractMap<String, Value> {
  /** Up to this many keys a lookup compares every key; beyond it uses the index. */
  static final int LINEAR_LIMIT = 8;

  private final String[] keys;
  private final Value[] values;
  private final int size;

  /**
   * Slot -> key position + 1 (0 = empty), length a power of two, at most half full; built by the
   * first lookup of a record of more than LINEAR_LIMIT keys (a pass-through never looks one up).
   */
  private volatile int[] index;

  private ArrayFields(String[] keys, Value[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** Length of the index (and of the scratch table {@link #of} needs) for {@code n} keys. */
  static int tableLength(int n) {
    return Integer.highestOneBit(Math.max(n, 2) - 1) << 2;
  }

  /**
   * The fields {@code keys[from, from + n)} / {@code values[from, from + n)} in that order (the
   * arrays are copied). A repeated key keeps its first position and its last value, as a map's
   * {@code put} does. Beyond LINEAR_LIMIT keys, repeats are found with {@code scratch}, a table of
   * zeros at least {@link #tableLength}(n) long, left all zeros again.
   */
  static ArrayFields of(String[] keyStack, Value[] valueStack, int from, int n, int[] scratch) {
    String[] keys = new String[n];
    Value[] values = new Value[n];
    int size = 0;
    if (n <= LINEAR_LIMIT) {
      for (int i = 0; i < n; i++) {
        String key = keyStack[from + i];
        int at = linearFind(keys, size, key);
        if (at < 0) {
          keys[size] = key;
          values[size++] = valueStack[from + i];
        } else {
          values[at] = valueStack[from + i];
        }
      }
      return new ArrayFields(keys, values, size);
    }
    int length = tableLength(n);
    int mask = length - 1;
    for (int i = 0; i < n; i++) {
      String key = keyStack[from + i];
      int slot = spread(key.hashCode()) & mask;
      int found;
      while ((found = scratch[slot]) != 0 && !keys[found - 1].equals(key)) {
        slot = (slot + 1) & mask;
      }
      if (found == 0) {
        scratch[slot] = size + 1;
        keys[size] = key;
        values[size++] = valueStack[from + i];
      } else {
        values[found - 1] = valueStack[from + i];
      }
    }
    Arrays.fill(scratch, 0, length, 0);
    return new ArrayFields(keys, values, size);
  }

  /**
   * The fields {@code keys[i]} -> {@code values[i]} over the two arrays as they are (no copy): the
   * keys must be distinct and the caller must not touch either array afterwards. The keys array may
   * be shared by many records (a reader's record shape): none of them ever writes to it.
   */
  static ArrayFields owned(String[] keys, Value[] values) {
    if (keys.length != values.length) {
      throw new IllegalArgumentException("keys and values differ in length");
    }
    return new ArrayFields(keys, values, keys.length);
  }

  /**
   * A copy with {@code key} set to {@code value}: replaced in place when present, else appended
   * (the order of a {@code LinkedHashMap}'s {@code put}), in two arrays again.
   */
  ArrayFields with(String key, Value value) {
    int at = find(key);
    int n = at < 0 ? size + 1 : size;
    String[] k = Arrays.copyOf(keys, n);
    Value[] v = Arrays.copyOf(values, n);
    if (at < 0) {
      k[size] = key;
      v[size] = value;
    } else {
      v[at] = value;
    }
    return new ArrayFields(k, v, n);
  }

  /** A copy without any of {@code erased} (null: no key), in the order these fields have. */
  ArrayFields without(String[] erased) {
    String[] k = new String[size];
    Value[] v = new Value[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (!isAmong(keys[i], erased)) {
        k[n] = keys[i];
        v[n++] = values[i];
      }
    }
    return n == size ? this : new ArrayFields(k, v, n);
  }

  private static boolean isAmong(String key, String[] keys) {
    for (String k : keys) {
      if (key.equals(k)) {
        return true;
      }
    }
    return false;
  }

  private static int[] buildIndex(String[] keys, int size) {
    int[] index = new int[tableLength(size)];
    int mask = index.length - 1;
    for (int i = 0; i < size; i++) {
      int slot = spread(keys[i].hashCode()) & mask;
      while (index[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      index[slot] = i + 1;
    }
    return index;
  }

  private static int linearFind(String[] keys, int size, String key) {
    int hash = key.hashCode();
    for (int i = 0; i < size; i++) {
      String k = keys[i];
      if (k == key || (k.hashCode() == hash && k.equals(key))) {
        return i;
      }
    }
    return -1;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  private int find(Object key) {
    if (!(key instanceof String k)) {
      return -1;
    }
    if (size <= LINEAR_LIMIT) {
      return linearFind(keys, size, k);
    }
    int[] index = this.index;
    if (index == null) {
      index = buildIndex(keys, size);
      this.index = index; // safe to race: every thread builds the same table
    }
    int mask = index.length - 1;
    int slot = spread(k.hashCode()) & mask;
    int found;
    while ((found = index[slot]) != 0) {
      if (keys[found - 1].equals(k)) {
        return found - 1;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  /** The key at position {@code i} (0 to size - 1), in insertion order. */
  String keyAt(int i) {
    return keys[i];
  }

  /** The value at position {@code i} (0 to size - 1), in insertion order. */
  Value valueAt(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Value get(Object key) {
    int i = find(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  /**
   * An editable copy in a {@code LinkedHashMap} sized for these fields, filled from the arrays (no
   * entry object per field, as copying through {@link #entrySet} would make).
   */
  LinkedHashMap<String, Value> linkedCopy() {
    LinkedHashMap<String, Value> copy = LinkedHashMap.newLinkedHashMap(size);
    for (int i = 0; i < size; i++) {
      copy.put(keys[i], values[i]);
    }
    return copy;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Value> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Set<Map.Entry<String, Value>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Value>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, Value> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
