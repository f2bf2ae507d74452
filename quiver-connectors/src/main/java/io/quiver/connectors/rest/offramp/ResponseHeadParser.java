package io.quiver.connectors.rest.offramp;

import io.quiver.connectors.rest.http1.HeaderLines;
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
 * splitting). The header lines are scanned by {@link HeaderLines}; a {@link ResponseRecords} (one
 * per event loop, shared by its connections) turns the headers into Tremor's record. Not
 * thread-safe: one per connection.
 */
final class ResponseHeadParser {
  private final ResponseRecords records;
  private final HeaderLines lines = new HeaderLines();

  ResponseHeadParser() {
    this(new ResponseRecords());
  }

  /** A parser whose header records come from {@code records} (on the same thread only). */
  ResponseHeadParser(ResponseRecords records) {
    this.records = records;
  }

  /** Parses {@code b[0, len)}, a head up to and including its empty line. */
  ResponseHead parse(byte[] b, int len) throws Http1Exception {
    int at = 0;
    while (at < len && (b[at] == '\r' || b[at] == '\n')) {
      at++; // empty lines before a status line are ignored
    }
    int lf = HeaderLines.lineFeed(b, at, len);
    int end = HeaderLines.contentEnd(b, at, lf);
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
    int count = lines.scan(b, at, len);
    long contentLength = -1;
    boolean transferEncoding = false;
    boolean chunkedLast = false;
    boolean close = false;
    boolean keepAlive = false;
    for (int i = 0; i < count; i++) {
      int nFrom = lines.nameFrom(i);
      int nTo = lines.nameTo(i);
      int vFrom = lines.valueFrom(i);
      int vTo = lines.valueTo(i);
      switch (nTo - nFrom) {
        case 10 -> {
          if (HeaderSyntax.equalsLowerCase(b, nFrom, nTo, "connection")) {
            close |= HeaderSyntax.hasToken(b, vFrom, vTo, "close");
            keepAlive |= HeaderSyntax.hasToken(b, vFrom, vTo, "keep-alive");
          }
        }
        case 14 -> {
          if (HeaderSyntax.equalsLowerCase(b, nFrom, nTo, "content-length")) {
            long n = HeaderLines.contentLength(b, vFrom, vTo);
            if (contentLength >= 0 && contentLength != n) {
              throw Http1Exception.malformed("different Content-Length values");
            }
            contentLength = n;
          }
        }
        case 17 -> {
          if (HeaderSyntax.equalsLowerCase(b, nFrom, nTo, "transfer-encoding")) {
            transferEncoding = true;
            chunkedLast = lastCodingIsChunked(b, vFrom, vTo);
          }
        }
        default -> {}
      }
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
        records.of(b, lines.ranges(), count));
  }

  /**
   * Whether the coding list {@code b[from, to)} ends in {@code chunked}, in any case: the last word
   * of its last element, so {@code gzip chunked} (a space where a comma belongs) ends in it too.
   */
  private static boolean lastCodingIsChunked(byte[] b, int from, int to) {
    long last = HeaderSyntax.END_OF_LIST;
    for (long e = HeaderSyntax.nextElement(b, from, to);
        e != HeaderSyntax.END_OF_LIST;
        e = HeaderSyntax.nextElement(b, HeaderSyntax.elementTo(e), to)) {
      last = e;
    }
    if (last == HeaderSyntax.END_OF_LIST) {
      return false;
    }
    int wordTo = HeaderSyntax.elementTo(last);
    int wordFrom = wordTo;
    while (wordFrom > HeaderSyntax.elementFrom(last)
        && b[wordFrom - 1] != ' '
        && b[wordFrom - 1] != '\t') {
      wordFrom--;
    }
    return HeaderSyntax.equalsLowerCase(b, wordFrom, wordTo, "chunked");
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
