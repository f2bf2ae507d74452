package io.quiver.connectors.cb;

import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;

/**
 * Tremor's {@code cb} offramp: writes nothing; answers every event with the insights its {@code cb}
 * field asks for ({@link CbCommands}): an ack or a fail of the event, a broken or a restored
 * circuit. An event without {@code cb} gets no answer (no automatic ack). For a batch each entry is
 * read and answers for the whole batch event, as in Tremor. Never blocks: insights go into the
 * contraflow, which does not block.
 */
final class CbOfframp implements Sink {
  private SinkContext context;

  @Override
  public void start(SinkContext context) {
    this.context = context;
  }

  @Override
  public void onEvent(Event event) {
    for (Event entry : event.elements()) {
      CbCommands commands = CbCommands.of(entry);
      if (commands.delivery() != null) {
        switch (commands.delivery()) {
          case ACK -> context.ack(event);
          case FAIL -> context.fail(event);
        }
      }
      if (commands.circuit() != null) {
        switch (commands.circuit()) {
          case BREAK -> context.circuitBroken();
          case RESTORE -> context.circuitRestored();
        }
      }
    }
  }

  @Override
  public boolean autoAck() {
    return false;
  }

  @Override
  public void stop() {}
}
