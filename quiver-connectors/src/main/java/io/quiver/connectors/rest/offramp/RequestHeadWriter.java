package io.quiver.connectors.rest.offramp;

import io.netty.util.concurrent.FastThreadLocal;
import io.quiver.connectors.rest.http1.HeaderSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes an HTTP/1.1 request head into one array of its exact size: {@code METHOD target HTTP/1.1},
 * the header lines in the order given, {@code content-length} and the empty line. The request
 * target is written as UTF-8 and may hold no space or control character; header names must be
 * tokens and values may hold no control character but tab (a character beyond ISO-8859-1 is written
 * as {@code ?}): anything else is refused with {@code invalid request: ...}, as no request could
 * carry it. Works in a per-thread scratch array: {@link #start} begins a head on the calling
 * thread, which must finish it before it starts another.
 */
final class RequestHeadWriter {
  private static final byte[] HTTP_11 = ascii(" HTTP/1.1\r\n");
  private static final byte[] CONTENT_LENGTH = ascii("content-length: ");

  private static final FastThreadLocal<RequestHeadWriter> WRITERS =
      new FastThreadLocal<>() {
        @Override
        protected RequestHeadWriter initialValue() {
          return new RequestHeadWriter();
        }
      };

  private byte[] out = new byte[512];
  private int at;

  private RequestHeadWriter() {}

  /** The calling thread's writer, with the request line of {@code method} and {@code target}. */
  static RequestHeadWriter start(String method, String target)
      throws RequestBuilder.RequestException {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        throw new RequestBuilder.RequestException(
            "invalid request: the request target has a space or control character: " + target);
      }
    }
    RequestHeadWriter w = WRITERS.get();
    w.at = 0;
    w.putAscii(method);
    w.out[w.at++] = ' ';
    w.putTarget(target);
    w.put(HTTP_11);
    return w;
  }

  /** Adds the header line {@code name: value}. */
  void header(String name, String value) throws RequestBuilder.RequestException {
    if (!HeaderSyntax.isToken(name)) {
      throw new RequestBuilder.RequestException(
          "invalid request: header " + name + ": the name is not a token");
    }
    if (!HeaderSyntax.isValue(value)) {
      throw new RequestBuilder.RequestException(
          "invalid request: header "
              + name
              + (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0
                  ? " has a line break in its value"
                  : " has a control character in its value"));
    }
    room(name.length() + value.length() + 4);
    putAscii(name);
    out[at++] = ':';
    out[at++] = ' ';
    putAscii(value);
    out[at++] = '\r';
    out[at++] = '\n';
  }

  /** The head: with {@code content-length: bodyLength} and the empty line. */
  byte[] finish(int bodyLength) {
    room(CONTENT_LENGTH.length + 14);
    put(CONTENT_LENGTH);
    putInt(bodyLength);
    out[at++] = '\r';
    out[at++] = '\n';
    out[at++] = '\r';
    out[at++] = '\n';
    return Arrays.copyOf(out, at);
  }

  private void room(int n) {
    if (out.length - at < n) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, at + n));
    }
  }

  private void put(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, out, at, bytes.length);
    at += bytes.length;
  }

  /** Characters beyond ISO-8859-1 become {@code ?}. */
  private void putAscii(String s) {
    int n = s.length();
    room(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      out[at + i] = c > 0xff ? (byte) '?' : (byte) c;
    }
    at += n;
  }

  /** The target as UTF-8 (most are ASCII: written as they are, without an array). */
  private void putTarget(String target) {
    for (int i = 0; i < target.length(); i++) {
      if (target.charAt(i) >= 0x80) {
        put(target.getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    putAscii(target);
  }

  private void putInt(int value) {
    if (value == 0) {
      out[at++] = '0';
      return;
    }
    int digits = 0;
    for (int v = value; v > 0; v /= 10) {
      digits++;
    }
    for (int i = at + digits - 1, v = value; v > 0; v /= 10, i--) {
      out[i] = (byte) ('0' + v % 10);
    }
    at += digits;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
