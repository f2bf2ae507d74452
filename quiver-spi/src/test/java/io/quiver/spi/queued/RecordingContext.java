package io.quiver.spi.queued;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/** A sink context that records the flow (acks, fails, holds, releases, circuit changes). */
final class RecordingContext implements SinkContext {
  final List<String> flow = new CopyOnWriteArrayList<>();

  /** What the queue held at each release (set by the test once the sender exists). */
  final List<Integer> queuedAtRelease = new CopyOnWriteArrayList<>();

  volatile IntSupplier queued = () -> -1;
  volatile boolean holdable = true;

  @Override
  public Artefact artefact() {
    return new Artefact("out", "01", "tremor://localhost/offramp/out/01", true);
  }

  @Override
  public void emit(String port, Event event) {
    flow.add("emit " + port + " " + event.id().event());
  }

  @Override
  public Serializer newSerializer() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Deserializer newDeserializer() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void insight(Insight insight) {
    flow.add(insight.kind().toString());
  }

  @Override
  public void ack(Event event) {
    flow.add("ack " + event.id().event());
  }

  @Override
  public void fail(Event event) {
    flow.add("fail " + event.id().event());
  }

  @Override
  public boolean holdOrigin(Event event) {
    flow.add("hold " + event.id().event());
    return holdable;
  }

  @Override
  public void releaseOrigin(Event event) {
    queuedAtRelease.add(queued.getAsInt());
    flow.add("release " + event.id().event());
  }

  long count(String prefix) {
    return flow.stream().filter(s -> s.startsWith(prefix)).count();
  }
}
