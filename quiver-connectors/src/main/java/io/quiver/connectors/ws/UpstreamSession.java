package io.quiver.connectors.ws;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.quiver.connectors.net.ClientTlsContext;
import io.quiver.connectors.net.EventLoops;
import io.quiver.connectors.net.OrderedLoopInlet;
import io.quiver.spi.CodecException;
import io.quiver.spi.Decoded;
import io.quiver.spi.Deserializer;
import io.quiver.spi.EpochClock;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Utf8;
import io.quiver.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream websocket session of the offramp: a connection (re-opened as needed), the events
 * waiting for it, and the requests waiting for their reply, first in first out (or by the id named
 * by correlation_field).
 *
 * <p>Every method runs on the session's own event loop, which is also the loop of its channel, so
 * the state needs no locks. The central promise: every submitted event gets exactly one answer, a
 * reply or an error, within the connect timeout plus the reply timeout.
 */
final class UpstreamSession {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamSession.class);
  static final String CLOSED_BEFORE_REPLY = "the session was closed before the reply arrived";

  /** The {@code $ws.close} request put on errors when close_client_on_upstream_loss is set. */
  static final Value CLIENT_CLOSE =
      Value.obj("code", Value.of(1014), "reason", Value.of("upstream connection lost"));

  private static final WriteBufferWaterMark REQUEST_BUFFER =
      new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  private enum State {
    /** No connection and no attempt under way (before the first event, or after a loss). */
    IDLE,
    CONNECTING,
    OPEN,
    /** Closed for good (client stream ended or offramp stopped). */
    CLOSED
  }

  /**
   * A request sent upstream that waits for its reply until {@code deadlineNs} ({@link
   * System#nanoTime()}; unused without a reply timeout). All requests of a session have the same
   * timeout, so the deadlines of {@code outstanding} never decrease from head to tail.
   */
  private static final class PendingReply { // identity equality: removed by reference
    private final Event request;
    private final long deadlineNs;

    PendingReply(Event request, long deadlineNs) {
      this.request = request;
      this.deadlineNs = deadlineNs;
    }

    Event request() {
      return request;
    }

    long deadlineNs() {
      return deadlineNs;
    }
  }

  private final SessionKey key;
  private final WsUrl url;
  private final WsOfframpSettings settings;
  private final EventLoop loop;
  private final OfframpAnswers answers;
  private final Serializer serializer;
  private final Deserializer deserializer;
  private final Backoff backoff;
  private final Promise<Void> closed;
  private final ClientTlsContext tls;
  private final UpstreamHandshake handshake;
  private final WsMetrics metrics;

  /** Events not sent yet: waiting for the connection, or for room under max_in_flight. */
  private final ArrayDeque<Event> waiting = new ArrayDeque<>();

  /**
   * The origins (source streams) held back because this session was full, each with the event that
   * made it so: released together once half the room is free again. Held from any thread.
   */
  private final Map<Origin, Hold> held = new ConcurrentHashMap<>();

  private final PendingReplies<PendingReply> outstanding = new PendingReplies<>();

  /** Events from any thread, accepted on the session's loop in order. */
  private final OrderedLoopInlet<Event> submissions;

  /** Stops reading the upstream while the client's reply queue is full (per-client sessions). */
  private final UpstreamReads reads;

  private State state = State.IDLE;
  private Channel channel;

  /** Where the open channel's request frames collect until the end of the loop turn. */
  private OutboundFrames outbound;

  private Integer closeCode;
  private String failure;
  private Event lastRequest;
  private long nextAttemptAt;
  private int unconfirmedWrites;
  private ScheduledFuture<?> reconnectTimer;
  private ScheduledFuture<?> connectDeadline;

  /** The one reply-timeout check of the session: armed for the oldest outstanding request. */
  private ScheduledFuture<?> replyTimer;

  private long attempts;

  UpstreamSession(
      SessionKey key,
      WsUrl url,
      WsOfframpSettings settings,
      EventLoop loop,
      OfframpAnswers answers,
      SinkContext context,
      ClientTlsContext tls,
      UpstreamHandshake handshake,
      WsMetrics metrics) {
    this.key = key;
    this.url = url;
    this.settings = settings;
    this.loop = loop;
    this.submissions = new OrderedLoopInlet<>(loop, this::acceptContained);
    this.answers = answers;
    this.serializer = context.newSerializer();
    this.deserializer = context.newDeserializer();
    this.backoff = new Backoff(settings.reconnect());
    this.tls = tls;
    this.handshake = handshake;
    this.metrics = metrics;
    this.closed = loop.newPromise();
    this.nextAttemptAt = System.nanoTime();
    this.reads = new UpstreamReads(key, loop, metrics);
  }

  SessionKey key() {
    return key;
  }

  WsMetrics metrics() {
    return metrics;
  }

  /** Whether the session stopped reading its upstream because its client's reply queue is full. */
  boolean readsPaused() {
    return reads.paused();
  }

  /** Completes when the session is closed and its channel is gone. */
  Future<Void> closed() {
    return closed;
  }

  // ---- entry points from other threads ----

  /**
   * Hands an event to the session; never blocks. On the session's own loop, with no earlier
   * submission still queued, the event is accepted inline (no task, no wake-up); otherwise it is
   * queued behind the earlier ones, so events are accepted in the order they were submitted.
   */
  void submit(Event event) {
    if (submissions.queued() >= settings.maxInFlight()) {
      // a sender on another thread (a blaster, say) that outruns this loop: hold it back here,
      // before its events pile up in the loop's task queue
      hold(event);
    }
    submissions.offer(event);
  }

  /** Opens the connection in the background if nothing is under way (shared mode at start). */
  void connectSoon() {
    loop.execute(
        () -> {
          if (state == State.IDLE) {
            connect();
          }
        });
  }

  /**
   * Closes the session for good: a close frame goes upstream.
   *
   * @param answerPending whether waiting events get error events (false at shutdown)
   */
  void close(boolean answerPending) {
    loop.execute(() -> shutdown(answerPending));
  }

  /**
   * Shutdown, after the drain: closes the session for good; events still waiting and requests still
   * without their reply get the shutdown errors ({@link Failures#SHUTDOWN_NOT_SENT}, {@link
   * Failures#SHUTDOWN_NO_REPLY}).
   */
  void stop() {
    loop.execute(() -> shutdown(true, Failures.SHUTDOWN_NOT_SENT, Failures.SHUTDOWN_NO_REPLY));
  }

  /**
   * How many events the session holds unanswered (queued for its loop, waiting, or sent and waiting
   * for their reply or write): the shutdown drain waits for none.
   */
  Future<Integer> unanswered() {
    return loop.submit(() -> submissions.queued() + inFlight());
  }

  // ---- on the loop ----

  /** {@link #accept}; anything it throws fails only this event, which is answered with an error. */
  private void acceptContained(Event event) {
    try {
      accept(event);
    } catch (Throwable t) {
      ErrorLogGate.error(
          LOG, "accept", url + ": internal error taking event " + event.id() + ": " + t, t);
      answers.error(event, sendError("internal error: " + t));
    }
  }

  private void accept(Event event) {
    if (state == State.CLOSED) {
      answers.error(event, sendError(Failures.CLOSED_CONNECTION));
      return;
    }
    int inFlight = inFlight();
    // a held-back sender still delivers what it sent before the hold reached it (the rest of one
    // read, its pipeline's queue), all of which waits here; a sender that cannot be held back (not
    // a stream with flow control) gets errors beyond twice max_in_flight
    if (inFlight >= settings.maxInFlight()
        && !hold(event)
        && inFlight >= 2 * settings.maxInFlight()) {
      answers.error(
          event,
          sendError(
              "too many events in flight (max_in_flight is "
                  + settings.maxInFlight()
                  + " and the sender could not be held back); the event was not sent"));
      return;
    }
    switch (state) {
      case OPEN -> {
        if (waiting.isEmpty() && sentUnanswered() < settings.maxInFlight()) {
          send(event);
        } else {
          waiting.add(event);
        }
      }
      case CONNECTING -> waiting.add(event);
      case IDLE -> {
        if (System.nanoTime() - nextAttemptAt >= 0) {
          waiting.add(event);
          connect();
        } else {
          answers.error(event, sendError(Failures.CLOSED_CONNECTION));
        }
      }
      case CLOSED -> answers.error(event, sendError(Failures.CLOSED_CONNECTION));
    }
  }

  private int inFlight() {
    return waiting.size() + sentUnanswered();
  }

  /** Requests sent and not answered yet (linked), or writes not confirmed yet (not linked). */
  private int sentUnanswered() {
    return answers.linked() ? outstanding.size() : unconfirmedWrites;
  }

  /** The source stream of {@code event}. */
  private record Origin(long source, long stream) {}

  /** A hold on an origin: the event that caused it, and whether the origin slows down. */
  private static final class Hold {
    final Event event;

    /** Until the runtime has answered, the hold counts as working. */
    volatile boolean effective = true;

    Hold(Event event) {
      this.event = event;
    }
  }

  /**
   * Holds back the sender of {@code event} (once per sender) until {@link #pump} lets it go. Any
   * thread.
   *
   * @return whether the sender slows down (an origin that cannot be held has to be refused)
   */
  private boolean hold(Event event) {
    Origin origin = new Origin(event.id().source(), event.stream());
    Hold existing = held.get(origin); // the common case while a sender is held: no new Hold
    if (existing == null) {
      Hold fresh = new Hold(event);
      existing = held.putIfAbsent(origin, fresh);
      if (existing == null) {
        metrics.senderHeld();
        fresh.effective = answers.holdOrigin(event);
        return fresh.effective;
      }
    }
    return existing.effective;
  }

  private void releaseHolds() {
    if (held.isEmpty()) {
      return;
    }
    // each removed before its release: a released sender may send again at once, and must be
    // held again when the session is full
    for (Origin origin : List.copyOf(held.keySet())) {
      Hold hold = held.remove(origin);
      if (hold != null) {
        answers.releaseOrigin(hold.event);
      }
    }
  }

  /**
   * Sends waiting events while the connection is open and there is room under max_in_flight, then
   * lets held-back senders go once at most half of max_in_flight is in flight: called whenever a
   * request was answered or the connection came or went.
   */
  private void pump() {
    Event event;
    while (state == State.OPEN
        && sentUnanswered() < settings.maxInFlight()
        && (event = waiting.poll()) != null) {
      send(event);
    }
    if (inFlight() + submissions.queued() <= settings.maxInFlight() / 2) {
      releaseHolds();
    }
  }

  private void send(Event event) {
    boolean binary =
        event.metaField("binary") instanceof Value.Bool b ? b.value() : settings.binary();
    List<byte[]> chunks;
    try {
      chunks = serializer.serialize(event.data(), event.ingestNs());
    } catch (CodecException | ProcessorException e) {
      answers.error(event, "Error during serialization (codec/postprocessors): " + e.getMessage());
      return;
    } catch (RuntimeException | Error e) {
      ErrorLogGate.error(
          LOG, "serialize", url + ": internal error serializing event " + event.id() + ": " + e, e);
      answers.error(
          event, "Error during serialization (codec/postprocessors): internal error: " + e);
      return;
    }
    if (!binary) {
      for (byte[] chunk : chunks) {
        if (!Utf8.isValid(chunk)) {
          answers.error(event, "Invalid websocket message: Invalid utf8 data for text message");
          return;
        }
      }
    }
    if (chunks.isEmpty()) {
      LOG.debug("{}: event {} encoded to nothing; nothing sent", url, event.id());
      return;
    }
    Value correlationId = null;
    if (settings.correlation() != null && answers.linked()) {
      correlationId = settings.correlation().idOf(event.data());
      String problem = correlationProblem(correlationId);
      if (problem != null) {
        answers.error(event, sendError(problem));
        return;
      }
    }
    lastRequest = event;
    PendingReply pending = answers.linked() ? expectReply(event, correlationId) : null;
    if (pending == null) {
      unconfirmedWrites++;
    }
    OutboundFrames frames = outbound;
    int opcode = binary ? DataFrames.BINARY : DataFrames.TEXT;
    if (pending != null && !event.transactional()) {
      // linked and nobody waits for an ack: the reply (or the error when the channel dies, see
      // onInactive) is the answer, so nothing to be told about the write
      for (byte[] chunk : chunks) {
        frames.append(opcode, chunk, true);
      }
      return;
    }
    for (int i = 0; i < chunks.size(); i++) {
      boolean last = i == chunks.size() - 1;
      frames.append(
          opcode, chunks.get(i), true, last ? done -> written(event, pending, done) : null);
    }
  }

  /** Why an event cannot be sent under correlation_field, or null when its id is fine. */
  private String correlationProblem(Value id) {
    String field = settings.correlation().path();
    if (id == null) {
      return "the event has no correlation field `"
          + field
          + "` (correlation_field); it was not sent";
    }
    if (outstanding.waitingFor(id)) {
      return "an event with the same "
          + field
          + " ("
          + Json.write(id)
          + ") is still waiting for its reply;"
          + " it was not sent";
    }
    return null;
  }

  private PendingReply expectReply(Event event, Value correlationId) {
    long timeoutMs = settings.replyTimeoutMs();
    PendingReply pending =
        new PendingReply(
            event,
            timeoutMs > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) : 0);
    if (correlationId == null) {
      outstanding.add(pending);
    } else {
      outstanding.add(pending, correlationId);
    }
    armReplyTimer();
    return pending;
  }

  /**
   * Arms the session's single reply-timeout check for the oldest outstanding request, unless one is
   * armed already (it re-arms itself for the then oldest request when it fires): one timer per
   * session instead of one scheduled task per request.
   */
  private void armReplyTimer() {
    PendingReply oldest;
    if (replyTimer != null
        || settings.replyTimeoutMs() <= 0
        || (oldest = outstanding.peek()) == null) {
      return;
    }
    long delay = Math.max(0, oldest.deadlineNs() - System.nanoTime());
    replyTimer = loop.schedule(this::expireReplies, delay, TimeUnit.NANOSECONDS);
  }

  /** Answers every outstanding request whose deadline has passed with a timeout error. */
  private void expireReplies() {
    replyTimer = null;
    if (reads.paused()) {
      // the replies may be waiting unread in the socket: no timeout while the client's full reply
      // queue keeps us from reading (its slow_reader_timeout_ms bounds how long)
      replyTimer =
          loop.schedule(this::expireReplies, settings.replyTimeoutMs(), TimeUnit.MILLISECONDS);
      return;
    }
    long now = System.nanoTime();
    PendingReply oldest;
    boolean expired = false;
    while ((oldest = outstanding.peek()) != null && oldest.deadlineNs() - now <= 0) {
      outstanding.poll();
      expired = true;
      metrics.replyTimedOut();
      answers.error(
          oldest.request(), receiveError("no reply within " + settings.replyTimeoutMs() + " ms"));
    }
    if (expired && state == State.OPEN && channel != null && settings.correlation() == null) {
      retireAfterTimeout();
      return;
    }
    if (expired) {
      pump();
    }
    armReplyTimer();
  }

  /**
   * After a reply timeout, replies on the connection can no longer be matched first in first out: a
   * late reply would be taken for the next request's. So the connection is retired (as an HTTP
   * client drops a pipelined connection on a read timeout): closed at once, its replies ignored,
   * its other unanswered requests answered with an error, and a new connection opened for the
   * events still waiting (or by the next event). The client stays connected.
   */
  private void retireAfterTimeout() {
    Channel old = channel;
    channel = null;
    outbound = null;
    state = State.IDLE;
    LOG.debug("{}: closing the connection after a reply timeout", url);
    old.close();
    String message =
        receiveError(
            "the connection was closed after an earlier request got no reply within "
                + settings.replyTimeoutMs()
                + " ms (later replies could no longer be matched to their requests)");
    PendingReply pending;
    while ((pending = outstanding.poll()) != null) {
      answers.error(pending.request(), message);
    }
    nextAttemptAt = System.nanoTime();
    if (!waiting.isEmpty()) {
      connect();
    }
    pump();
  }

  private void written(Event event, PendingReply pending, Future<?> done) {
    if (done.isSuccess()) {
      answers.sent(event);
    }
    if (pending == null) {
      unconfirmedWrites--;
      if (!done.isSuccess()) {
        answers.error(
            event, sendError(Failures.describe(done.cause(), settings.connectTimeoutMs())));
      }
      pump();
      return;
    }
    if (!done.isSuccess() && outstanding.remove(pending)) {
      answers.error(event, sendError(Failures.describe(done.cause(), settings.connectTimeoutMs())));
    }
  }

  private void connect() {
    if (attempts++ > 0) {
      metrics.reconnect();
    }
    state = State.CONNECTING;
    closeCode = null;
    failure = null;
    cancel(reconnectTimer);
    reconnectTimer = null;
    ChannelFuture connecting;
    try {
      SslContext sslContext = url.tls() ? tls.context() : null;
      connecting =
          new Bootstrap()
              .group(loop)
              .channel(EventLoops.clientChannel())
              .option(
                  ChannelOption.CONNECT_TIMEOUT_MILLIS,
                  (int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMs()))
              .option(ChannelOption.TCP_NODELAY, true)
              .option(ChannelOption.WRITE_BUFFER_WATER_MARK, REQUEST_BUFFER)
              .handler(
                  new UpstreamChannelInitializer(
                      this, url, settings, sslContext, tls.settings().domain(), handshake, metrics))
              .connect(url.host(), url.port());
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
              if (state == State.CONNECTING && channel == ch) {
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

  private void connectFailed(Channel ch, String cause) {
    if (state != State.CONNECTING || ch != channel) {
      return;
    }
    LOG.debug("{}: cannot connect: {}", url, cause);
    metrics.connectFailed();
    state = State.IDLE;
    channel = null;
    cancel(connectDeadline);
    if (ch != null) {
      ch.close();
    }
    reportCircuit(false);
    Event event;
    while ((event = waiting.poll()) != null) {
      answers.error(event, sendError(cause), closesClient() ? CLIENT_CLOSE : null);
    }
    releaseHolds();
    scheduleReconnect();
  }

  void onHandshakeComplete(Channel ch) {
    if (state != State.CONNECTING || ch != channel) {
      return;
    }
    LOG.debug("{}: connected ({})", url, ch.localAddress());
    state = State.OPEN;
    outbound = OutboundFrames.of(ch);
    metrics.connectionOpened();
    ch.closeFuture().addListener(f -> metrics.connectionClosed());
    cancel(connectDeadline);
    backoff.reset();
    reportCircuit(true);
    reads.attach(ch);
    pump();
  }

  /** A failure of the channel whose text should explain what happens next. */
  void onFailure(Channel ch, String cause) {
    if (ch != channel) {
      return;
    }
    if (failure == null) {
      failure = cause;
    }
    if (state == State.CONNECTING) {
      connectFailed(ch, cause);
    }
  }

  void onCloseFrame(Channel ch, int code) {
    if (ch == channel && closeCode == null) {
      closeCode = code;
      metrics.closeCode(code);
    }
  }

  void onInactive(Channel ch) {
    if (ch != channel) {
      return;
    }
    if (state == State.CONNECTING) {
      connectFailed(
          ch, failure != null ? failure : "connection closed during the websocket handshake");
      return;
    }
    channel = null;
    if (state != State.OPEN) {
      return;
    }
    state = State.IDLE;
    String cause =
        failure != null
            ? failure
            : closeCode != null
                ? "Connection closed by server (code " + closeCode + ")"
                : Failures.RESET;
    LOG.debug("{}: connection lost: {}", url, cause);
    reportCircuit(false);
    if (outstanding.isEmpty() && lastRequest != null && closesClient()) {
      // nothing waits, but the client must learn that its upstream is gone
      answers.error(lastRequest, receiveError(cause), CLIENT_CLOSE);
    }
    failOutstanding(receiveError(cause));
    Event event;
    while ((event = waiting.poll()) != null) { // queued for room on the lost connection
      answers.error(event, sendError(cause), closesClient() ? CLIENT_CLOSE : null);
    }
    releaseHolds();
    scheduleReconnect();
  }

  void onMessage(Channel ch, byte[] data, boolean binary) {
    if (ch != channel) {
      return;
    }
    if (!answers.linked()) {
      LOG.debug(
          "{}: ignoring an upstream message of {} bytes (offramp not linked)", url, data.length);
      return;
    }
    if (settings.correlation() != null) {
      replyById(data, binary);
      pump();
      return;
    }
    PendingReply pending = outstanding.poll();
    Event request;
    if (pending != null) {
      request = pending.request();
    } else if (lastRequest != null && !key.isShared()) {
      request = lastRequest; // per_client: the one client this connection serves (a push, say)
    } else {
      // shared: the last requester may be any client; nobody else may get this
      answers.dropReply(
          url, lastRequest == null ? "it came before any request" : "no request was waiting");
      return;
    }
    List<Decoded> decoded = new ArrayList<>(1);
    deserializer.deserialize(data, request.ingestNs(), true, decoded);
    boolean failedOnce = false;
    for (Decoded d : decoded) {
      switch (d) {
        case Decoded.Ok ok -> answers.reply(request, ok.value(), binary);
        case Decoded.Failed failed -> {
          if (!failedOnce) {
            failedOnce = true;
            answers.error(
                request,
                "Error deserializing Response message (codec/preprocessors): " + failed.message());
          }
        }
      }
    }
    pump();
  }

  /**
   * correlation_field: each reply decoded from {@code data} goes to the waiting request with the
   * same id, whatever their order; a reply matching none is dropped and counted.
   */
  private void replyById(byte[] data, boolean binary) {
    List<Decoded> decoded = new ArrayList<>(1);
    deserializer.deserialize(data, EpochClock.nowNs(), true, decoded);
    String field = settings.correlation().path();
    for (Decoded d : decoded) {
      switch (d) {
        case Decoded.Ok ok -> {
          Value id = settings.correlation().idOf(ok.value());
          PendingReply pending = id == null ? null : outstanding.take(id);
          if (pending != null) {
            answers.reply(pending.request(), ok.value(), binary);
          } else if (id == null) {
            answers.dropReply(url, "it has no correlation field `" + field + "`");
          } else {
            answers.dropReply(
                url, "no request with " + field + " " + Json.write(id) + " was waiting");
          }
        }
        case Decoded.Failed failed ->
            answers.dropReply(
                url, "it could not be decoded to find its " + field + ": " + failed.message());
      }
    }
  }

  private void scheduleReconnect() {
    if (state == State.CLOSED) {
      return;
    }
    long delay = backoff.next();
    if (backoff.exhausted()) {
      LOG.warn(
          "{}: giving up background reconnects after {} failed attempts (reconnect.max_retries);"
              + " the next event tries again",
          url,
          settings.reconnect().maxRetries());
      nextAttemptAt = System.nanoTime();
      return;
    }
    nextAttemptAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
    cancel(reconnectTimer);
    reconnectTimer =
        loop.schedule(
            () -> {
              reconnectTimer = null;
              if (state == State.IDLE) {
                connect();
              }
            },
            delay,
            TimeUnit.MILLISECONDS);
  }

  private void shutdown(boolean answerPending) {
    shutdown(answerPending, Failures.CLOSED_CONNECTION, CLOSED_BEFORE_REPLY);
  }

  private void shutdown(boolean answerPending, String notSent, String noReply) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    cancel(reconnectTimer);
    cancel(connectDeadline);
    Event event;
    while ((event = waiting.poll()) != null) {
      if (answerPending) {
        answers.error(event, sendError(notSent));
      }
    }
    PendingReply pending;
    while ((pending = outstanding.poll()) != null) {
      if (answerPending) {
        answers.error(pending.request(), receiveError(noReply));
      }
    }
    cancel(replyTimer);
    replyTimer = null;
    releaseHolds();
    reads.close();
    Channel ch = channel;
    channel = null;
    if (ch == null) {
      closed.trySuccess(null);
    } else {
      ch.close().addListener(f -> closed.trySuccess(null));
    }
  }

  private void failOutstanding(String message) {
    PendingReply pending;
    while ((pending = outstanding.poll()) != null) {
      answers.error(pending.request(), message, closesClient() ? CLIENT_CLOSE : null);
    }
  }

  /**
   * Whether errors caused by losing this session's upstream also close the client (per-client
   * only).
   */
  private boolean closesClient() {
    return settings.closeClientOnUpstreamLoss() && !key.isShared();
  }

  /**
   * The circuit breaker of Tremor's ws offramp: the shared session of the configured url reports
   * its connection going down and up (not {@code $url} overrides, not per-client sessions).
   */
  private void reportCircuit(boolean up) {
    if (key.isShared() && url.text().equals(settings.url().text())) {
      if (up) {
        answers.upstreamUp();
      } else {
        answers.upstreamDown();
      }
    }
  }

  private String sendError(String cause) {
    return "Error sending event to server " + url + ": " + cause;
  }

  private String receiveError(String cause) {
    return "Error receiving reply from server " + url + ": " + cause;
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
