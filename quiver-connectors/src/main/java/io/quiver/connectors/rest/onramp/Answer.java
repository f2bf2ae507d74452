package io.quiver.connectors.rest.onramp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An HTTP answer as the onramp builds it: status, headers in order (names as given, never a
 * connection-level one: {@code content-length}, {@code connection} and the like are the writer's)
 * and the whole body. Written by {@link Http1Writer} on HTTP/1.1 connections, turned into Netty's
 * response objects by {@link NettyAnswers} on HTTP/2 streams.
 */
final class Answer {
  private final int status;
  private String[] headers;
  private int headerCount;
  private final byte[] body;

  /** Whether {@link #headers} is shared with others (copied before the first header is added). */
  private boolean shared;

  Answer(int status, byte[] body) {
    this(status, body, 2);
  }

  Answer(int status, byte[] body, int expectedHeaders) {
    this.status = status;
    this.body = body;
    this.headers = new String[Math.max(2, expectedHeaders * 2)];
  }

  /**
   * An answer whose first {@code count} headers are {@code lines} (name and value alternating,
   * checked), an array others hold too: it is never written, an added header goes to a copy.
   */
  Answer(int status, byte[] body, String[] lines, int count) {
    this.status = status;
    this.body = body;
    this.headers = lines;
    this.headerCount = count;
    this.shared = true;
  }

  /** Appends a header (both checked by the caller for what HTTP allows). */
  Answer header(String name, String value) {
    if (shared) {
      headers = Arrays.copyOf(headers, Math.max(2, headerCount * 2 + 2));
      shared = false;
    } else if (headerCount * 2 == headers.length) {
      headers = Arrays.copyOf(headers, headers.length * 2);
    }
    headers[headerCount * 2] = name;
    headers[headerCount * 2 + 1] = value;
    headerCount++;
    return this;
  }

  int status() {
    return status;
  }

  byte[] body() {
    return body;
  }

  int headerCount() {
    return headerCount;
  }

  String headerName(int i) {
    return headers[i * 2];
  }

  String headerValue(int i) {
    return headers[i * 2 + 1];
  }

  /** The first value of {@code name} (any case), or null. */
  String header(String name) {
    for (int i = 0; i < headerCount; i++) {
      if (headers[i * 2].equalsIgnoreCase(name)) {
        return headers[i * 2 + 1];
      }
    }
    return null;
  }

  /** Every value of {@code name} (any case), in order. */
  List<String> headerValues(String name) {
    List<String> out = new ArrayList<>(2);
    for (int i = 0; i < headerCount; i++) {
      if (headers[i * 2].equalsIgnoreCase(name)) {
        out.add(headers[i * 2 + 1]);
      }
    }
    return out;
  }

  /** The header names in order (repeated names once each). */
  List<String> headerNames() {
    List<String> out = new ArrayList<>(headerCount);
    for (int i = 0; i < headerCount; i++) {
      if (!out.contains(headers[i * 2])) {
        out.add(headers[i * 2]);
      }
    }
    return out;
  }
}
