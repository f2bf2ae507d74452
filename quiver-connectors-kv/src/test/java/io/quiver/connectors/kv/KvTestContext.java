package io.quiver.connectors.kv;

import io.quiver.codec.JsonCodec;
import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A SinkContext for the kv sink: the real json codec, and everything the sink says recorded. */
final class KvTestContext implements SinkContext {
  /** What the sink emitted, in order, as {@code port {"event": data, "meta": meta}} lines. */
  final BlockingQueue<String> emitted = new LinkedBlockingQueue<>();

  /** The emitted events themselves, in order. */
  final List<Event> events = new CopyOnWriteArrayList<>();

  /** Acks, fails and origin holds, e.g. {@code ack 3}, {@code hold 7}. */
  final BlockingQueue<String> flow = new LinkedBlockingQueue<>();

  volatile boolean holdable = true;

  static Event event(long n, Value data) {
    return new Event(new EventId(1, 0, n), 0, data, Value.EMPTY_OBJECT, 4)
        .withTransit(io.quiver.value.Transit.NONE.withTransactional(true));
  }

  static Value json(String text) {
    try {
      return Json.parse(text);
    } catch (io.quiver.value.JsonException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public Artefact artefact() {
    return new Artefact("kv", "01", "tremor://localhost/offramp/kv/01", true);
  }

  @Override
  public void emit(String port, Event event) {
    events.add(event);
    emitted.add(port + " " + Json.write(Value.obj("event", event.data(), "meta", event.meta())));
  }

  @Override
  public Serializer newSerializer() {
    return new Serializer(new JsonCodec(), List.of());
  }

  @Override
  public Deserializer newDeserializer() {
    return new Deserializer(List.of(), new JsonCodec());
  }

  @Override
  public void insight(Insight insight) {
    flow.add(insight.toString());
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
    flow.add("release " + event.id().event());
  }
}
