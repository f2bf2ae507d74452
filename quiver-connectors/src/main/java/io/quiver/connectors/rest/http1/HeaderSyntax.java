package io.quiver.connectors.rest.http1;

/** What HTTP/1.1 allows in header names (tokens) and values (RFC 9110 5.1, 5.5). */
public final class HeaderSyntax {
  private HeaderSyntax() {}

  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  /** Whether {@code b} (a byte, 0-255) is a token character. */
  public static boolean isTchar(int b) {
    return b < 128 && TCHAR[b];
  }

  /** Whether {@code s} is a non-empty token. */
  public static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code b} may be in a field value: visible characters, space, tab and obs-text; never a
   * control character such as CR or LF.
   */
  public static boolean isValueByte(int b) {
    return b == '\t' || (b >= 0x20 && b != 0x7f);
  }

  /**
   * Whether {@code s} is a field value: no control character (a character beyond ISO-8859-1 is
   * written as {@code ?}, as Netty's encoder does).
   */
  public static boolean isValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x100 && !isValueByte(c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code b[from, to)} is {@code lowerCase} in any case (ASCII). */
  public static boolean equalsLowerCase(byte[] b, int from, int to, String lowerCase) {
    if (to - from != lowerCase.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lowerCase.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }

  /** What {@link #nextElement} returns when the list has no further element. */
  public static final long END_OF_LIST = -1;

  /**
   * The next element of the comma-separated list {@code b[at, to)} (RFC 9110 5.6.1): the bytes up
   * to the next comma, without the spaces and tabs on either end; empty elements are skipped. The
   * element is packed into a long: read it with {@link #elementFrom} and {@link #elementTo}, and go
   * on with {@code nextElement(b, elementTo(element), to)}.
   *
   * @return the element, or {@link #END_OF_LIST} when {@code b[at, to)} has no further element
   */
  public static long nextElement(byte[] b, int at, int to) {
    while (at < to) {
      int comma = at;
      while (comma < to && b[comma] != ',') {
        comma++;
      }
      int from = at;
      int end = comma;
      while (from < end && (b[from] == ' ' || b[from] == '\t')) {
        from++;
      }
      while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
        end--;
      }
      if (end > from) {
        return ((long) from << 32) | end;
      }
      at = comma + 1;
    }
    return END_OF_LIST;
  }

  /** Where an element that {@link #nextElement} found starts. */
  public static int elementFrom(long element) {
    return (int) (element >>> 32);
  }

  /** Where an element that {@link #nextElement} found ends (exclusive). */
  public static int elementTo(long element) {
    return (int) element;
  }

  /**
   * Whether the comma-separated list {@code b[from, to)} (a {@code Connection} value, say) has
   * {@code token} (lower case) as one of its elements, in any case.
   */
  public static boolean hasToken(byte[] b, int from, int to, String token) {
    for (long e = nextElement(b, from, to);
        e != END_OF_LIST;
        e = nextElement(b, elementTo(e), to)) {
      if (equalsLowerCase(b, elementFrom(e), elementTo(e), token)) {
        return true;
      }
    }
    return false;
  }
}
