package io.quiver.connectors.ws;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SinkContext that records emitted events; its serializer is string codec + lines postprocessor
 * and its deserializer lines preprocessor + string codec, like the proxy example.
 */
final class RecordingSinkContext implements SinkContext {
  record Emitted(String port, Event event) {}

  private final Artefact artefact;
  final BlockingQueue<Emitted> emitted = new LinkedBlockingQueue<>();
  final BlockingQueue<Insight> insights = new LinkedBlockingQueue<>();

  /** "hold <event id>" and "release <event id>", in the order the offramp asked. */
  final BlockingQueue<String> originFlow = new LinkedBlockingQueue<>();

  /** What {@link #holdOrigin} answers: whether the sender slows down when held. */
  volatile boolean holdable;

  /** Replies decoded as JSON (lines + json) instead of strings. */
  volatile boolean jsonReplies;

  /** Replies decoded as whole strings, without the lines preprocessor (one event per message). */
  volatile boolean wholeMessageReplies;

  RecordingSinkContext(boolean linked) {
    this.artefact =
        new Artefact("upstream", "01", "tremor://localhost/offramp/upstream/01", linked);
  }

  @Override
  public Artefact artefact() {
    return artefact;
  }

  @Override
  public void emit(String port, Event event) {
    emitted.add(new Emitted(port, event));
  }

  @Override
  public boolean holdOrigin(Event event) {
    originFlow.add("hold " + event.id());
    return holdable;
  }

  @Override
  public void releaseOrigin(Event event) {
    originFlow.add("release " + event.id());
  }

  @Override
  public void insight(Insight insight) {
    insights.add(insight);
  }

  @Override
  public Serializer newSerializer() {
    return TestCodecs.serializer(true);
  }

  @Override
  public Deserializer newDeserializer() {
    return jsonReplies
        ? TestCodecs.jsonDeserializer()
        : TestCodecs.deserializer(!wholeMessageReplies);
  }

  Emitted next(Duration within) throws InterruptedException {
    Emitted e = emitted.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new AssertionError("nothing emitted within " + within.toMillis() + " ms");
    }
    return e;
  }

  Emitted next() throws InterruptedException {
    return next(Duration.ofSeconds(5));
  }

  List<Emitted> next(int count, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    List<Emitted> out = new ArrayList<>();
    while (out.size() < count) {
      long left = deadline - System.nanoTime();
      Emitted e = left > 0 ? emitted.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new AssertionError("only " + out.size() + " of " + count + " emitted: " + out);
      }
      out.add(e);
    }
    return out;
  }
}
