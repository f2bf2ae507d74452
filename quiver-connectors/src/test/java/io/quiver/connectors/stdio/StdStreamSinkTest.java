package io.quiver.connectors.stdio;

import static io.quiver.connectors.stdio.StdStreamTestContext.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.spi.config.Config;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StdStreamSinkTest {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private StdStreamSink sink(StdStreamSettings settings, StdStreamTestContext context) {
    StdStreamSink sink =
        new StdStreamSink(settings, new StdStreamWriter("test-out", captured(), 64));
    sink.start(context);
    return sink;
  }

  /** The capture, synchronized: the writer thread writes while the test reads. */
  private OutputStream captured() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (captured) {
          captured.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (captured) {
          captured.write(b, off, len);
        }
      }
    };
  }

  private byte[] written(StdStreamSink sink) throws InterruptedException {
    Await.until("written", sink::drained);
    synchronized (captured) {
      return captured.toByteArray();
    }
  }

  private String text(StdStreamSink sink) throws InterruptedException {
    return new String(written(sink), StandardCharsets.UTF_8);
  }

  @Test
  void defaultsWriteEachEventAsAJsonLine() throws Exception {
    StdStreamSink sink = sink(new StdStreamSettings("", false), new StdStreamTestContext());
    sink.onEvent(event(1, Value.obj("a", Value.of(1))));
    sink.onEvent(event(2, Value.of("snot")));
    assertEquals("{\"a\":1}\n\"snot\"\n", text(sink));
  }

  @Test
  void prefixGoesBeforeEveryLine() throws Exception {
    StdStreamSink sink = sink(new StdStreamSettings(">> ", false), new StdStreamTestContext());
    sink.onEvent(event(1, Value.of(1)));
    sink.onEvent(event(2, Value.of(2)));
    assertEquals(">> 1\n>> 2\n", text(sink));
  }

  @Test
  void postprocessorsAreApplied() throws Exception {
    StdStreamSink sink =
        sink(
            new StdStreamSettings("", false),
            new StdStreamTestContext(
                new StdStreamTestContext.JsonCodec(), new StdStreamTestContext.Base64Post()));
    sink.onEvent(event(1, Value.obj("k", Value.of("v"))));
    String b64 =
        Base64.getEncoder().encodeToString("{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(b64 + "\n", text(sink));
  }

  @Test
  void nonUtf8BytesAreWrittenInDebugFormUnlessRaw() throws Exception {
    byte[] bytes = {(byte) 0xff, 0, 'a'};
    StdStreamSink debug =
        sink(
            new StdStreamSettings("p:", false),
            new StdStreamTestContext(new StdStreamTestContext.BinaryCodec()));
    debug.onEvent(event(1, Value.of(bytes)));
    assertEquals("p:[255, 0, 97]\n", text(debug));
  }

  @Test
  void rawWritesTheBytesAsTheyAre() throws Exception {
    byte[] bytes = {(byte) 0xff, 0, 'a'};
    StdStreamSink raw =
        sink(
            new StdStreamSettings("p:", true),
            new StdStreamTestContext(new StdStreamTestContext.BinaryCodec()));
    raw.onEvent(event(1, Value.of(bytes)));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("p:".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(bytes);
    expected.write('\n');
    assertEquals(
        java.util.Arrays.toString(expected.toByteArray()), java.util.Arrays.toString(written(raw)));
  }

  @Test
  void aBatchWritesALinePerEntry() throws Exception {
    StdStreamSink sink = sink(new StdStreamSettings("", false), new StdStreamTestContext());
    Value entries =
        Value.array(
            Value.obj("data", Value.obj("value", Value.of("x"), "meta", Value.EMPTY_OBJECT)),
            Value.obj("data", Value.obj("value", Value.of(2), "meta", Value.EMPTY_OBJECT)));
    Event batch = event(1, entries);
    sink.onEvent(batch.withTransit(batch.transit().withBatch(true)));
    assertEquals("\"x\"\n2\n", text(sink));
  }

  @Test
  void manyEventsFromSeveralThreadsArriveAsWholeLines() throws Exception {
    StdStreamTestContext context = new StdStreamTestContext();
    StdStreamSink sink =
        new StdStreamSink(
            new StdStreamSettings("", false),
            new StdStreamWriter("test-out", captured(), StdStreams.CAPACITY));
    sink.start(context);
    int threads = 4;
    int perThread = 2_000;
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      Thread.ofPlatform()
          .start(
              () -> {
                for (int i = 0; i < perThread; i++) {
                  sink.onEvent(event(base + i, Value.obj("n", Value.of(base + i))));
                }
                done.countDown();
              });
    }
    done.await();
    String[] lines = text(sink).split("\n", -1);
    assertEquals(threads * perThread + 1, lines.length);
    assertEquals("", lines[lines.length - 1]);
    boolean[] seen = new boolean[threads * perThread];
    for (int i = 0; i < lines.length - 1; i++) {
      assertTrue(lines[i].matches("\\{\"n\":\\d+}"), lines[i]);
      seen[Integer.parseInt(lines[i].substring(5, lines[i].length() - 1))] = true;
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
  }

  @Test
  void aStalledStreamHoldsSendersThenFailsWithoutBlocking() throws Exception {
    CountDownLatch unblock = new CountDownLatch(1);
    OutputStream stalled =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            try {
              unblock.await();
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
          }
        };
    StdStreamTestContext context = new StdStreamTestContext();
    int capacity = StdStreamSink.HOLD_AT + 10;
    StdStreamSink sink =
        new StdStreamSink(
            new StdStreamSettings("", false), new StdStreamWriter("stalled", stalled, capacity));
    sink.start(context);
    // the writer thread takes one block and stalls on it; capacity more fit in the queue
    int accepted = 0;
    IllegalStateException refused = null;
    for (int i = 0; i < capacity + 2 && refused == null; i++) {
      try {
        sink.onEvent(event(i, Value.of(i)));
        accepted++;
      } catch (IllegalStateException e) {
        refused = e;
      }
    }
    assertTrue(refused != null, "a full hand-off must refuse, not block");
    assertTrue(refused.getMessage().contains("not keeping up"), refused.getMessage());
    assertTrue(accepted >= capacity, "accepted " + accepted);
    assertTrue(context.originFlow.contains("hold " + StdStreamSink.HOLD_AT));
    assertFalse(sink.drained());
    unblock.countDown();
    Await.until("drained", sink::drained);
    // every hold was released once its event was written (the refused one released at once);
    // the writer releases right after it caught up, so wait for the releases too
    Await.until(
        "every hold released",
        () ->
            context.originFlow.stream().filter(s -> s.startsWith("hold")).count()
                == context.originFlow.stream().filter(s -> s.startsWith("release")).count());
    long holds = context.originFlow.stream().filter(s -> s.startsWith("hold")).count();
    long releases = context.originFlow.stream().filter(s -> s.startsWith("release")).count();
    assertEquals(holds, releases);
  }

  @Test
  void anEncodingFailureFailsTheEvent() {
    StdStreamSink sink = sink(new StdStreamSettings("", false), new StdStreamTestContext());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sink.onEvent(event(1, Value.of(1.5))));
    assertEquals(
        "[Offramp::tremor://localhost/offramp/out/01] floats refused by this test codec",
        e.getMessage());
  }

  @Test
  void providersDeclareTremorsKeysAndDefaults() {
    StdoutProvider out = new StdoutProvider();
    StderrProvider err = new StderrProvider();
    assertEquals("stdout", out.name());
    assertEquals("stderr", err.name());
    assertEquals("json", out.defaultCodec());
    assertFalse(out.requiresConfig());
    Config defaults = out.configSpec().validate(Value.EMPTY_OBJECT).config();
    assertEquals(new StdStreamSettings("", false), StdStreamSettings.of(defaults));
  }
}
