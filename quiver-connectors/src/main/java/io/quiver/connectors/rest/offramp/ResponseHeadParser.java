package io.quiver.connectors.rest.offramp;

import io.quiver.connectors.rest.http1.HeaderSyntax;
import io.quiver.connectors.rest.http1.Http1Exception;
import java.nio.charset.StandardCharsets;

/**
 * Parses a whole HTTP/1.1 response head (status line, header lines, the empty line; RFC 9112)
 * strictly: lines end with CRLF or a bare LF; refused (400, the message says why): a status line
 * that is not {@code HTTP/1.x NNN reason} (the reason may be missing), a status outside 100..599,
 * an HTTP major version other than 1, a malformed header line, whitespace before a header's colon,
 * obs-fold, control characters in a value, a {@code Content-Length} that is not a number or differs
 * from another one, and {@code Transfer-Encoding} together with {@code Content-Length} (response
 * splitting). Its {@link ResponseRecords} (one per connection) turns the headers into Tremor's
 * record. Not thread-safe: one per connection.
 */
final class ResponseHeadParser {
  private final ResponseRecords records = new ResponseRecords();
  private int[] ranges = new int[64];

  /** Parses {@code b[0, len)}, a head up to and including its empty line. */
  ResponseHead parse(byte[] b, int len) throws Http1Exception {
    int at = 0;
    while (at < len && (b[at] == '\r' || b[at] == '\n')) {
      at++; // empty lines before a status line are ignored
    }
    int lf = lineFeed(b, at, len);
    int end = contentEnd(b, at, lf);
    if (end - at < 12
        || b[at] != 'H'
        || b[at + 1] != 'T'
        || b[at + 2] != 'T'
        || b[at + 3] != 'P'
        || b[at + 4] != '/'
        || !digit(b[at + 5])
        || b[at + 6] != '.'
        || !digit(b[at + 7])
        || b[at + 8] != ' '
        || !digit(b[at + 9])
        || !digit(b[at + 10])
        || !digit(b[at + 11])
        || (end - at > 12 && b[at + 12] != ' ')) {
      throw Http1Exception.malformed("invalid status line");
    }
    if (b[at + 5] != '1') {
      throw Http1Exception.malformed(
          "unsupported HTTP version " + new String(b, at, 8, StandardCharsets.ISO_8859_1));
    }
    for (int k = at + 13; k < end; k++) {
      if (!HeaderSyntax.isValueByte(b[k] & 0xff)) {
        throw Http1Exception.malformed("invalid character in the reason phrase");
      }
    }
    int status = (b[at + 9] - '0') * 100 + (b[at + 10] - '0') * 10 + (b[at + 11] - '0');
    if (status < 100 || status > 599) {
      throw Http1Exception.malformed("invalid status code " + status);
    }
    return headers(b, lf + 1, len, status, b[at + 7] == '0');
  }

  private ResponseHead headers(byte[] b, int at, int len, int status, boolean http10)
      throws Http1Exception {
    int count = 0;
    long contentLength = -1;
    boolean transferEncoding = false;
    boolean chunkedLast = false;
    boolean close = false;
    boolean keepAlive = false;
    while (true) {
      int lf = lineFeed(b, at, len);
      int end = contentEnd(b, at, lf);
      if (end == at) {
        break; // the empty line
      }
      if (b[at] == ' ' || b[at] == '\t') {
        throw Http1Exception.malformed("obsolete line folding in the headers");
      }
      int colon = at;
      while (colon < end && HeaderSyntax.isTchar(b[colon] & 0xff)) {
        colon++;
      }
      if (colon == at || colon == end || b[colon] != ':') {
        throw Http1Exception.malformed("invalid header line");
      }
      int vFrom = colon + 1;
      while (vFrom < end && (b[vFrom] == ' ' || b[vFrom] == '\t')) {
        vFrom++;
      }
      int vTo = end;
      while (vTo > vFrom && (b[vTo - 1] == ' ' || b[vTo - 1] == '\t')) {
        vTo--;
      }
      for (int k = vFrom; k < vTo; k++) {
        if (!HeaderSyntax.isValueByte(b[k] & 0xff)) {
          throw Http1Exception.malformed(
              "invalid character in header " + new String(b, at, colon - at, ISO));
        }
      }
      if (count * 4 == ranges.length) {
        ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
      }
      int r = count * 4;
      ranges[r] = at;
      ranges[r + 1] = colon;
      ranges[r + 2] = vFrom;
      ranges[r + 3] = vTo;
      count++;
      switch (colon - at) {
        case 10 -> {
          if (HeaderSyntax.equalsLowerCase(b, at, colon, "connection")) {
            close |= HeaderSyntax.hasToken(b, vFrom, vTo, "close");
            keepAlive |= HeaderSyntax.hasToken(b, vFrom, vTo, "keep-alive");
          }
        }
        case 14 -> {
          if (HeaderSyntax.equalsLowerCase(b, at, colon, "content-length")) {
            long n = length(b, vFrom, vTo);
            if (contentLength >= 0 && contentLength != n) {
              throw Http1Exception.malformed("different Content-Length values");
            }
            contentLength = n;
          }
        }
        case 17 -> {
          if (HeaderSyntax.equalsLowerCase(b, at, colon, "transfer-encoding")) {
            transferEncoding = true;
            chunkedLast = lastCodingIsChunked(b, vFrom, vTo);
          }
        }
        default -> {}
      }
      at = lf + 1;
    }
    if (transferEncoding && contentLength >= 0) {
      throw Http1Exception.malformed("both Transfer-Encoding and Content-Length");
    }
    boolean persistent = http10 ? keepAlive && !close : !close;
    return new ResponseHead(
        status,
        http10,
        !persistent,
        contentLength,
        transferEncoding && chunkedLast,
        transferEncoding && !chunkedLast,
        records.of(b, ranges, count));
  }

  /** Whether the last element of the coding list {@code b[from, to)} is {@code chunked}. */
  private static boolean lastCodingIsChunked(byte[] b, int from, int to) {
    int tt = to;
    while (tt > from && (b[tt - 1] == ' ' || b[tt - 1] == '\t' || b[tt - 1] == ',')) {
      tt--;
    }
    int tf = tt;
    while (tf > from && b[tf - 1] != ',' && b[tf - 1] != ' ' && b[tf - 1] != '\t') {
      tf--;
    }
    return HeaderSyntax.equalsLowerCase(b, tf, tt, "chunked");
  }

  /** The index of the LF ending the line at {@code from}; a bare CR in it is refused. */
  private static int lineFeed(byte[] b, int from, int len) throws Http1Exception {
    for (int i = from; i < len; i++) {
      byte c = b[i];
      if (c == '\n') {
        return i;
      }
      if (c == '\r' && (i + 1 >= len || b[i + 1] != '\n')) {
        throw Http1Exception.malformed("CR without LF");
      }
    }
    throw Http1Exception.malformed("incomplete head");
  }

  /** Where the line's content ends: before its CRLF or LF. */
  private static int contentEnd(byte[] b, int from, int lf) {
    return lf > from && b[lf - 1] == '\r' ? lf - 1 : lf;
  }

  private static long length(byte[] b, int from, int to) throws Http1Exception {
    if (from == to || to - from > 18) {
      throw Http1Exception.malformed("invalid Content-Length");
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      if (!digit(b[i])) {
        throw Http1Exception.malformed("invalid Content-Length");
      }
      n = n * 10 + (b[i] - '0');
    }
    return n;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static final java.nio.charset.Charset ISO = StandardCharsets.ISO_8859_1;
}
