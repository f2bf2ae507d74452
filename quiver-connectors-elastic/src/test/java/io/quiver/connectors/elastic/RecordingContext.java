package io.quiver.connectors.elastic;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A SinkContext that records what the offramp emits and reports. */
final class RecordingContext implements SinkContext {
  record Emitted(String port, Event event) {}

  private final Artefact artefact;
  final BlockingQueue<Emitted> emitted = new LinkedBlockingQueue<>();
  final BlockingQueue<Insight> insights = new LinkedBlockingQueue<>();
  final BlockingQueue<String> originFlow = new LinkedBlockingQueue<>();
  volatile boolean holdable = true;

  RecordingContext(boolean linked) {
    this.artefact = new Artefact("es", "01", "tremor://localhost/offramp/es/01", linked);
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
  public void insight(Insight insight) {
    insights.add(insight);
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
  public Serializer newSerializer() {
    throw new UnsupportedOperationException("the elastic offramp writes JSON itself");
  }

  @Override
  public Deserializer newDeserializer() {
    throw new UnsupportedOperationException("the elastic offramp reads JSON itself");
  }

  Emitted next() throws InterruptedException {
    Emitted e = emitted.poll(10, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("nothing emitted within 10 s");
    }
    return e;
  }

  Insight nextInsight(Duration within) throws InterruptedException {
    Insight i = insights.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (i == null) {
      throw new AssertionError("no insight within " + within);
    }
    return i;
  }
}
