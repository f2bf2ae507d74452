package io.quiver.connectors.rest.offramp;

import io.quiver.value.Value;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The headers of one request as {@link RequestBuilder} gathers them, by lower-case name in the
 * order first given: each with the name as given (sent as it is) and its values (strings). Setting
 * a name again replaces its name and values in place, as a {@code LinkedHashMap}'s put does. Kept
 * in three arrays (no map entry per header); a name is found by comparing the names up to {@value
 * #LINEAR} headers, beyond that through a hash index. One per request, on one thread.
 */
final class RequestHeaders {
  /** Up to this many headers a lookup compares the names; beyond it uses the index. */
  static final int LINEAR = 16;

  private String[] keys = new String[8];
  private String[] names = new String[8];
  private Value.Arr[] values = new Value.Arr[8];
  private int size;
  private HashMap<String, Integer> index;

  /** The position of {@code key} (lower case), or -1. */
  int indexOf(String key) {
    if (index != null) {
      Integer at = index.get(key);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  boolean contains(String key) {
    return indexOf(key) >= 0;
  }

  /** Sets {@code key} (lower case) to {@code name} and {@code vals}: in place when it is there. */
  void put(String key, String name, Value.Arr vals) {
    int at = indexOf(key);
    if (at >= 0) {
      names[at] = name;
      values[at] = vals;
      return;
    }
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    names[size] = name;
    values[size] = vals;
    size++;
    if (index != null) {
      index.put(key, size - 1);
    } else if (size > LINEAR) {
      index = new HashMap<>(size * 4);
      for (int i = 0; i < size; i++) {
        index.put(keys[i], i);
      }
    }
  }

  /** Sets {@code key} unless it is there. */
  void putIfAbsent(String key, String name, Value.Arr vals) {
    if (indexOf(key) < 0) {
      put(key, name, vals);
    }
  }

  int size() {
    return size;
  }

  /** Header {@code i}'s lower-case name. */
  String key(int i) {
    return keys[i];
  }

  /** Header {@code i}'s name as given. */
  String name(int i) {
    return names[i];
  }

  /** Header {@code i}'s values. */
  Value.Arr values(int i) {
    return values[i];
  }

  /** The record of lower-case name to values, in order ({@code $response.request.headers}). */
  Value.Obj record() {
    return Value.record(Arrays.copyOf(keys, size), Arrays.copyOf(values, size, Value[].class));
  }
}
