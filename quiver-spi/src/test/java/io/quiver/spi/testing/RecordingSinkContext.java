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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink context for tests: records insights, emitted events and origin holds; serializes with
 * JSON, one document per event or (see {@link #jsonLines}) one line per event. Shared with the
 * connector modules through quiver-spi's test jar (test scope).
 */
public final class RecordingSinkContext implements SinkContext {
  public static final Artefact ARTEFACT =
      new Artefact("out", "1", "tremor://localhost/offramp/out/1", false);

  public final Queue<Insight> insights = new ConcurrentLinkedQueue<>();
  public final Queue<Map.Entry<String, Event>> emitted = new ConcurrentLinkedQueue<>();

  /** How often the sink called {@link #holdOrigin} and {@link #releaseOrigin}. */
  public final AtomicInteger holds = new AtomicInteger();

  public final AtomicInteger releases = new AtomicInteger();

  /** What {@link #holdOrigin} answers: whether the sender slows down when held. */
  public volatile boolean holdable;

  private final Artefact artefact;
  private final boolean lines;

  /** A context for {@link #ARTEFACT} whose serializer writes one JSON document per event. */
  public RecordingSinkContext() {
    this(ARTEFACT, false);
  }

  private RecordingSinkContext(Artefact artefact, boolean lines) {
    this.artefact = artefact;
    this.lines = lines;
  }

  /**
   * A context for {@code artefact} whose serializer writes each event as one JSON line (the
   * document and {@code \n}), for a peer that reads by line.
   */
  public static RecordingSinkContext jsonLines(Artefact artefact) {
    return new RecordingSinkContext(artefact, true);
  }

  public boolean saw(Insight.Kind kind) {
    return insights.stream().anyMatch(i -> i.kind() == kind);
  }

  public long count(Insight.Kind kind) {
    return insights.stream().filter(i -> i.kind() == kind).count();
  }

  /**
   * The insights so far, in order, as text: {@code ack <event id>}, {@code fail <event id>}, or the
   * kind's name ({@code CIRCUIT_BROKEN}, say).
   */
  public List<String> insightLog() {
    return insights.stream().map(RecordingSinkContext::describe).toList();
  }

  private static String describe(Insight insight) {
    return switch (insight.kind()) {
      case ACK -> "ack " + insight.id();
      case FAIL -> "fail " + insight.id();
      default -> insight.kind().toString();
    };
  }

  @Override
  public Artefact artefact() {
    return artefact;
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
  public boolean holdOrigin(Event event) {
    holds.incrementAndGet();
    return holdable;
  }

  @Override
  public void releaseOrigin(Event event) {
    releases.incrementAndGet();
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
            byte[] json = Json.writeBytes(value);
            if (!lines) {
              return json;
            }
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
          }
        },
        List.of());
  }

  @Override
  public Deserializer newDeserializer() {
    throw new UnsupportedOperationException();
  }
}
