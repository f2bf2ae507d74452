package io.quiver.connectors.rest.onramp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@link Answer} as one HTTP/1.1 response in a single buffer of its exact size: status
 * line, the answer's headers, {@code content-length}, {@code date} (unless the answer has one),
 * {@code connection} when the connection closes after it or an HTTP/1.0 client keeps it, then the
 * body. As Netty's encoder did: a 1xx or 204 answer has neither length nor body, a 304 no body, a
 * 205 an empty one, and the answer to HEAD its length but no body.
 */
final class Http1Writer {
  private Http1Writer() {}

  /** What the answer says about its connection. */
  enum Connection {
    /** HTTP/1.1's default: kept open, nothing said. */
    DEFAULT,
    /** Closed after this answer. */
    CLOSE,
    /** An HTTP/1.0 client asked to keep it open. */
    KEEP_ALIVE
  }

  private static final byte[][] STATUS_LINES = new byte[1000][];
  private static final byte[] CONTENT_LENGTH = ascii("content-length: ");
  private static final byte[] CLOSE = ascii("connection: close\r\n");
  private static final byte[] KEEP_ALIVE = ascii("connection: keep-alive\r\n");
  private static final int MAX_LENGTH_DIGITS = 10;

  /** The head is written here first, then copied into the buffer in one go. */
  private static final FastThreadLocal<byte[]> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[1024];
        }
      };

  /** The response for {@code a}; {@code head}: it answers a HEAD request. */
  static ByteBuf write(ByteBufAllocator alloc, Answer a, boolean head, Connection connection) {
    int status = a.status();
    boolean noLength = status < 200 || status == 204;
    boolean noBody = noLength || status == 304 || head;
    byte[] body = status == 205 ? new byte[0] : a.body();
    byte[] statusLine = statusLine(status);
    int size = statusLine.length + 2;
    boolean hasDate = false;
    for (int i = 0; i < a.headerCount(); i++) {
      String name = a.headerName(i);
      size += name.length() + a.headerValue(i).length() + 4;
      hasDate |= name.length() == 4 && name.equalsIgnoreCase("date");
    }
    byte[] date = hasDate ? null : DateHeader.line();
    size += date == null ? 0 : date.length;
    size += noLength || status == 304 ? 0 : CONTENT_LENGTH.length + MAX_LENGTH_DIGITS + 2;
    size += connection == Connection.CLOSE ? CLOSE.length : 0;
    size += connection == Connection.KEEP_ALIVE ? KEEP_ALIVE.length : 0;
    byte[] out = scratch(size);
    int at = put(out, 0, statusLine);
    for (int i = 0; i < a.headerCount(); i++) {
      at = put(out, at, a.headerName(i));
      out[at++] = ':';
      out[at++] = ' ';
      at = put(out, at, a.headerValue(i));
      out[at++] = '\r';
      out[at++] = '\n';
    }
    if (!noLength && status != 304) {
      at = put(out, at, CONTENT_LENGTH);
      at = putInt(out, at, body.length);
      out[at++] = '\r';
      out[at++] = '\n';
    }
    if (date != null) {
      at = put(out, at, date);
    }
    if (connection == Connection.CLOSE) {
      at = put(out, at, CLOSE);
    } else if (connection == Connection.KEEP_ALIVE) {
      at = put(out, at, KEEP_ALIVE);
    }
    out[at++] = '\r';
    out[at++] = '\n';
    int bodyLength = noBody ? 0 : body.length;
    ByteBuf buf = alloc.ioBuffer(at + bodyLength);
    buf.writeBytes(out, 0, at);
    if (bodyLength > 0) {
      buf.writeBytes(body);
    }
    return buf;
  }

  /** {@code HTTP/1.1 100 Continue}, for a client that waits for it before its body. */
  static ByteBuf continue100(ByteBufAllocator alloc) {
    byte[] line = statusLine(100);
    return alloc.ioBuffer(line.length + 2).writeBytes(line).writeByte('\r').writeByte('\n');
  }

  private static byte[] scratch(int size) {
    byte[] s = SCRATCH.get();
    if (s.length < size) {
      s = new byte[Math.max(size, s.length * 2)];
      SCRATCH.set(s);
    }
    return s;
  }

  private static byte[] statusLine(int status) {
    byte[] line = STATUS_LINES[status];
    if (line == null) {
      line =
          ascii(
              "HTTP/1.1 "
                  + status
                  + " "
                  + HttpResponseStatus.valueOf(status).reasonPhrase()
                  + "\r\n");
      STATUS_LINES[status] = line; // a race builds the same line twice: harmless
    }
    return line;
  }

  private static int put(byte[] out, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  /** Characters beyond ISO-8859-1 become {@code ?}. */
  private static int put(byte[] out, int at, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      out[at + i] = c > 0xff ? (byte) '?' : (byte) c;
    }
    return at + n;
  }

  private static int putInt(byte[] out, int at, int value) {
    if (value == 0) {
      out[at] = '0';
      return at + 1;
    }
    int digits = 0;
    for (int v = value; v > 0; v /= 10) {
      digits++;
    }
    for (int i = at + digits - 1, v = value; v > 0; v /= 10, i--) {
      out[i] = (byte) ('0' + v % 10);
    }
    return at + digits;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
