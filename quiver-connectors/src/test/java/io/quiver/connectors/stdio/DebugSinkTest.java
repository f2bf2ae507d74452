package io.quiver.connectors.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DebugSinkTest {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final AtomicLong clock = new AtomicLong();
  private final StdStreamWriter writer =
      new StdStreamWriter(
          "debug-test",
          new OutputStream() {
            @Override
            public void write(int b) {
              synchronized (captured) {
                captured.write(b);
              }
            }
          },
          16);
  private final DebugSink sink = new DebugSink(writer, clock::get);

  private static Event classified(String c) {
    Value meta = c == null ? Value.EMPTY_OBJECT : Value.obj("class", Value.of(c));
    return new Event(new EventId(1, 0, 0), 0, Value.of(1), meta, 0);
  }

  private String written() throws InterruptedException {
    assertEquals(true, writer.awaitIdle(5_000));
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void reportsCountsPerClassOnTheFirstEventAfterASecond() throws Exception {
    sink.onEvent(classified("a"));
    sink.onEvent(classified(null));
    clock.set(DebugSink.UPDATE_NS); // not more than a second yet
    sink.onEvent(classified("a"));
    assertEquals("", written());
    clock.set(DebugSink.UPDATE_NS + 1);
    sink.onEvent(classified("b")); // reports, then counts this one
    assertEquals(
        "\n|classification      | total  |\n"
            + "|TOTAL               |       3|\n"
            + "|a                   |       2|\n"
            + "|<unclassified>      |       1|\n",
        written());
    clock.set(2 * DebugSink.UPDATE_NS + 2);
    sink.onEvent(classified("c"));
    String second = written().substring(written().indexOf("|<unclassified>      |       1|\n"));
    assertEquals(
        "|<unclassified>      |       1|\n\n|classification      | total  |\n"
            + "|TOTAL               |       1|\n"
            + "|b                   |       1|\n",
        second);
  }

  @Test
  void providerHasNoKeysAndJson() {
    DebugProvider p = new DebugProvider();
    assertEquals("debug", p.name());
    assertEquals("json", p.defaultCodec());
    assertEquals(0, p.configSpec().keys().size());
    assertFalse(p.requiresConfig());
  }
}
