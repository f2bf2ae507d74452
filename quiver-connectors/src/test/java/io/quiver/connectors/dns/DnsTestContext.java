package io.quiver.connectors.dns;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what the dns offramp emits, by port. */
final class DnsTestContext implements SinkContext {
  record Emitted(String port, Event event) {}

  final BlockingQueue<Emitted> emitted = new LinkedBlockingQueue<>();

  @Override
  public Artefact artefact() {
    return new Artefact("dns", "01", "tremor://localhost/offramp/dns/01", false);
  }

  @Override
  public void emit(String port, Event event) {
    emitted.add(new Emitted(port, event));
  }

  @Override
  public Serializer newSerializer() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Deserializer newDeserializer() {
    throw new UnsupportedOperationException();
  }

  Emitted next() throws InterruptedException {
    Emitted e = emitted.poll(10, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("nothing emitted within 10 s");
    }
    return e;
  }
}
