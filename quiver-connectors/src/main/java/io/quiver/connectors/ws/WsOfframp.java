package io.quiver.connectors.ws;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.ClientTlsSettings;
import io.quiver.connectors.net.EventLoops;
import io.quiver.spi.Artefact;
import io.quiver.spi.Signal;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.metrics.MetricsReport;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The websocket offramp: sends events to an upstream websocket server and, when linked, emits the
 * upstream's replies on {@code out} and failures on {@code err} with the request's id, so they find
 * their way back to the client. Each event gets exactly one answer in bounded time.
 */
public final class WsOfframp implements Sink, MetricsReport.Reporter {
  private static final Logger LOG = LoggerFactory.getLogger(WsOfframp.class);
  private static final long STOP_WAIT_MS = 2_000;

  private final Artefact artefact;
  private final WsOfframpSettings settings;
  private final ConcurrentHashMap<SessionKey, UpstreamSession> sessions = new ConcurrentHashMap<>();
  private final EndedStreams endedStreams = new EndedStreams();
  private final WsMetrics metrics = new WsMetrics();
  private final ClientTlsContext tls;
  private volatile SinkContext context;
  private volatile OfframpAnswers answers;
  private volatile boolean stopped;

  public WsOfframp(Artefact artefact, WsOfframpSettings settings) {
    this.artefact = artefact;
    this.settings = settings;
    this.tls = new ClientTlsContext(settings.tls(), artefact.url());
  }

  @Override
  public void start(SinkContext sinkContext) {
    if (!settings.tls().equals(ClientTlsSettings.SYSTEM)) {
      tls.context(); // a configured tls record is checked now, not at the first wss:// connection
    }
    this.context = sinkContext;
    this.answers = new OfframpAnswers(sinkContext, new DroppedReplies(artefact.url(), metrics));
    if (settings.session() == SessionMode.SHARED) {
      sinkContext.circuitBroken(); // not connected yet: sources wait for the restore on connect
      session(SessionKey.shared(settings.url().text()), settings.url(), null).connectSoon();
    }
    LOG.debug(
        "{} started for {} ({} sessions)",
        artefact.url(),
        settings.url(),
        settings.session().configName());
  }

  @Override
  public void onEvent(Event event) {
    OfframpAnswers out = answers;
    if (out == null) {
      throw new IllegalStateException(artefact.url() + " received an event before start");
    }
    if (event.batch()) {
      onBatch(event, out);
      return;
    }
    String urlText = settings.url().text();
    if (event.metaField("url") instanceof Value.Str override) {
      urlText = override.value();
    }
    if (stopped) {
      out.error(event, OfframpFailure.sending(urlText, Failures.CLOSED_CONNECTION));
      return;
    }
    boolean perClient = settings.session() == SessionMode.PER_CLIENT;
    SessionKey key =
        perClient
            ? SessionKey.perClient(event.id().source(), event.stream(), urlText)
            : SessionKey.shared(urlText);
    UpstreamSession session = sessions.get(key);
    if (session == null) {
      // only a client without a session can be one that ended (its sessions are removed when it
      // ends, and one closed meanwhile answers the event itself): the common event skips the check
      if (perClient && endedStreams.contains(event.id().source(), event.stream())) {
        out.error(event, OfframpFailure.sending(urlText, Failures.CLOSED_CONNECTION));
        return;
      }
      WsUrl url;
      if (urlText.equals(settings.url().text())) {
        url = settings.url();
      } else {
        try {
          url = WsUrl.parse(urlText);
        } catch (IllegalArgumentException e) {
          out.error(event, OfframpFailure.sending(urlText, e.getMessage()));
          return;
        }
      }
      session = session(key, url, event);
      if (perClient && endedStreams.contains(key.source(), key.stream())) {
        // the stream ended while the session was being created: undo it
        if (sessions.remove(key, session)) {
          session.close();
        }
      }
    }
    session.submit(event);
  }

  /**
   * A {@code generic::batch} event, as Tremor's ws offramp: each entry is sent on its own (with its
   * own meta), unless the offramp is linked, which rejects batches.
   */
  private void onBatch(Event batch, OfframpAnswers out) {
    if (artefact.linked()) {
      out.error(
          batch,
          new OfframpFailure.NotSent(
              "Batched events are not supported for linked websocket offramps"));
      return;
    }
    for (Event entry : batch.elements()) {
      onEvent(entry);
    }
  }

  /**
   * Why this offramp cannot be the end of a fused pass-through ({@link WsOnramp#fuse}), or null
   * when it can: per-client sessions, no correlation_field, no compression.
   */
  String fusable() {
    if (settings.session() != SessionMode.PER_CLIENT) {
      return "the offramp's sessions are not per_client";
    }
    if (settings.correlation() != null) {
      return "the offramp matches replies by correlation_field";
    }
    if (settings.compression() != null) {
      return "the offramp offers compression";
    }
    return null;
  }

  /**
   * The per-client session of a fused pass-through's client (made on the caller's loop, the
   * client's, with the client's first message as its handshake's meta), or null when the offramp
   * has not started or stopped, or the client's stream ended.
   */
  UpstreamSession fusedSession(long source, ClientConnection client) {
    if (answers == null || stopped) {
      return null;
    }
    String urlText = settings.url().text();
    SessionKey key = SessionKey.perClient(source, client.stream(), urlText);
    UpstreamSession session = sessions.get(key);
    if (session != null) {
      return session;
    }
    if (endedStreams.contains(source, client.stream())) {
      return null;
    }
    Event first =
        new Event(
            new EventId(source, 0, 0),
            0,
            Value.NULL,
            client.meta(false),
            client.stream(),
            Transit.NONE);
    session = session(key, settings.url(), first);
    if (endedStreams.contains(source, client.stream())) {
      if (sessions.remove(key, session)) {
        session.close();
      }
      return null;
    }
    return session;
  }

  private UpstreamSession session(SessionKey key, WsUrl url, Event first) {
    boolean perClient = settings.session() == SessionMode.PER_CLIENT;
    return sessions.computeIfAbsent(
        key,
        k -> {
          EventLoop loop = perClient ? EventLoops.callerLoopOrNext() : EventLoops.group().next();
          UpstreamHandshake handshake = UpstreamHandshake.of(settings, first, perClient);
          return new UpstreamSession(
              k,
              url,
              settings,
              loop,
              answers,
              context,
              metrics,
              session -> new UpstreamDialer(session, url, settings, loop, tls, handshake, metrics));
        });
  }

  /**
   * Acks go out on send (see {@link OfframpAnswers#sent}), not when the runtime handed the event
   * over.
   */
  @Override
  public boolean autoAck() {
    return false;
  }

  /** The offramp's counters (connections, reconnects, timeouts, keepalive, closes by code). */
  public WsMetrics.Snapshot metrics() {
    return metrics.snapshot();
  }

  @Override
  public void onSignal(Signal signal) {
    if (signal instanceof Signal.StreamEnded ended
        && settings.session() == SessionMode.PER_CLIENT) {
      endedStreams.add(ended.source(), ended.stream());
      for (UpstreamSession session : List.copyOf(sessions.values())) {
        if (session.key().belongsTo(ended.source(), ended.stream())
            && sessions.remove(session.key(), session)) {
          session.close();
        }
      }
    }
  }

  @Override
  public void reportMetrics(MetricsReport report) {
    metrics.report(report, WsMetrics.Side.OFFRAMP);
    report.gauge(
        "quiver_ws_upstream_sessions",
        "Upstream sessions of a websocket offramp now (per client, or per url when shared)",
        sessionCount());
    report.gauge(
        "quiver_ws_upstream_sessions_not_reading",
        "Upstream sessions not reading their upstream now because their client's reply queue is"
            + " full",
        sessionsNotReading());
  }

  /** How many upstream sessions exist right now (per client and url, or per url when shared). */
  public int sessionCount() {
    return sessions.size();
  }

  /**
   * How many upstream sessions are not reading their upstream right now because their client's
   * reply queue is full (see {@code send_queue_max_bytes}).
   */
  public int sessionsNotReading() {
    return (int) sessions.values().stream().filter(UpstreamSession::readsPaused).count();
  }

  /**
   * Whether every event handed over has been answered: asks each session on its own loop (waiting
   * at most a second for a busy one, which then counts as not drained).
   */
  @Override
  public boolean drained() {
    List<Future<Integer>> counts = new ArrayList<>();
    for (UpstreamSession session : List.copyOf(sessions.values())) {
      counts.add(session.unanswered());
    }
    for (Future<Integer> count : counts) {
      if (!count.awaitUninterruptibly(STOP_WAIT_MS) || !count.isSuccess() || count.getNow() > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Closes every session at once (the runtime drained before): events still waiting get {@code
   * Error sending event to server <url>: shutting down: the event was not sent within the drain
   * timeout}, requests without their reply {@code Error receiving reply from server <url>: shutting
   * down: no reply within the drain timeout}, before this returns.
   */
  @Override
  public void stop() {
    stopped = true;
    List<Future<Void>> closing = new ArrayList<>();
    for (UpstreamSession session : List.copyOf(sessions.values())) {
      sessions.remove(session.key(), session);
      session.stop();
      closing.add(session.closed());
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
    for (Future<Void> f : closing) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0 || !f.awaitUninterruptibly(left)) {
        LOG.debug(
            "{}: upstream connections still closing after {} ms", artefact.url(), STOP_WAIT_MS);
        break;
      }
    }
  }
}
