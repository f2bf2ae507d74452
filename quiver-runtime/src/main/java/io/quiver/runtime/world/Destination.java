package io.quiver.runtime.world;

import io.quiver.spi.Signal;
import io.quiver.value.Event;

/**
 * Where events leaving a port go: a pipeline input, an offramp, or a linked onramp's reply port.
 */
sealed interface Destination {

  void send(Event event);

  /** Passes a signal on; {@code hops} bounds forwarding through pipeline cycles. */
  void signal(Signal signal, int hops);

  /**
   * A pipeline's input port; {@code received} is the runner's count for that port (one counter per
   * runner and port, so two links to the same input are equal), which the runner increments when it
   * takes the event, inside its claim.
   */
  record ToPipeline(PipelineRunner runner, String port, EventCount received)
      implements Destination {
    ToPipeline(PipelineRunner runner, String port) {
      this(runner, port, runner.receivedOn(port));
    }

    @Override
    public void send(Event event) {
      runner.submit(port, received, event);
    }

    @Override
    public void signal(Signal signal, int hops) {
      runner.submitSignal(signal, hops);
    }
  }

  record ToOfframp(OfframpInstance offramp) implements Destination {
    @Override
    public void send(Event event) {
      offramp.onEvent(event);
    }

    @Override
    public void signal(Signal signal, int hops) {
      offramp.onSignal(signal);
    }
  }

  record ToOnrampReply(OnrampInstance onramp) implements Destination {
    @Override
    public void send(Event event) {
      onramp.reply(event);
    }

    @Override
    public void signal(Signal signal, int hops) {
      // signals travel downstream only; a reply port is the end of the line
    }
  }
}
