package io.quiver.codec;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A lenient syslog parser with the rules of syslog_loose 0.10, which Tremor 0.11 uses: RFC 5424
 * first, then RFC 3164 (BSD), and when neither fits, the whole text as the message of an RFC 3164
 * record without any other field. Times without a zone are UTC; a BSD time without a year gets the
 * current year (the previous one for a December message read in January).
 */
final class SyslogParser {

  /** A structured data element: its id and its parameters in order (values keep their escapes). */
  record Element(String id, List<String[]> params) {}

  /** What was parsed; {@code null} fields were absent ({@code -}). */
  record Message(
      Integer facility,
      Integer severity,
      Long timestampNs,
      String hostname,
      String appname,
      String procid,
      String msgid,
      Integer version,
      List<Element> structuredData,
      String msg) {}

  private final String s;
  private int pos;
  private final Clock clock;

  private SyslogParser(String s, Clock clock) {
    this.s = s;
    this.clock = clock;
  }

  static Message parse(String input, Clock clock) {
    String trimmed = input.strip();
    Message m = new SyslogParser(trimmed, clock).rfc5424();
    if (m == null) {
      m = new SyslogParser(trimmed, clock).rfc3164();
    }
    if (m == null) {
      m = new Message(null, null, null, null, null, null, null, null, List.of(), input);
    }
    return m;
  }

  // ---------------------------------------------------------------- RFC 5424

  private Message rfc5424() {
    int[] pri = pri();
    Long version = digits();
    if (version == null || version > 0xFFFF_FFFFL || !space1()) {
      return null;
    }
    Long ts = rfc3339();
    if (ts == null || !space1()) {
      return null;
    }
    String[] fields = new String[4];
    for (int i = 0; i < 4; i++) {
      if (i > 0 && !space1()) {
        return null;
      }
      int start = pos;
      if (!field(i == 1)) {
        return null;
      }
      fields[i] = nil(s.substring(start, pos));
    }
    space0();
    List<Element> sd = structuredData();
    if (sd == null) {
      return null;
    }
    space0();
    return new Message(
        pri[0] < 0 ? null : pri[0],
        pri[1] < 0 ? null : pri[1],
        ts,
        fields[0],
        fields[1],
        procid(fields[2]),
        fields[3],
        version.intValue(),
        sd,
        s.substring(pos));
  }

  // ---------------------------------------------------------------- RFC 3164

  private Message rfc3164() {
    int[] pri = pri();
    space0();
    Long ts = bsdTimestamp();
    if (ts == null) {
      return null;
    }
    String[] field1 = optionalField();
    String[] field2 = field1 == null ? null : optionalField();
    String host = null;
    String app = null;
    String pid = null;
    if (field1 != null && field2 != null && field2[0] != null) {
      String[] tag = systag(field2[0]);
      host = field1[0];
      if (tag != null) {
        app = tag[0];
        pid = tag[1];
      } else {
        app = field2[0];
      }
    } else if (field1 != null && field1[0] != null && field2 == null) {
      String[] tag = systag(field1[0]);
      if (tag != null) {
        app = tag[0];
        pid = tag[1];
      } else {
        host = field1[0];
      }
    }
    space0();
    if (peek() == ':') {
      pos++;
    }
    space0();
    int before = pos;
    List<Element> sd = structuredData();
    if (sd == null) {
      pos = before;
      sd = List.of();
    }
    space0();
    return new Message(
        pri[0] < 0 ? null : pri[0],
        pri[1] < 0 ? null : pri[1],
        ts,
        host,
        app,
        procid(pid),
        null,
        null,
        sd,
        s.substring(pos));
  }

  /** {@code " " field} where the field stops at whitespace or ':'; {@code {null}} for "-". */
  private String[] optionalField() {
    if (peek() != ' ') {
      return null;
    }
    int start = pos;
    pos++;
    int from = pos;
    if (!field(false)) {
      pos = start;
      return null;
    }
    return new String[] {nil(s.substring(from, pos))};
  }

  /** {@code app[pid]} filling the whole text, or null. */
  private static String[] systag(String text) {
    int open = 0;
    while (open < text.length()) {
      char c = text.charAt(open);
      if (Character.isWhitespace(c) || c == ':' || c == '[') {
        break;
      }
      open++;
    }
    if (open >= text.length() || text.charAt(open) != '[') {
      return null;
    }
    int close = text.indexOf(']', open + 1);
    if (close <= open + 1 || close != text.length() - 1) {
      return null;
    }
    return new String[] {text.substring(0, open), text.substring(open + 1, close)};
  }

  private Long bsdTimestamp() {
    int start = pos;
    Long ts = bsdWithoutYear();
    if (ts == null) {
      pos = start;
      ts = bsdWithYear();
    }
    if (ts == null) {
      pos = start;
      ts = rfc3339();
    }
    if (ts == null) {
      pos = start;
    }
    return ts;
  }

  private Long bsdWithoutYear() {
    long[] monthDay = monthDay();
    if (monthDay == null) {
      return null;
    }
    long[] hms = clockTime();
    if (hms == null) {
      return null;
    }
    int month = (int) monthDay[0];
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
    int year = now.getMonthValue() == 1 && month == 12 ? now.getYear() - 1 : now.getYear();
    return epochNs(year, month, monthDay[1], hms);
  }

  private Long bsdWithYear() {
    long[] monthDay = monthDay();
    if (monthDay == null) {
      return null;
    }
    Long year = digits();
    if (year == null || !space1()) {
      return null;
    }
    long[] hms = clockTime();
    if (hms == null || year > 262_143) {
      return null;
    }
    return epochNs(year.intValue(), (int) monthDay[0], monthDay[1], hms);
  }

  /** {@code Mmm dd } (a month's English abbreviation, the day, a space after each): month, day. */
  private long[] monthDay() {
    int month = month();
    if (month < 0 || !space1()) {
      return null;
    }
    Long day = digits();
    if (day == null || !space1()) {
      return null;
    }
    return new long[] {month, day};
  }

  /** {@code hh:mm:ss} with an optional trailing ':'. */
  private long[] clockTime() {
    Long h = digits();
    if (h == null || !eat(':')) {
      return null;
    }
    Long m = digits();
    if (m == null || !eat(':')) {
      return null;
    }
    Long sec = digits();
    if (sec == null) {
      return null;
    }
    eat(':');
    return new long[] {h, m, sec};
  }

  /** Invalid dates and times fail the alternative (syslog_loose 0.10 panics on them). */
  private static Long epochNs(int year, int month, long day, long[] hms) {
    try {
      return LocalDateTime.of(
                  year,
                  month,
                  (int) Math.min(day, 99),
                  (int) Math.min(hms[0], 99),
                  (int) Math.min(hms[1], 99),
                  (int) Math.min(hms[2], 99))
              .toEpochSecond(ZoneOffset.UTC)
          * 1_000_000_000L;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  private int month() {
    if (pos + 3 > s.length()) {
      return -1;
    }
    String m = s.substring(pos, pos + 3).toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].equals(m)) {
        pos += 3;
        return i + 1;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- shared pieces

  /**
   * {@code <digits>} as a u8, split into facility (or -1 above 23) and severity; absent: -1, -1.
   */
  private int[] pri() {
    int start = pos;
    if (eat('<')) {
      Long p = digits();
      if (p != null && p <= 255 && eat('>')) {
        int v = p.intValue();
        return new int[] {(v >> 3) <= 23 ? v >> 3 : -1, v & 7};
      }
    }
    pos = start;
    return new int[] {-1, -1};
  }

  /** One or more ASCII digits as a number (null when none, or beyond a long). */
  private Long digits() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      return null;
    }
    if (pos - start > 18) {
      return Long.MAX_VALUE;
    }
    return Long.parseLong(s, start, pos, 10);
  }

  /** A field of one or more characters up to whitespace (and ':' unless allowed). */
  private boolean field(boolean colons) {
    int start = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (Character.isWhitespace(c) || (!colons && c == ':')) {
        break;
      }
      pos++;
    }
    return pos > start;
  }

  private static String nil(String v) {
    return v.equals("-") || v.isEmpty() ? null : v;
  }

  /** As syslog_loose: a procid that is an i32 is written in its canonical form. */
  private static String procid(String p) {
    if (p == null) {
      return null;
    }
    try {
      return Integer.toString(Integer.parseInt(p));
    } catch (NumberFormatException e) {
      return p;
    }
  }

  private boolean space1() {
    int start = pos;
    space0();
    return pos > start;
  }

  private void space0() {
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private int peek() {
    return pos < s.length() ? s.charAt(pos) : -1;
  }

  private boolean eat(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** An RFC 3339 time up to the next space (there must be one), in epoch nanoseconds. */
  private Long rfc3339() {
    int end = s.indexOf(' ', pos);
    if (end < 0) {
      return null;
    }
    Long ns = Rfc3339.parse(s.substring(pos, end));
    if (ns != null) {
      pos = end;
    }
    return ns;
  }

  /**
   * {@code -}, or one or more adjacent {@code [...]} elements (malformed ones dropped); null:
   * neither.
   */
  private List<Element> structuredData() {
    if (eat('-')) {
      return List.of();
    }
    List<Element> out = new ArrayList<>();
    boolean any = false;
    while (peek() == '[') {
      int start = pos;
      Element e = element();
      if (e == null) {
        pos = start + 1;
        int close = s.indexOf(']', pos);
        if (close < 0) {
          pos = start;
          break;
        }
        pos = close + 1;
      } else {
        out.add(e);
      }
      any = true;
    }
    return any ? out : null;
  }

  private Element element() {
    pos++; // '['
    int start = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (Character.isWhitespace(c) || c == ']' || c == '=') {
        break;
      }
      pos++;
    }
    if (pos == start) {
      return null;
    }
    String id = s.substring(start, pos);
    space0();
    List<String[]> params = new ArrayList<>();
    String[] p = param();
    if (p != null) {
      params.add(p);
      while (true) {
        int before = pos;
        if (!eat(' ')) {
          break;
        }
        p = param();
        if (p == null) {
          pos = before;
          break;
        }
        params.add(p);
      }
    }
    return eat(']') ? new Element(id, params) : null;
  }

  /** {@code name= "value"}; the value keeps its escapes (\" \\ \n), as in syslog_loose. */
  private String[] param() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) != ']' && s.charAt(pos) != '=') {
      pos++;
    }
    if (pos == start || !eat('=')) {
      pos = start;
      return null;
    }
    String name = s.substring(start, pos - 1);
    space0();
    if (!eat('"')) {
      pos = start;
      return null;
    }
    int from = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (pos + 1 < s.length() && "\"n\\".indexOf(s.charAt(pos + 1)) >= 0) {
          pos += 2;
          continue;
        }
        pos = start;
        return null;
      }
      pos++;
    }
    if (pos == from || !eat('"')) {
      pos = start;
      return null;
    }
    return new String[] {name, s.substring(from, pos - 1)};
  }
}
