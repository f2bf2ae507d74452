package io.quiver.connectors.ws;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Serializer;
import io.quiver.spi.Signal;
import io.quiver.spi.SinkContext;
import io.quiver.spi.SourceContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wires an onramp straight to an offramp, as the proxy's passthrough pipelines do: each client
 * message becomes one string event (with the onramp's meta) for the offramp, and everything the
 * offramp emits (replies and errors) goes back to the onramp as a reply.
 */
final class Bridge implements SourceContext, SinkContext {
  private final AtomicLong streams = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private WsOnramp onramp;
  private WsOfframp offramp;

  void connect(WsOnramp on, WsOfframp off) throws Exception {
    this.onramp = on;
    this.offramp = off;
    off.start(this);
    on.start(this);
  }

  @Override
  public void exitProcess(int status) {
    SourceContext.super.exitProcess(status);
  }

  @Override
  public Artefact artefact() {
    return RecordingSourceContext.ARTEFACT;
  }

  @Override
  public long openStream(FlowControl flow) {
    return streams.incrementAndGet();
  }

  @Override
  public void receive(long stream, byte[] data, Value meta, boolean endOfMessage) {
    offramp.onEvent(
        new Event(
            new EventId(1, 0, events.getAndIncrement()),
            System.nanoTime(),
            Value.of(new String(data, StandardCharsets.UTF_8)),
            meta,
            stream));
  }

  @Override
  public void closeStream(long stream) {
    offramp.onSignal(new Signal.StreamEnded(1, stream));
  }

  @Override
  public Serializer newReplySerializer() {
    return TestCodecs.serializer(false);
  }

  @Override
  public void emit(String port, Event event) {
    onramp.reply(event);
  }

  @Override
  public Serializer newSerializer() {
    return TestCodecs.serializer(false);
  }

  @Override
  public Deserializer newDeserializer() {
    return TestCodecs.deserializer(false);
  }
}
