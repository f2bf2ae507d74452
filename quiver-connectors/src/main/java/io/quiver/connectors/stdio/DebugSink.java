package io.quiver.connectors.stdio;

import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tremor's {@code debug} offramp: counts events per {@code $class} and, when an event arrives more
 * than a second after the last report, writes a table of the counts since then (before counting
 * that event), as Tremor's sink does. Classes are listed in the order first seen (Tremor: hash map
 * order); an event without a string {@code $class} counts as {@code <unclassified>}.
 */
final class DebugSink implements Sink {
  static final long UPDATE_NS = 1_000_000_000L;

  private final StdStreamWriter writer;
  private final LongSupplier nanoTime;
  private final Map<String, Long> buckets = new LinkedHashMap<>();
  private long last;
  private long total;

  DebugSink(StdStreamWriter writer, LongSupplier nanoTime) {
    this.writer = writer;
    this.nanoTime = nanoTime;
    this.last = nanoTime.getAsLong();
  }

  @Override
  public void start(SinkContext context) {}

  @Override
  public synchronized void onEvent(Event event) {
    for (Event e : event.elements()) {
      long now = nanoTime.getAsLong();
      if (now - last > UPDATE_NS) {
        last = now;
        writer.offer(new StdStreamWriter.Block(report(), null)); // a report more is dropped
        total = 0;
        buckets.clear();
      }
      String c =
          e.meta() instanceof Value.Obj meta && meta.get("class") instanceof Value.Str s
              ? s.value()
              : "<unclassified>";
      buckets.merge(c, 1L, Long::sum);
      total++;
    }
  }

  private byte[] report() {
    StringBuilder s = new StringBuilder();
    s.append('\n').append(row("classification", "total")).append(row("TOTAL", total));
    buckets.forEach((c, n) -> s.append(row(c, n)));
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Rust's {@code |{:20}| {:7}|}: the name padded right to 20, the count (a number) padded left.
   */
  private static String row(String name, Object count) {
    String format = count instanceof Long ? "|%-20s| %7d|%n" : "|%-20s| %-7s|%n";
    return String.format(Locale.ROOT, format, name, count).replace(System.lineSeparator(), "\n");
  }

  @Override
  public void stop() {}
}
