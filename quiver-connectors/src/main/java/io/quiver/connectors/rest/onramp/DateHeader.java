package io.quiver.connectors.rest.onramp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code date} header line of an answer (RFC 9110 6.6.1: an origin server with a clock sends
 * one), formatted once per second and shared by every event loop.
 */
final class DateHeader {
  private DateHeader() {}

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private record Line(long second, byte[] bytes) {}

  private static volatile Line current = format(System.currentTimeMillis() / 1000);

  /** {@code date: <IMF-fixdate>\r\n} for now. */
  static byte[] line() {
    long second = System.currentTimeMillis() / 1000;
    Line l = current;
    if (l.second != second) {
      l = format(second);
      current = l; // a race writes the same line twice: harmless
    }
    return l.bytes;
  }

  private static Line format(long second) {
    String text = "date: " + IMF_FIXDATE.format(Instant.ofEpochSecond(second)) + "\r\n";
    return new Line(second, text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
