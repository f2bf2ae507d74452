package io.quiver.connectors.rest.onramp;

import io.quiver.spi.FlowControl;

/**
 * The flow control of one request's stream: the runtime pauses it when a pipeline it feeds is
 * overloaded or a sink holds its origin; while any stream of a connection is paused, the connection
 * is not read. Once the exchange is finished the stream's pause no longer counts, so a hold
 * released after the answer cannot leave the connection stopped.
 */
final class StreamFlow implements FlowControl {
  private final RestConnection connection;
  private boolean paused;
  private boolean detached;

  StreamFlow(RestConnection connection) {
    this.connection = connection;
  }

  @Override
  public void pause() {
    connection.onLoop(() -> set(true));
  }

  @Override
  public void resume() {
    connection.onLoop(() -> set(false));
  }

  /** The exchange is finished; on the connection's loop. */
  void detach() {
    if (!detached) {
      set(false);
      detached = true;
    }
  }

  private void set(boolean pause) {
    if (detached || paused == pause) {
      return;
    }
    paused = pause;
    connection.streamPaused(pause);
  }
}
