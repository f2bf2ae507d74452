package io.quiver.connectors.rest.offramp;

import io.quiver.spi.Artefact;
import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SinkContext that records what the offramp emits, its insights and holds. Its own codec is a
 * small JSON codec; by content type it knows application/json (JSON) and text/plain (string), as
 * Tremor's mime map.
 */
class RestTestContext implements SinkContext {
  record Emitted(String port, Event event) {}

  private final Artefact artefact;
  final BlockingQueue<Emitted> emitted = new LinkedBlockingQueue<>();
  final BlockingQueue<Insight> insights = new LinkedBlockingQueue<>();
  final BlockingQueue<String> originFlow = new LinkedBlockingQueue<>();
  volatile boolean holdable = true;

  RestTestContext(boolean linked) {
    this.artefact = new Artefact("rest", "01", "tremor://localhost/offramp/rest/01", linked);
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
    return new Serializer(new JsonCodec(), List.of());
  }

  @Override
  public Deserializer newDeserializer() {
    return new Deserializer(List.of(), new JsonCodec());
  }

  @Override
  public Optional<Serializer> newSerializer(String contentType) {
    return codec(contentType).map(c -> new Serializer(c, List.of()));
  }

  @Override
  public Optional<Deserializer> newDeserializer(String contentType) {
    return codec(contentType).map(c -> new Deserializer(List.of(), c));
  }

  private static Optional<Codec> codec(String mime) {
    return switch (mime) {
      case "application/json" -> Optional.of(new JsonCodec());
      case "text/plain" -> Optional.of(new StringCodec());
      default -> Optional.empty();
    };
  }

  Emitted next() throws InterruptedException {
    return next(Duration.ofSeconds(10));
  }

  Emitted next(Duration within) throws InterruptedException {
    Emitted e = emitted.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) {
      throw new AssertionError("nothing emitted within " + within.toMillis() + " ms");
    }
    return e;
  }

  Insight nextInsight() throws InterruptedException {
    Insight i = insights.poll(10, TimeUnit.SECONDS);
    if (i == null) {
      throw new AssertionError("no insight within 10 s");
    }
    return i;
  }

  static final class JsonCodec implements Codec {
    @Override
    public String name() {
      return "json";
    }

    @Override
    public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
      try {
        return Optional.of(Json.parse(data));
      } catch (io.quiver.value.JsonException | RuntimeException e) {
        throw new CodecException("invalid json: " + e.getMessage());
      }
    }

    @Override
    public byte[] encode(Value value) throws CodecException {
      if (value instanceof Value.Float f && f.value() == 13.0) {
        throw new CodecException("unlucky float");
      }
      return Json.writeBytes(value);
    }
  }

  static final class StringCodec implements Codec {
    @Override
    public String name() {
      return "string";
    }

    @Override
    public Optional<Value> decode(byte[] data, long ingestNs) {
      return Optional.of(Value.of(new String(data, StandardCharsets.UTF_8)));
    }

    @Override
    public byte[] encode(Value value) {
      return value instanceof Value.Str s
          ? s.value().getBytes(StandardCharsets.UTF_8)
          : Json.writeBytes(value);
    }
  }
}
