package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of one {@link UpstreamSession} and the session's {@link SessionState}: opens the
 * channel (within the connect timeout), re-opens it after a loss when its {@link ReconnectSchedule}
 * says, reports the circuit (the offramp's shared session of its configured url), and closes it for
 * good. The channel's handlers report to it; the session learns of each change through its {@link
 * Listener}.
 *
 * <p>Confined to the session's event loop. Time is the loop's {@link EventLoop#ticker() ticker}, so
 * a test drives the connect timeout and the backoff by advancing it.
 */
final class UpstreamConnection {
  // the session's logger: the log lines of the connection are the session's, as they always were
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamSession.class);

  /** Opens one channel to the upstream, whose handlers report to the session. */
  @FunctionalInterface
  interface Dialer {
    ChannelFuture dial() throws Exception;
  }

  /** What the session does when its connection comes or goes (each called once per change). */
  interface Listener {
    /** CONNECTING -> OPEN: requests can go out on {@code ch}. */
    void opened(Channel ch);

    /** CONNECTING -> IDLE: the attempt failed because of {@code cause}. */
    void connectFailed(String cause);

    /** OPEN -> IDLE: the upstream closed or the connection broke because of {@code cause}. */
    void lost(String cause);
  }

  private final WsUrl url;
  private final WsOfframpSettings settings;
  private final EventLoop loop;
  private final Dialer dialer;
  private final Listener listener;
  private final OfframpAnswers answers;
  private final WsMetrics metrics;
  private final boolean reportsCircuit;
  private final ReconnectSchedule reconnects;
  private final Promise<Void> closed;

  private SessionState state = SessionState.IDLE;
  private Channel channel;

  /** Where the open channel's request frames collect until the end of the loop turn. */
  private OutboundFrames outbound;

  private Integer closeCode;
  private String failure;
  private long attempts;
  private ScheduledFuture<?> connectDeadline;

  /**
   * @param reportsCircuit whether going down and up is reported to the runtime (the circuit breaker
   *     of Tremor's ws offramp: the shared session of the configured url only)
   */
  UpstreamConnection(
      WsUrl url,
      WsOfframpSettings settings,
      EventLoop loop,
      Dialer dialer,
      Listener listener,
      OfframpAnswers answers,
      WsMetrics metrics,
      boolean reportsCircuit) {
    this.url = url;
    this.settings = settings;
    this.loop = loop;
    this.dialer = dialer;
    this.listener = listener;
    this.answers = answers;
    this.metrics = metrics;
    this.reportsCircuit = reportsCircuit;
    this.reconnects = new ReconnectSchedule(url, settings.reconnect(), loop);
    this.closed = loop.newPromise();
  }

  SessionState state() {
    return state;
  }

  /** The channel of the current attempt or open connection, or null. */
  Channel channel() {
    return channel;
  }

  /** The open connection's frame writer (only in {@link SessionState#OPEN}). */
  OutboundFrames outbound() {
    return outbound;
  }

  /** Completes when the connection is closed for good and its channel is gone. */
  Future<Void> closed() {
    return closed;
  }

  /** IDLE and not waiting out a backoff delay: an event may start an attempt now. */
  boolean mayConnectNow() {
    return state == SessionState.IDLE && reconnects.due();
  }

  /** IDLE -> CONNECTING. */
  void connect() {
    if (attempts++ > 0) {
      metrics.reconnect();
    }
    moveTo(SessionState.CONNECTING);
    closeCode = null;
    failure = null;
    reconnects.cancel();
    ChannelFuture connecting;
    try {
      connecting = dialer.dial();
    } catch (Exception e) {
      channel = null;
      connectFailed(null, Failures.describe(e, settings.connectTimeoutMs()));
      return;
    }
    Channel ch = connecting.channel();
    channel = ch;
    connectDeadline =
        loop.schedule(
            () -> {
              if (state == SessionState.CONNECTING && channel == ch) {
                connectFailed(ch, Failures.timedOut(settings.connectTimeoutMs()));
              }
            },
            settings.connectTimeoutMs(),
            TimeUnit.MILLISECONDS);
    connecting.addListener(
        done -> {
          if (!done.isSuccess()) {
            connectFailed(ch, Failures.describe(done.cause(), settings.connectTimeoutMs()));
          }
        });
  }

  /** The websocket handshake of {@code ch} completed: CONNECTING -> OPEN. */
  void onHandshakeComplete(Channel ch) {
    if (state != SessionState.CONNECTING || ch != channel) {
      return;
    }
    LOG.debug("{}: connected ({})", url, ch.localAddress());
    moveTo(SessionState.OPEN);
    outbound = OutboundFrames.of(ch);
    metrics.connectionOpened();
    ch.closeFuture().addListener(f -> metrics.connectionClosed());
    cancel(connectDeadline);
    reconnects.succeeded();
    reportCircuit(true);
    listener.opened(ch);
  }

  /** A failure of the channel whose text should explain what happens next. */
  void onFailure(Channel ch, String cause) {
    if (ch != channel) {
      return;
    }
    if (failure == null) {
      failure = cause;
    }
    if (state == SessionState.CONNECTING) {
      connectFailed(ch, cause);
    }
  }

  WsMetrics metrics() {
    return metrics;
  }

  /** The upstream's close frame: its code explains the loss that follows. */
  void onCloseFrame(Channel ch, int code) {
    if (ch == channel && closeCode == null) {
      closeCode = code;
      metrics.closeCode(code);
    }
  }

  /** The channel is gone: a failed attempt (CONNECTING) or a lost connection (OPEN -> IDLE). */
  void onInactive(Channel ch) {
    if (ch != channel) {
      return;
    }
    if (state == SessionState.CONNECTING) {
      connectFailed(
          ch, failure != null ? failure : "connection closed during the websocket handshake");
      return;
    }
    channel = null;
    if (state != SessionState.OPEN) {
      return;
    }
    moveTo(SessionState.IDLE);
    outbound = null;
    String cause =
        failure != null
            ? failure
            : closeCode != null
                ? "Connection closed by server (code " + closeCode + ")"
                : Failures.RESET;
    LOG.debug("{}: connection lost: {}", url, cause);
    reportCircuit(false);
    listener.lost(cause);
    scheduleReconnect();
  }

  /**
   * OPEN -> IDLE without a loss being reported: the session gives the connection up (its replies
   * can no longer be matched), closes it at once and may open a new one right away.
   */
  void retire() {
    Channel old = channel;
    channel = null;
    outbound = null;
    moveTo(SessionState.IDLE);
    LOG.debug("{}: closing the connection after a reply timeout", url);
    old.close();
    reconnects.allowNow();
  }

  /**
   * Any state but the last two -> DRAINING: no more attempts; the channel stays until {@link
   * #close}.
   */
  void drain() {
    moveTo(SessionState.DRAINING);
    reconnects.cancel();
    cancel(connectDeadline);
  }

  /** DRAINING -> CLOSED once the channel (if any) is closed; see {@link #closed}. */
  void close() {
    Channel ch = channel;
    channel = null;
    outbound = null;
    if (ch == null) {
      finish();
    } else {
      ch.close().addListener(f -> finish());
    }
  }

  private void finish() {
    moveTo(SessionState.CLOSED);
    closed.trySuccess(null);
  }

  private void connectFailed(Channel ch, String cause) {
    if (state != SessionState.CONNECTING || ch != channel) {
      return;
    }
    LOG.debug("{}: cannot connect: {}", url, cause);
    metrics.connectFailed();
    moveTo(SessionState.IDLE);
    channel = null;
    cancel(connectDeadline);
    if (ch != null) {
      ch.close();
    }
    reportCircuit(false);
    listener.connectFailed(cause);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (!state.ended()) {
      reconnects.afterFailure(
          () -> {
            if (state == SessionState.IDLE) {
              connect();
            }
          });
    }
  }

  private void reportCircuit(boolean up) {
    if (!reportsCircuit) {
      return;
    }
    if (up) {
      answers.upstreamUp();
    } else {
      answers.upstreamDown();
    }
  }

  private void moveTo(SessionState next) {
    assert state.allows(next) : url + ": " + state + " -> " + next;
    state = next;
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
