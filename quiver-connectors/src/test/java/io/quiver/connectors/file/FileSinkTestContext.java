package io.quiver.connectors.file;

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
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A SinkContext for the file and exit offramps: a JSON codec and recorded insights and holds. */
final class FileSinkTestContext implements SinkContext {
  private final Serializer serializer;
  final BlockingQueue<String> recorded = new LinkedBlockingQueue<>();
  volatile boolean holdable = true;

  FileSinkTestContext(Postprocessor... postprocessors) {
    this.serializer = new Serializer(new JsonCodec(), List.of(postprocessors));
  }

  static Event event(long n, Value data) {
    return new Event(new EventId(1, 0, n), 0, data, Value.EMPTY_OBJECT, 0);
  }

  static Event transactional(long n, Value data) {
    return event(n, data).withTransit(Transit.NONE.withTransactional(true));
  }

  /** A {@code generic::batch} event of {@code values}. */
  static Event batch(long n, Value... values) {
    Value[] entries = new Value[values.length];
    for (int i = 0; i < values.length; i++) {
      entries[i] =
          Value.obj(
              "data",
              Value.obj("value", values[i], "meta", Value.EMPTY_OBJECT, "ingest_ns", Value.of(0)));
    }
    return event(n, Value.array(entries)).withTransit(Transit.NONE.withBatch(true));
  }

  @Override
  public Artefact artefact() {
    return new Artefact("out", "01", "tremor://localhost/offramp/out/01", false);
  }

  @Override
  public void emit(String port, Event event) {
    recorded.add("emit " + port);
  }

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
    recorded.add("hold " + event.id().event());
    return holdable;
  }

  @Override
  public void releaseOrigin(Event event) {
    recorded.add("release " + event.id().event());
  }

  @Override
  public void ack(Event event) {
    recorded.add("ack " + event.id().event());
  }

  @Override
  public void fail(Event event) {
    recorded.add("fail " + event.id().event());
  }

  @Override
  public void exitProcess(int status) {
    recorded.add("exit " + status);
  }

  /** JSON, refusing floats so that a codec error can be provoked. */
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

  /** Splits every chunk in two halves, as a postprocessor that makes several chunks would. */
  static final class Halves implements Postprocessor {
    @Override
    public String name() {
      return "halves";
    }

    @Override
    public void process(byte[] data, long ingestNs, List<byte[]> out) {
      int half = data.length / 2;
      out.add(java.util.Arrays.copyOfRange(data, 0, half));
      out.add(java.util.Arrays.copyOfRange(data, half, data.length));
    }
  }
}
