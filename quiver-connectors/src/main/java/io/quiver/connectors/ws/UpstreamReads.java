package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * Whether a per-client upstream session reads its upstream: not while its client's reply backlog is
 * full ({@link ReplyPressure}), so replies to requests already sent wait in the upstream's socket
 * buffers, not in the proxy. A shared session always reads: pausing it for one client would stop
 * every client it serves (the client's backlog and the {@link ReplyMemoryBudget} bound that client
 * instead). Everything but construction and {@link #paused} runs on the session's loop.
 */
final class UpstreamReads {
  private final WsMetrics metrics;
  private final ReplyPressure.Watch watch;
  private volatile Channel channel;
  private volatile boolean paused;

  UpstreamReads(SessionKey key, EventLoop loop, WsMetrics metrics) {
    this.metrics = metrics;
    this.watch =
        key.isShared()
            ? null
            : ReplyPressure.process()
                .watch(new ReplyPressure.Origin(key.source(), key.stream()), () -> applyOn(loop));
  }

  /**
   * On the session's loop: at once when told there (the common case: a per-client session shares
   * its client's loop), so the frames still to come from the upstream read under way wait in its
   * {@link WholeMessageShortcut} instead of joining the full backlog.
   */
  private void applyOn(EventLoop loop) {
    if (loop.inEventLoop()) {
      apply();
    } else {
      loop.execute(this::apply);
    }
  }

  /** The session's connection is open: it reads unless its client is full. */
  void attach(Channel ch) {
    channel = ch;
    apply();
  }

  /** The session closed for good. */
  void close() {
    if (watch != null) {
      watch.cancel();
    }
    channel = null;
    paused = false;
  }

  /** Whether the session stopped reading its upstream for its client. Any thread. */
  boolean paused() {
    Channel ch = channel;
    return paused && ch != null && ch.isActive();
  }

  private void apply() {
    Channel ch = channel;
    if (watch == null || ch == null || !ch.isActive()) {
      paused = false;
      return;
    }
    boolean pause = watch.full();
    if (pause && !paused) {
      metrics.upstreamReadsPaused();
    }
    paused = pause;
    ChannelReads.set(ch, !pause);
  }
}
