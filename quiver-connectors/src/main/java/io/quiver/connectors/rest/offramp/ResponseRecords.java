package io.quiver.connectors.rest.offramp;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Turns a response head's header lines into Tremor's {@code $response.headers} record (lower-case
 * name to the list of its values, in arrival order) for the connections of one event loop, reusing
 * what the previous response had: an upstream answers much the same headers every time, so a header
 * line equal to the one at the same place in the previous head keeps its value, and a head whose
 * lines are all equal keeps the whole record (records and values are immutable), which a linked
 * rest onramp then recognises as the one whose lines it checked already. Common names are shared
 * lower-case constants. Not thread-safe: one per loop ({@link ConnectionPool}).
 */
final class ResponseRecords {
  /** Names most responses carry, lower case: looked up instead of allocated. */
  private static final String[] KNOWN = {
    "server",
    "date",
    "content-type",
    "content-length",
    "last-modified",
    "connection",
    "keep-alive",
    "etag",
    "accept-ranges",
    "cache-control",
    "expires",
    "vary",
    "set-cookie",
    "location",
    "transfer-encoding",
    "content-encoding",
    "x-powered-by",
    "access-control-allow-origin",
    "age",
    "via"
  };

  /** The previous head's bytes and per-line ranges (name from, name to, value from, value to). */
  private byte[] prevBytes = new byte[0];

  private int[] prevRanges = new int[64];
  private int prevCount = -1;
  private Value.Obj prevRecord;

  /** Per line of the previous head: its name and its one-value list; and spares of the same. */
  private String[] prevNames = new String[16];

  private Value.Arr[] prevValues = new Value.Arr[16];
  private String[] names = new String[16];
  private Value.Arr[] values = new Value.Arr[16];

  /**
   * The record of the {@code count} header lines of {@code b} at {@code ranges}; {@code b} must
   * never be written again.
   */
  Value.Obj of(byte[] b, int[] ranges, int count) {
    if (names.length < count) {
      names = new String[count * 2];
      values = new Value.Arr[count * 2];
    }
    boolean same = count == prevCount;
    for (int i = 0; i < count; i++) {
      int r = i * 4;
      if (i < prevCount && sameLine(b, ranges, r)) {
        names[i] = prevNames[i];
        values[i] = prevValues[i];
      } else {
        same = false;
        names[i] = name(b, ranges[r], ranges[r + 1]);
        String value =
            new String(
                b, ranges[r + 2], ranges[r + 3] - ranges[r + 2], StandardCharsets.ISO_8859_1);
        values[i] = new Value.Arr(List.of(Value.of(value)));
      }
    }
    if (same) {
      return prevRecord; // every line as before: what was remembered still stands
    }
    Value.Obj record = build(names, values, count);
    String[] n = prevNames;
    Value.Arr[] v = prevValues;
    prevNames = names;
    prevValues = values;
    names = n;
    values = v;
    if (prevRanges.length < count * 4) {
      prevRanges = new int[count * 8];
    }
    System.arraycopy(ranges, 0, prevRanges, 0, count * 4);
    prevBytes = b;
    prevCount = count;
    prevRecord = record;
    return record;
  }

  private boolean sameLine(byte[] b, int[] ranges, int r) {
    return Arrays.equals(b, ranges[r], ranges[r + 1], prevBytes, prevRanges[r], prevRanges[r + 1])
        && Arrays.equals(
            b, ranges[r + 2], ranges[r + 3], prevBytes, prevRanges[r + 2], prevRanges[r + 3]);
  }

  private static Value.Obj build(String[] names, Value.Arr[] values, int count) {
    LinkedHashMap<String, Value> byName = new LinkedHashMap<>(Math.max(4, count * 2));
    for (int i = 0; i < count; i++) {
      Value had = byName.putIfAbsent(names[i], values[i]);
      if (had instanceof Value.Arr list) { // a repeated name: its values so far, then this one
        List<Value> more = new ArrayList<>(list.size() + 1);
        more.addAll(list.items());
        more.add(values[i].get(0));
        byName.put(names[i], new Value.Arr(more));
      }
    }
    return Value.obj(byName);
  }

  /** The lower-case name of {@code b[from, to)}: a shared constant when it is a common one. */
  static String name(byte[] b, int from, int to) {
    for (String known : KNOWN) {
      if (io.quiver.connectors.rest.http1.HeaderSyntax.equalsLowerCase(b, from, to, known)) {
        return known;
      }
    }
    byte[] lower = new byte[to - from];
    for (int k = from; k < to; k++) {
      byte c = b[k];
      lower[k - from] = c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
    }
    return new String(lower, StandardCharsets.ISO_8859_1);
  }
}
