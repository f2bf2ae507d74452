package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.quiver.spi.FlowControl;

/**
 * Decides whether a client channel reads: it reads only while the runtime has not paused the stream
 * and the channel can take more outgoing data (the client is reading its replies). State changes
 * from other threads are handed to the channel's event loop.
 */
final class ReadGate implements FlowControl {
  private final Channel channel;
  private boolean pausedByRuntime;
  private boolean pausedByWrites;

  /**
   * Shutdown: the client's messages are no longer taken but dropped, so it is read whatever else
   * held it: its pongs and close frame still arrive, and nothing piles up.
   */
  private boolean discarding;

  ReadGate(Channel channel) {
    this.channel = channel;
  }

  /** The client channel this gate opens and closes. */
  Channel channel() {
    return channel;
  }

  @Override
  public void pause() {
    onLoop(() -> pausedByRuntime = true);
  }

  @Override
  public void resume() {
    onLoop(() -> pausedByRuntime = false);
  }

  /** Called on the event loop when the channel's writability changed. */
  void writabilityChanged(boolean writable) {
    pausedByWrites = !writable;
    apply();
  }

  /**
   * Shutdown: reads the client from now on whatever held it; its messages are dropped. On the event
   * loop.
   */
  void readAndDiscard() {
    discarding = true;
    apply();
  }

  private void onLoop(Runnable change) {
    if (channel.eventLoop().inEventLoop()) {
      change.run();
      apply();
    } else {
      channel
          .eventLoop()
          .execute(
              () -> {
                change.run();
                apply();
              });
    }
  }

  private void apply() {
    ChannelReads.set(channel, discarding || !pausedByRuntime && !pausedByWrites);
  }
}
