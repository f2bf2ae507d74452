package io.quiver.connectors.rest.onramp;

import io.quiver.connectors.rest.http1.HeaderLines;
import io.quiver.connectors.rest.http1.HeaderSyntax;
import io.quiver.connectors.rest.http1.Http1Exception;
import java.nio.charset.StandardCharsets;

/**
 * Parses a whole HTTP/1.1 request head (request line, header lines, the empty line; RFC 9112) and
 * checks what the message's framing depends on; the header lines are scanned by {@link
 * HeaderLines}, whose refusals become {@link BadHead}s with the same status and text. Lines end
 * with CRLF or a bare LF; refused with 400: a malformed request line or header line, whitespace
 * before a header's colon, obs-fold (a line starting with whitespace), control characters in a
 * value, more than one {@code Content-Length} or {@code Host}, a {@code Content-Length} that is not
 * a number, {@code Transfer-Encoding} together with {@code Content-Length} (request smuggling), a
 * transfer coding that does not end in {@code chunked}; 501 for other codings before {@code
 * chunked}; 505 for an HTTP major version other than 1.
 */
final class Http1HeadParser {
  private Http1HeadParser() {}

  private static final String[] METHODS = {
    "GET", "POST", "PUT", "HEAD", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE"
  };

  /** Parses {@code b[0, len)}, a head up to and including its empty line. */
  static Http1Head parse(byte[] b, int len) throws BadHead {
    return parse(b, len, new HeaderLines());
  }

  /**
   * Parses {@code b[0, len)}, a head up to and including its empty line, scanning its header lines
   * with {@code lines} (one per connection; the head keeps a copy of what it needs).
   */
  static Http1Head parse(byte[] b, int len, HeaderLines lines) throws BadHead {
    try {
      return parseHead(b, len, lines);
    } catch (Http1Exception e) {
      throw new BadHead(e.status(), e.getMessage());
    }
  }

  private static Http1Head parseHead(byte[] b, int len, HeaderLines lines)
      throws BadHead, Http1Exception {
    int at = 0;
    while (at < len && (b[at] == '\r' || b[at] == '\n')) {
      at++; // empty lines before the request line are ignored (RFC 9112 2.2)
    }
    int lf = HeaderLines.lineFeed(b, at, len);
    int end = HeaderLines.contentEnd(b, at, lf);
    int sp = at;
    while (sp < end && HeaderSyntax.isTchar(b[sp] & 0xff)) {
      sp++;
    }
    if (sp == at || sp == end || b[sp] != ' ') {
      throw BadHead.malformed("invalid request line");
    }
    String method = method(b, at, sp);
    int targetFrom = sp + 1;
    int targetTo = targetFrom;
    while (targetTo < end && (b[targetTo] & 0xff) > 0x20 && b[targetTo] != 0x7f) {
      targetTo++;
    }
    if (targetTo == targetFrom || targetTo == end || b[targetTo] != ' ') {
      throw BadHead.malformed("invalid request line");
    }
    int v = targetTo + 1;
    if (end - v != 8
        || b[v] != 'H'
        || b[v + 1] != 'T'
        || b[v + 2] != 'T'
        || b[v + 3] != 'P'
        || b[v + 4] != '/'
        || !digit(b[v + 5])
        || b[v + 6] != '.'
        || !digit(b[v + 7])) {
      throw BadHead.malformed("invalid HTTP version");
    }
    if (b[v + 5] != '1') {
      throw new BadHead(505, "HTTP version not supported: " + ascii(b, v, end));
    }
    boolean http10 = b[v + 7] == '0';
    String target = ascii(b, targetFrom, targetTo);
    return headers(b, lf + 1, len, method, target, http10, lines);
  }

  private static Http1Head headers(
      byte[] b, int at, int len, String method, String target, boolean http10, HeaderLines lines)
      throws BadHead, Http1Exception {
    int count = lines.scan(b, at, len);
    long contentLength = -1;
    int hosts = 0;
    boolean transferEncoding = false;
    boolean chunkedLast = false;
    boolean otherCoding = false;
    boolean close = false;
    boolean keepAlive = false;
    String expect = null;
    for (int i = 0; i < count; i++) {
      int nFrom = lines.nameFrom(i);
      int vFrom = lines.valueFrom(i);
      int vTo = lines.valueTo(i);
      switch (lines.nameTo(i) - nFrom) {
        case 4 -> hosts += is(b, nFrom, "host") ? 1 : 0;
        case 6 -> {
          if (expect == null && is(b, nFrom, "expect")) {
            expect = ascii(b, vFrom, vTo);
          }
        }
        case 10 -> {
          if (is(b, nFrom, "connection")) {
            close |= hasToken(b, vFrom, vTo, "close");
            keepAlive |= hasToken(b, vFrom, vTo, "keep-alive");
          }
        }
        case 14 -> {
          if (is(b, nFrom, "content-length")) {
            if (contentLength >= 0) {
              throw BadHead.malformed("multiple Content-Length headers");
            }
            contentLength = HeaderLines.contentLength(b, vFrom, vTo);
          }
        }
        case 17 -> {
          if (is(b, nFrom, "transfer-encoding")) {
            transferEncoding = true;
            for (long e = HeaderSyntax.nextElement(b, vFrom, vTo);
                e != HeaderSyntax.END_OF_LIST;
                e = HeaderSyntax.nextElement(b, HeaderSyntax.elementTo(e), vTo)) {
              otherCoding |= chunkedLast; // something after chunked
              chunkedLast =
                  is(b, HeaderSyntax.elementFrom(e), HeaderSyntax.elementTo(e), "chunked");
              otherCoding |= !chunkedLast;
            }
          }
        }
        default -> {}
      }
    }
    if (hosts > 1) {
      throw BadHead.malformed("multiple Host headers");
    }
    if (transferEncoding) {
      if (contentLength >= 0) {
        throw BadHead.malformed("both Transfer-Encoding and Content-Length");
      }
      if (!chunkedLast) {
        throw BadHead.malformed("Transfer-Encoding does not end with chunked");
      }
      if (otherCoding) {
        throw new BadHead(501, "Transfer-Encoding other than chunked is not supported");
      }
    }
    boolean persistent = http10 ? keepAlive && !close : !close;
    return new Http1Head(
        b,
        lines.copyOfRanges(),
        count,
        method,
        target,
        http10,
        persistent,
        contentLength,
        transferEncoding,
        expect);
  }

  private static boolean hasToken(byte[] b, int from, int to, String token) {
    return HeaderSyntax.hasToken(b, from, to, token);
  }

  private static boolean is(byte[] b, int from, String lowerCase) {
    return is(b, from, from + lowerCase.length(), lowerCase);
  }

  /** Whether {@code b[from, to)} is {@code lowerCase} in any case. */
  static boolean is(byte[] b, int from, int to, String lowerCase) {
    return HeaderSyntax.equalsLowerCase(b, from, to, lowerCase);
  }

  private static String method(byte[] b, int from, int to) {
    for (String m : METHODS) {
      if (m.length() == to - from && same(b, from, m)) {
        return m;
      }
    }
    return ascii(b, from, to);
  }

  private static boolean same(byte[] b, int from, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (b[from + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
