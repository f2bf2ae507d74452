package io.quiver.connectors.udp;

import io.quiver.spi.Artefact;
import io.quiver.spi.Codec;
import io.quiver.spi.Deserializer;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Insight;
import io.quiver.spi.Postprocessor;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.spi.SourceContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Recording contexts for the udp ramps, with a string codec and a base64 postprocessor. */
final class UdpTestContexts {
  private UdpTestContexts() {}

  record Received(long stream, byte[] data, Value meta, boolean endOfMessage) {
    String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  /** A transactional event of stream {@code stream} carrying {@code data} and {@code meta}. */
  static Event event(long stream, long n, Value data, Value meta) {
    return new Event(
        new EventId(1, stream, n), 0, data, meta, stream, Transit.NONE.withTransactional(true));
  }

  static final class Source implements SourceContext {
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Long> closed = new LinkedBlockingQueue<>();
    volatile FlowControl flow;

    @Override
    public Artefact artefact() {
      return new Artefact("udp-in", "01", "tremor://localhost/onramp/udp-in/01", false);
    }

    @Override
    public long openStream(FlowControl flow) {
      this.flow = flow;
      return 1;
    }

    @Override
    public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
      received.add(new Received(stream, data, meta, endOfMessage));
    }

    @Override
    public void closeStream(long stream) {
      closed.add(stream);
    }

    @Override
    public Serializer newReplySerializer() {
      throw new UnsupportedOperationException();
    }

    Received next() throws InterruptedException {
      Received r = received.poll(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("nothing received within 5 s");
      }
      return r;
    }
  }

  static final class Sink implements SinkContext {
    final BlockingQueue<Insight> insights = new LinkedBlockingQueue<>();
    final BlockingQueue<String> originFlow = new LinkedBlockingQueue<>();
    private final Serializer serializer;

    Sink(Postprocessor... postprocessors) {
      this.serializer = new Serializer(new StringCodec(), List.of(postprocessors));
    }

    @Override
    public Artefact artefact() {
      return new Artefact("udp-out", "01", "tremor://localhost/offramp/udp-out/01", false);
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
    public void insight(Insight insight) {
      insights.add(insight);
    }

    @Override
    public boolean holdOrigin(Event event) {
      originFlow.add("hold " + event.id());
      return true;
    }

    @Override
    public void releaseOrigin(Event event) {
      originFlow.add("release " + event.id());
    }

    Insight nextInsight() throws InterruptedException {
      Insight i = insights.poll(5, TimeUnit.SECONDS);
      if (i == null) {
        throw new AssertionError("no insight within 5 s");
      }
      return i;
    }
  }

  /** Strings as their UTF-8 bytes, floats refused, anything else as JSON. */
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
    public byte[] encode(Value value) throws io.quiver.spi.CodecException {
      if (value instanceof Value.Float) {
        throw new io.quiver.spi.CodecException("floats refused by this test codec");
      }
      return value instanceof Value.Str s
          ? s.value().getBytes(StandardCharsets.UTF_8)
          : Json.writeBytes(value);
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
