package io.quiver.spi.testing;

import io.quiver.spi.Artefact;
import io.quiver.spi.Codec;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A sink context for tests: records insights and emitted events; serializes with JSON. Shared with
 * the connector modules through quiver-spi's test jar (test scope).
 */
public final class RecordingSinkContext implements SinkContext {
  public static final Artefact ARTEFACT =
      new Artefact("out", "1", "tremor://localhost/offramp/out/1", false);

  public final Queue<Insight> insights = new ConcurrentLinkedQueue<>();
  public final Queue<Map.Entry<String, Event>> emitted = new ConcurrentLinkedQueue<>();

  public boolean saw(Insight.Kind kind) {
    return insights.stream().anyMatch(i -> i.kind() == kind);
  }

  public long count(Insight.Kind kind) {
    return insights.stream().filter(i -> i.kind() == kind).count();
  }

  @Override
  public Artefact artefact() {
    return ARTEFACT;
  }

  @Override
  public void emit(String port, Event event) {
    emitted.add(Map.entry(port, event));
  }

  @Override
  public void insight(Insight insight) {
    insights.add(insight);
  }

  @Override
  public Serializer newSerializer() {
    return new Serializer(
        new Codec() {
          @Override
          public String name() {
            return "json";
          }

          @Override
          public Optional<Value> decode(byte[] data, long ingestNs) {
            return Optional.empty();
          }

          @Override
          public byte[] encode(Value value) {
            return Json.writeBytes(value);
          }
        },
        List.of());
  }

  @Override
  public Deserializer newDeserializer() {
    throw new UnsupportedOperationException();
  }
}
