package io.quiver.connectors.rest.onramp;

import io.quiver.connectors.rest.http1.HeaderSyntax;
import io.quiver.value.Value;
import java.util.Arrays;

/**
 * The header lines a reply's {@code $response.headers} record gives, checked, for one connection:
 * the record's string values (or the strings of its lists) by name in order, hop-by-hop names left
 * out, and its first {@code content-type} value. Records are immutable, so the lines of the last
 * record seen are kept and a reply carrying that same record again (a proxy answering with the
 * upstream's headers, which the rest offramp shares while they do not change) costs a comparison,
 * not a walk and a check of every header. The lines of a record are never written again once read
 * (an answer waiting behind an earlier one of its connection still holds them): another record gets
 * new ones. A record with an invalid name or value is never kept: its {@link #problem} is found
 * every time. Not thread-safe: one per connection, on its loop.
 */
final class ReplyHeaders {
  private Value.Obj record;
  private String[] lines = new String[16];
  private int count;
  private String contentType;
  private IllegalArgumentException problem;

  /**
   * Reads {@code headers} (unless it is the record read last); {@link #lines}, {@link #count} and
   * {@link #contentType} then describe it.
   */
  void read(Value.Obj headers) {
    if (headers == record) {
      return;
    }
    record = null;
    lines = new String[Math.max(16, headers.size() * 2)];
    count = 0;
    contentType = null;
    problem = null;
    // forEach: no iterator or entry objects
    headers.fields().forEach(this::add);
    if (problem == null) {
      record = headers;
    }
  }

  /** Why the record read last cannot be sent (an invalid header name or value), or null. */
  IllegalArgumentException problem() {
    return problem;
  }

  /** The checked lines, name and value alternating; shared: never written by the caller. */
  String[] lines() {
    return lines;
  }

  /** How many lines {@link #lines} holds. */
  int count() {
    return count;
  }

  /** The record's first {@code content-type} value (any case of the name), or null. */
  String contentType() {
    return contentType;
  }

  /** One field: its content type when it is the first; its lines until a first problem. */
  private void add(String name, Value value) {
    if (contentType == null && name.equalsIgnoreCase("content-type")) {
      contentType = firstString(value);
    }
    if (problem != null) {
      return;
    }
    if (!HeaderSyntax.isToken(name)) {
      problem = new IllegalArgumentException("invalid header name '" + name + "'");
      return;
    }
    if (ReplyResponse.isNotCopied(name)) {
      return;
    }
    switch (value) {
      case Value.Str s -> line(name, s.value());
      case Value.Arr values -> {
        for (int i = 0; i < values.size() && problem == null; i++) {
          if (values.get(i) instanceof Value.Str s) {
            line(name, s.value());
          }
        }
      }
      default -> {}
    }
  }

  private void line(String name, String value) {
    if (!HeaderSyntax.isValue(value)) {
      problem = new IllegalArgumentException("invalid value of header '" + name + "'");
      return;
    }
    if (count * 2 == lines.length) {
      lines = Arrays.copyOf(lines, lines.length * 2);
    }
    lines[count * 2] = name;
    lines[count * 2 + 1] = value;
    count++;
  }

  /** The string, or the first string of a list; null when there is none. */
  private static String firstString(Value value) {
    switch (value) {
      case Value.Str s -> {
        return s.value();
      }
      case Value.Arr values -> {
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i) instanceof Value.Str s) {
            return s.value();
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }
}
