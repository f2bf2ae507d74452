package io.quiver.connectors.rest.http1;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Scans the header lines of an HTTP/1.1 head (RFC 9112 5) up to the empty line, for both the
 * onramp's request parser and the offramp's response parser, and keeps per line where its name and
 * its value (without the whitespace around it) are. Lines end with CRLF or a bare LF; refused
 * (400): a bare CR, a head without its empty line, obs-fold (a line starting with whitespace), a
 * line whose name is not a token or is not followed by a colon, a control character in a value.
 * What the headers mean is the caller's: it walks the ranges afterwards. Reusable (each {@link
 * #scan} replaces the previous lines); not thread-safe.
 */
public final class HeaderLines {
  /** Per line: name from, name to, value from, value to. */
  private int[] ranges = new int[32];

  private int count;

  /**
   * Scans the header lines of {@code b[at, len)}, which must hold the head's empty line.
   *
   * @return the number of header lines
   */
  public int scan(byte[] b, int at, int len) throws Http1Exception {
    int n = 0;
    count = 0;
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
              "invalid character in header "
                  + new String(b, at, colon - at, StandardCharsets.ISO_8859_1));
        }
      }
      int r = n * 4;
      if (r == ranges.length) {
        ranges = Arrays.copyOf(ranges, r * 2);
      }
      ranges[r] = at;
      ranges[r + 1] = colon;
      ranges[r + 2] = vFrom;
      ranges[r + 3] = vTo;
      n++;
      at = lf + 1;
    }
    count = n;
    return n;
  }

  /** The number of header lines the last {@link #scan} found. */
  public int count() {
    return count;
  }

  /** Where line {@code i}'s name starts. */
  public int nameFrom(int i) {
    return ranges[i * 4];
  }

  /** Where line {@code i}'s name ends (its colon). */
  public int nameTo(int i) {
    return ranges[i * 4 + 1];
  }

  /** Where line {@code i}'s value starts (after the whitespace following the colon). */
  public int valueFrom(int i) {
    return ranges[i * 4 + 2];
  }

  /** Where line {@code i}'s value ends (before trailing whitespace). */
  public int valueTo(int i) {
    return ranges[i * 4 + 3];
  }

  /**
   * The ranges of the lines, four ints per line (name from, name to, value from, value to); valid
   * for {@link #count} lines until the next {@link #scan}.
   */
  public int[] ranges() {
    return ranges;
  }

  /** A copy of the ranges of exactly {@link #count} lines, to keep beyond the next scan. */
  public int[] copyOfRanges() {
    return Arrays.copyOf(ranges, count * 4);
  }

  /** The index of the LF ending the line at {@code from}; a bare CR in it is refused. */
  public static int lineFeed(byte[] b, int from, int len) throws Http1Exception {
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

  /** Where the line at {@code from} ending with the LF at {@code lf} ends: before CRLF or LF. */
  public static int contentEnd(byte[] b, int from, int lf) {
    return lf > from && b[lf - 1] == '\r' ? lf - 1 : lf;
  }

  /** The {@code Content-Length} value {@code b[from, to)}: up to 18 digits, nothing else. */
  public static long contentLength(byte[] b, int from, int to) throws Http1Exception {
    if (from == to || to - from > 18) {
      throw Http1Exception.malformed("invalid Content-Length");
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] < '0' || b[i] > '9') {
        throw Http1Exception.malformed("invalid Content-Length");
      }
      n = n * 10 + (b[i] - '0');
    }
    return n;
  }
}
