package io.quiver.connectors.rest.onramp;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A request head parsed by {@link Http1HeadParser}: the head's bytes and, per header, the offsets
 * of its name and value in them. A header becomes a String only when it is read ({@link #header})
 * or when the metadata record is built ({@link #headerRecord}, once); common names are shared
 * lower-case constants.
 */
final class Http1Head implements RequestHead {
  /** Names most requests carry, lower case: looked up instead of allocated. */
  private static final String[] KNOWN = {
    "host",
    "user-agent",
    "accept",
    "accept-encoding",
    "accept-language",
    "connection",
    "content-type",
    "content-length",
    "transfer-encoding",
    "expect",
    "cookie",
    "authorization",
    "cache-control",
    "origin",
    "referer",
    "x-forwarded-for",
    "te",
    "upgrade"
  };

  private final byte[] bytes;
  private final int[] ranges; // per header: name start, name end, value start, value end
  private final int count;
  private final String method;
  private final String target;
  private final boolean http10;
  private final boolean keepAlive;

  /** The body's announced length, -1 when none. */
  final long contentLength;

  final boolean chunked;

  /** The {@code Expect} header, or null. */
  final String expect;

  private Value.Obj record;

  /** Where its headers record comes from when its connection keeps them ({@link #keptBy}). */
  private RequestRecords records;

  Http1Head(
      byte[] bytes,
      int[] ranges,
      int count,
      String method,
      String target,
      boolean http10,
      boolean keepAlive,
      long contentLength,
      boolean chunked,
      String expect) {
    this.bytes = bytes;
    this.ranges = ranges;
    this.count = count;
    this.method = method;
    this.target = target;
    this.http10 = http10;
    this.keepAlive = keepAlive;
    this.contentLength = contentLength;
    this.chunked = chunked;
    this.expect = expect;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public boolean http10() {
    return http10;
  }

  @Override
  public boolean keepAlive() {
    return keepAlive;
  }

  int headerCount() {
    return count;
  }

  @Override
  public String header(String lowerCaseName) {
    for (int i = 0; i < count; i++) {
      if (nameIs(i, lowerCaseName)) {
        return value(i);
      }
    }
    return null;
  }

  /** Whether header {@code i}'s name is {@code lowerCaseName}, in any case. */
  boolean nameIs(int i, String lowerCaseName) {
    int from = ranges[i * 4];
    int len = ranges[i * 4 + 1] - from;
    if (len != lowerCaseName.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      int b = bytes[from + k];
      if (b >= 'A' && b <= 'Z') {
        b += 32;
      }
      if (b != lowerCaseName.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Header {@code i}'s value. */
  String value(int i) {
    int from = ranges[i * 4 + 2];
    return new String(bytes, from, ranges[i * 4 + 3] - from, StandardCharsets.ISO_8859_1);
  }

  /** Header {@code i}'s name in lower case. */
  String name(int i) {
    for (String known : KNOWN) {
      if (nameIs(i, known)) {
        return known;
      }
    }
    int from = ranges[i * 4];
    int len = ranges[i * 4 + 1] - from;
    byte[] lower = new byte[len];
    for (int k = 0; k < len; k++) {
      byte b = bytes[from + k];
      lower[k] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
    return new String(lower, StandardCharsets.ISO_8859_1);
  }

  /** Its headers record comes from {@code r}, its connection's: the previous one when the same. */
  Http1Head keptBy(RequestRecords r) {
    this.records = r;
    return this;
  }

  @Override
  public Value.Obj headerRecord() {
    Value.Obj r = record;
    if (r == null) {
      r = record = records != null ? records.of(this) : buildRecord();
    }
    return r;
  }

  @Override
  public Value url(String scheme, String localAuthority) throws RequestMeta.BadTarget {
    return records != null
        ? records.url(this, scheme, localAuthority)
        : RequestMeta.url(this, scheme, localAuthority);
  }

  /** Whether its header lines are {@code other}'s: the same names and values in the same order. */
  boolean sameHeaderLines(Http1Head other) {
    if (count != other.count) {
      return false;
    }
    for (int i = 0; i < count * 4; i += 2) {
      if (!Arrays.equals(
          bytes, ranges[i], ranges[i + 1], other.bytes, other.ranges[i], other.ranges[i + 1])) {
        return false;
      }
    }
    return true;
  }

  /** Up to this many headers the record is built over two arrays, repeats found linearly. */
  static final int SMALL_RECORD = 16;

  /** Its headers record, made anew. */
  Value.Obj buildRecord() {
    if (count > SMALL_RECORD) {
      return buildLargeRecord();
    }
    String[] names = new String[count];
    Value[] values = new Value[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      String name = name(i);
      Value.Str value = Value.of(value(i));
      int at = 0;
      while (at < n && !names[at].equals(name)) {
        at++;
      }
      if (at == n) {
        names[n] = name;
        values[n++] = new Value.Arr(List.of(value));
      } else { // a repeated name: its values so far, then this one
        List<Value> had = ((Value.Arr) values[at]).items();
        List<Value> more = new ArrayList<>(had.size() + 1);
        more.addAll(had);
        more.add(value);
        values[at] = new Value.Arr(more);
      }
    }
    if (n < count) {
      names = Arrays.copyOf(names, n);
      values = Arrays.copyOf(values, n);
    }
    return Value.record(names, values);
  }

  private Value.Obj buildLargeRecord() {
    LinkedHashMap<String, Value> byName = new LinkedHashMap<>(Math.max(4, count * 2));
    for (int i = 0; i < count; i++) {
      String name = name(i);
      Value.Str value = Value.of(value(i));
      Value had = byName.putIfAbsent(name, new Value.Arr(List.of(value)));
      if (had instanceof Value.Arr values) { // a repeated name: its values so far, then this one
        List<Value> more = new ArrayList<>(values.size() + 1);
        more.addAll(values.items());
        more.add(value);
        byName.put(name, new Value.Arr(more));
      }
    }
    return Value.obj(byName);
  }
}
