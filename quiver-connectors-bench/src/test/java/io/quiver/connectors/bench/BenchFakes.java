package io.quiver.connectors.bench;

import io.quiver.spi.Artefact;
import io.quiver.spi.Codec;
import io.quiver.spi.Deserializer;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.spi.SourceContext;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Minimal runtime stand-ins for the bench connectors. */
final class BenchFakes {
  private BenchFakes() {}

  static final Artefact BLASTER =
      new Artefact("blaster", "01", "tremor://localhost/onramp/blaster/01", false);
  static final Artefact BLACKHOLE =
      new Artefact("bh", "01", "tremor://localhost/offramp/bh/01", false);

  /** Records what a source hands over; the stream close counts down {@link #closed}. */
  static final class RecordingSource implements SourceContext {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<Long> receivedAtNs = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile FlowControl flow;

    @Override
    public Artefact artefact() {
      return BLASTER;
    }

    @Override
    public long openStream(FlowControl flow) {
      this.flow = flow;
      return 7;
    }

    @Override
    public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
      receivedAtNs.add(System.nanoTime());
      messages.add(stream + ":" + new String(data, StandardCharsets.UTF_8) + ":" + endOfMessage);
    }

    @Override
    public void closeStream(long stream) {
      messages.add("closed " + stream);
      closed.countDown();
    }

    @Override
    public Serializer newReplySerializer() {
      throw new UnsupportedOperationException();
    }
  }

  /** A codec that encodes a string value as its UTF-8 bytes and fails on anything else. */
  static final class StringOnlyCodec implements Codec {
    @Override
    public String name() {
      return "string";
    }

    @Override
    public Optional<Value> decode(byte[] data, long ingestNs) {
      return Optional.of(Value.of(new String(data, StandardCharsets.UTF_8)));
    }

    @Override
    public byte[] encode(Value value) throws io.quiver.spi.CodecException {
      if (value instanceof Value.Str s) {
        return s.value().getBytes(StandardCharsets.UTF_8);
      }
      throw new io.quiver.spi.CodecException("not a string");
    }
  }

  static final class SinkWithStringCodec implements SinkContext {
    @Override
    public Artefact artefact() {
      return BLACKHOLE;
    }

    @Override
    public void emit(String port, Event event) {}

    @Override
    public Serializer newSerializer() {
      return new Serializer(new StringOnlyCodec(), List.of());
    }

    @Override
    public Deserializer newDeserializer() {
      throw new UnsupportedOperationException();
    }
  }
}
