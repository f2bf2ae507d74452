package io.quiver.connectors.postgres;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A SinkContext that records what the offramp emits and reports (no codec: postgres needs none).
 */
final class RecordingSinkContext implements SinkContext {
  record Emitted(String port, Event event) {}

  final BlockingQueue<Emitted> emitted = new LinkedBlockingQueue<>();
  final BlockingQueue<Insight> insights = new LinkedBlockingQueue<>();

  @Override
  public Artefact artefact() {
    return PostgresSinkIT.ARTEFACT;
  }

  @Override
  public void emit(String port, Event event) {
    emitted.add(new Emitted(port, event));
  }

  @Override
  public void insight(Insight insight) {
    insights.add(insight);
  }

  @Override
  public Serializer newSerializer() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Deserializer newDeserializer() {
    throw new UnsupportedOperationException();
  }
}
