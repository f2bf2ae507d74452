package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of replies held for one onramp client, from the moment a reply frame is collected
 * ({@link OutboundFrames}) until it left through the socket or was dropped with the connection, and
 * the limits on them:
 *
 * <ul>
 *   <li>at {@code send_queue_max_bytes} the channel turns unwritable (a user-defined writability
 *       flag, so the turn's frames count before they are written): the onramp stops reading the
 *       client ({@link ReadGate}), the per-client upstream sessions of the client stop reading
 *       their upstream ({@link ReplyPressure}), and {@link SlowReaderHandler} starts its clock; all
 *       of it ends once half has drained;
 *   <li>replies that still arrive while the backlog is full (a shared upstream session is not
 *       paused for one client, see docs/operations.md) may add at most another {@code
 *       send_queue_max_bytes}: the reply beyond that closes the client at once with 1008 ({@link
 *       #admit});
 *   <li>every backlog is charged to the process-wide {@link ReplyMemoryBudget}, which closes the
 *       clients that hold the most when all of them together hold more than it allows.
 * </ul>
 *
 * Everything but {@link #held()}, {@link #evict} and {@link #leaving()} runs on the channel's loop.
 */
final class ReplyBacklog implements OutboundFrames.Meter {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyBacklog.class);

  /**
   * What every client's backlog of an onramp is held to; a backlog is made from them at the
   * client's first reply ({@link ClientConnection}), so an idle client has none.
   *
   * @param maxBytes send_queue_max_bytes
   * @param onrampPeak the largest backlog any client of the onramp ever had
   */
  record Limits(long maxBytes, ReplyMemoryBudget budget, WsMetrics metrics, AtomicLong onrampPeak) {
    /** A backlog for {@code channel}'s replies, registered with the budget until it closes. */
    ReplyBacklog open(Channel channel) {
      return new ReplyBacklog(channel, maxBytes, budget, metrics, onrampPeak);
    }
  }

  /** The user-defined writability flag of the channel's outbound buffer that this backlog sets. */
  private static final int WRITABILITY_FLAG = 1;

  /**
   * The budget is charged in steps of this many bytes (not per frame, which would make every loop
   * of the process contend for one counter per message): it may count up to this much less than a
   * client holds.
   */
  static final int CHARGE_STEP = 4096;

  private final Channel channel;
  private final long maxBytes;
  private final ReplyMemoryBudget budget;
  private final WsMetrics metrics;

  /** The largest backlog any client of the onramp ever had. */
  private final AtomicLong onrampPeak;

  /** Written on the loop only; read by the budget from any thread. */
  private volatile long held;

  /** Of {@link #held}, the bytes not charged to the budget yet (less than {@link #CHARGE_STEP}). */
  private long uncharged;

  private long peak;
  private boolean full;
  private boolean closing; // on the event loop: closed with 1008 for its memory (closeOnce)

  /** Bytes admitted since the backlog became full. */
  private long admittedWhileFull;

  /**
   * The onramp uid and stream of the client's events (from its first reply), for {@link
   * ReplyPressure}.
   */
  private ReplyPressure.Origin origin;

  private volatile boolean leaving;

  ReplyBacklog(
      Channel channel,
      long maxBytes,
      ReplyMemoryBudget budget,
      WsMetrics metrics,
      AtomicLong onrampPeak) {
    this.channel = channel;
    this.maxBytes = maxBytes;
    this.budget = budget;
    this.metrics = metrics;
    this.onrampPeak = onrampPeak;
    budget.register(this);
    channel.closeFuture().addListener(f -> closed());
  }

  /** The reason sent with the close frame when replies kept coming for a full backlog. */
  static String overflowReason(long maxBytes) {
    return "client did not read its replies ("
        + maxBytes
        + " more bytes came while its queue was full)";
  }

  /** Bytes held for the client right now. Any thread. */
  long held() {
    return held;
  }

  /** The most bytes ever held for this client. */
  long peak() {
    return peak;
  }

  /** Whether the client is being closed to free memory ({@link #evict}). Any thread. */
  boolean leaving() {
    return leaving;
  }

  /**
   * The client of the reply being written: its onramp uid and stream, which name the upstream
   * sessions serving it ({@link SessionKey#perClient}).
   */
  void origin(long source, long stream) {
    if (origin == null || origin.source() != source) {
      origin = new ReplyPressure.Origin(source, stream);
      if (full) {
        ReplyPressure.process().pause(origin);
      }
    }
  }

  /**
   * Whether a frame of {@code bytes} may join the backlog. While the backlog is below {@code
   * send_queue_max_bytes} any frame may (so a single reply larger than the limit still goes out);
   * once it is full, frames may add up to another {@code send_queue_max_bytes}: the ones already on
   * their way when the client's upstream sessions stopped reading. A frame beyond that means
   * replies keep coming for a client that does not read them: it is closed at once with 1008 and
   * this returns false.
   */
  boolean admit(int bytes) {
    if (!full) {
      return true;
    }
    admittedWhileFull += bytes;
    if (admittedWhileFull <= maxBytes) {
      return true;
    }
    if (closeOnce()) {
      LOG.info(
          "closing client {} with code 1008: it did not read its replies, and another"
              + " send_queue_max_bytes ({}) of them came while its queue was full",
          channel.remoteAddress(),
          maxBytes);
      metrics.replyOverflowClosed();
      Closer.closeNow(channel, metrics, 1008, overflowReason(maxBytes));
    }
    return false;
  }

  @Override
  public void held(int bytes) {
    long now = held + bytes;
    held = now;
    uncharged += bytes;
    if (uncharged >= CHARGE_STEP) {
      budget.charge(uncharged);
      uncharged = 0;
    }
    if (now > peak) {
      peak = now;
      onrampPeak.accumulateAndGet(now, Math::max);
    }
    if (!full && now >= maxBytes) {
      full = true;
      admittedWhileFull = 0;
      writable(false);
    }
  }

  @Override
  public void released(int bytes) {
    long charged = held - uncharged;
    long now = held - bytes;
    held = now;
    uncharged = Math.min(uncharged, now);
    budget.credit(charged - (now - uncharged));
    if (full && now <= maxBytes / 2) {
      full = false;
      writable(true);
    }
  }

  /**
   * Closes the client with 1008 to give its memory back (the budget is exhausted and it holds the
   * most). Any thread.
   */
  void evict(long budgetBytes) {
    leaving = true;
    channel
        .eventLoop()
        .execute(
            () -> {
              if (!closeOnce()) {
                return;
              }
              LOG.info(
                  "closing client {} with code 1008: the reply memory budget ({} bytes for all clients) is"
                      + " exhausted and it holds the most ({} bytes)",
                  channel.remoteAddress(),
                  budgetBytes,
                  held);
              metrics.budgetClosed();
              Closer.closeNow(channel, metrics, 1008, ReplyMemoryBudget.closeReason());
            });
  }

  /**
   * Whether this is the first close of the client for its memory (on the event loop): the channel
   * stays active until its close frame is written, which for a client that does not read can take
   * until the close timeout, and the replies still arriving meanwhile must not close (and count) it
   * again.
   */
  private boolean closeOnce() {
    if (closing || !channel.isActive()) {
      return false;
    }
    closing = true;
    return true;
  }

  /** The channel turns unwritable (or writable again); its handlers learn it at once. */
  private void writable(boolean writable) {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    if (buffer != null) {
      buffer.setUserDefinedWritability(WRITABILITY_FLAG, writable);
    }
    if (origin != null) {
      if (writable) {
        ReplyPressure.process().resume(origin);
      } else {
        ReplyPressure.process().pause(origin);
      }
    }
  }

  private void closed() {
    budget.unregister(this);
    if (origin != null) {
      ReplyPressure.process().forget(origin);
    }
  }
}
