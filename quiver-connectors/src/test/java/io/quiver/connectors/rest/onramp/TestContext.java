package io.quiver.connectors.rest.onramp;

import io.quiver.spi.Artefact;
import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SourceContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A SourceContext standing in for the runtime: decodes a body as JSON when its stream was opened
 * with {@code application/json}, else as a string (a JSON error event when that fails, as the
 * runtime's err port would send), records every event and hands it to a responder, which may reply
 * through the onramp at once, later, or never.
 */
final class TestContext implements SourceContext {
  static Artefact artefact(boolean linked) {
    return new Artefact("http", "01", "tremor://localhost/onramp/http/01", linked);
  }

  private final Artefact artefact;
  private final AtomicLong streams = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  final Map<Long, String> contentTypes = new ConcurrentHashMap<>();
  final Map<Long, FlowControl> flows = new ConcurrentHashMap<>();
  final BlockingQueue<Event> received = new LinkedBlockingQueue<>();
  final BlockingQueue<Long> closed = new LinkedBlockingQueue<>();
  volatile Consumer<Event> responder = e -> {};

  TestContext(boolean linked) {
    this.artefact = artefact(linked);
  }

  @Override
  public Artefact artefact() {
    return artefact;
  }

  @Override
  public long openStream(FlowControl flow) {
    return openStream(flow, null);
  }

  @Override
  public long openStream(FlowControl flow, String contentType) {
    long id = streams.incrementAndGet();
    flows.put(id, flow);
    if (contentType != null) {
      contentTypes.put(id, contentType);
    }
    return id;
  }

  @Override
  public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
    receiveMessage(stream, data, meta);
  }

  @Override
  public int receiveMessage(long stream, byte[] data, Value meta) {
    if (data.length == 0 && "application/json".equals(contentTypes.get(stream))) {
      return 0;
    }
    EventId id = new EventId(1, 0, events.getAndIncrement());
    Event event;
    try {
      event = new Event(id, 0, decode(stream, data), meta, stream);
    } catch (CodecException e) {
      Value error = Value.obj("error", Value.of(e.getMessage()), "event_id", Value.of(id.event()));
      event = new Event(id, 0, error, Value.obj("error", Value.of(e.getMessage())), stream);
    }
    received.add(event);
    responder.accept(event);
    return 1;
  }

  private Value decode(long stream, byte[] data) throws CodecException {
    String ct = contentTypes.get(stream);
    if (ct != null && ct.startsWith("application/json")) {
      try {
        return Json.parse(data);
      } catch (JsonException e) {
        throw new CodecException("bad JSON: " + e.getMessage());
      }
    }
    return Value.of(new String(data, StandardCharsets.UTF_8));
  }

  @Override
  public void closeStream(long stream) {
    closed.add(stream);
  }

  @Override
  public Serializer newReplySerializer() {
    return new Serializer(STRING, List.of(), "text/plain");
  }

  @Override
  public Serializer newReplySerializer(String contentType) {
    if (contentType.startsWith("application/json")) {
      return new Serializer(JSON, List.of(), "application/json");
    }
    return newReplySerializer();
  }

  Event next() throws InterruptedException {
    Event e = received.poll(5, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no event within 5 s");
    }
    return e;
  }

  /** The string codec: strings as they are, anything else as JSON. */
  static final Codec STRING =
      new Codec() {
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
      };

  static final Codec JSON =
      new Codec() {
        @Override
        public String name() {
          return "json";
        }

        @Override
        public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
          try {
            return Optional.of(Json.parse(data));
          } catch (JsonException e) {
            throw new CodecException(e.getMessage());
          }
        }

        @Override
        public byte[] encode(Value value) {
          return Json.writeBytes(value);
        }
      };
}
