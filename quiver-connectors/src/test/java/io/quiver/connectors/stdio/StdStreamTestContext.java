package io.quiver.connectors.stdio;

import io.quiver.spi.Artefact;
import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Postprocessor;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A SinkContext for the std stream sinks: a JSON codec (the real one lives in quiver-codec) and
 * optional stand-ins for the {@code base64} postprocessor and for a codec that encodes bytes raw.
 */
final class StdStreamTestContext implements SinkContext {
  private final Serializer serializer;
  final BlockingQueue<String> originFlow = new LinkedBlockingQueue<>();
  volatile boolean holdable = true;

  StdStreamTestContext(Codec codec, Postprocessor... postprocessors) {
    this.serializer = new Serializer(codec, List.of(postprocessors));
  }

  StdStreamTestContext() {
    this(new JsonCodec());
  }

  static Event event(long n, Value data) {
    return new Event(new EventId(1, 0, n), 0, data, Value.EMPTY_OBJECT, 0);
  }

  @Override
  public Artefact artefact() {
    return new Artefact("out", "01", "tremor://localhost/offramp/out/01", false);
  }

  @Override
  public void emit(String port, Event event) {}

  @Override
  public Serializer newSerializer() {
    return serializer;
  }

  @Override
  public Deserializer newDeserializer() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean holdOrigin(Event event) {
    originFlow.add("hold " + event.id().event());
    return holdable;
  }

  @Override
  public void releaseOrigin(Event event) {
    originFlow.add("release " + event.id().event());
  }

  static final class JsonCodec implements Codec {
    @Override
    public String name() {
      return "json";
    }

    @Override
    public Optional<Value> decode(byte[] data, long ingestNs) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] encode(Value value) throws CodecException {
      if (value instanceof Value.Float) {
        throw new CodecException("floats refused by this test codec");
      }
      return Json.writeBytes(value);
    }
  }

  /** Encodes a byte value as its bytes, anything else as JSON. */
  static final class BinaryCodec implements Codec {
    @Override
    public String name() {
      return "binary";
    }

    @Override
    public Optional<Value> decode(byte[] data, long ingestNs) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] encode(Value value) {
      return value instanceof Value.Bytes b ? b.value() : Json.writeBytes(value);
    }
  }

  static final class Base64Post implements Postprocessor {
    @Override
    public String name() {
      return "base64";
    }

    @Override
    public void process(byte[] data, long ingestNs, List<byte[]> out) {
      out.add(Base64.getEncoder().encode(data));
    }
  }
}
