package io.quiver.connectors.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.quiver.connectors.net.OrderedLoopInlet;
import io.quiver.spi.PassThrough;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Utf8;
import io.quiver.value.Value;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream websocket session of the offramp: takes the events handed to it and routes what
 * happens to the parts that each do one job: the {@link UpstreamConnection} (the {@link
 * SessionState}, connect and reconnect, the circuit), the {@link WaitingEvents} (not sent yet;
 * max_in_flight and held senders), the {@link RequestSender}, the {@link ReplyQueue} (requests
 * waiting for their reply, the reply timer) and the {@link ReplyDecoder}. The session decides what
 * a change of the connection means for the events it holds.
 *
 * <p>Every method runs on the session's own event loop, which is also the loop of its channel, so
 * the state needs no locks. The central promise: every submitted event gets exactly one answer, a
 * reply or an error, within the connect timeout plus the reply timeout.
 */
final class UpstreamSession implements UpstreamConnection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamSession.class);
  static final String CLOSED_BEFORE_REPLY = "the session was closed before the reply arrived";

  /** The {@code $ws.close} request put on errors when close_client_on_upstream_loss is set. */
  static final Value CLIENT_CLOSE =
      Value.obj("code", Value.of(1014), "reason", Value.of("upstream connection lost"));

  private final SessionKey key;
  private final WsUrl url;
  private final WsOfframpSettings settings;
  private final EventLoop loop;
  private final OfframpAnswers answers;
  private final WsMetrics metrics;

  /** Events not sent yet: waiting for the connection, or for room under max_in_flight. */
  private final WaitingEvents waiting;

  /** Events from any thread, accepted on the session's loop in order. */
  private final OrderedLoopInlet<Event> submissions;

  /** Stops reading the upstream while the client's reply queue is full (per-client sessions). */
  private final UpstreamReads reads;

  private final UpstreamConnection connection;
  private final ReplyQueue replies;
  private final RequestSender sender;
  private final ReplyDecoder decoder;

  /** The client of a fused pass-through (per-client sessions), null until its first request. */
  private ClientConnection fusedClient;

  private PassThrough fusedRoute;

  /** The fused route's codec is {@code string}: binary replies must be UTF-8 too. */
  private boolean fusedTextOnly;

  /**
   * @param dialing the dialer of the session's connections, made for this session (tests open their
   *     own channels)
   */
  UpstreamSession(
      SessionKey key,
      WsUrl url,
      WsOfframpSettings settings,
      EventLoop loop,
      OfframpAnswers answers,
      SinkContext context,
      WsMetrics metrics,
      Function<UpstreamSession, UpstreamConnection.Dialer> dialing) {
    this.key = key;
    this.url = url;
    this.settings = settings;
    this.loop = loop;
    this.answers = answers;
    this.metrics = metrics;
    this.submissions = new OrderedLoopInlet<>(loop, this::acceptContained);
    this.waiting = new WaitingEvents(answers, metrics, settings.maxInFlight());
    this.reads = new UpstreamReads(key, loop, metrics);
    boolean reportsCircuit = key.isShared() && url.text().equals(settings.url().text());
    this.connection =
        new UpstreamConnection(
            url, settings, loop, dialing.apply(this), this, answers, metrics, reportsCircuit);
    this.replies =
        new ReplyQueue(url, settings, loop, answers, metrics, reads::paused, this::repliesExpired);
    this.sender =
        new RequestSender(url, settings, context.newSerializer(), answers, replies, this::pump);
    this.decoder =
        new ReplyDecoder(url, key.isShared(), context.newDeserializer(), answers, replies);
  }

  SessionKey key() {
    return key;
  }

  /** Whether the session stopped reading its upstream because its client's reply queue is full. */
  boolean readsPaused() {
    return reads.paused();
  }

  /** Completes when the session is closed and its channel is gone. */
  Future<Void> closed() {
    return connection.closed();
  }

  /** The session's state; on its loop. */
  SessionState state() {
    return connection.state();
  }

  /** The connection, to which the channel's lifecycle handlers report. */
  UpstreamConnection connection() {
    return connection;
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
      waiting.holdSender(event);
    }
    submissions.offer(event);
  }

  /** Opens the connection in the background if nothing is under way (shared mode at start). */
  void connectSoon() {
    loop.execute(
        () -> {
          if (connection.state() == SessionState.IDLE) {
            connection.connect();
          }
        });
  }

  /**
   * Closes the session for good (its client's stream ended): a close frame goes upstream; events
   * still waiting and requests still without their reply get errors.
   */
  void close() {
    loop.execute(() -> shutdown(Failures.CLOSED_CONNECTION, CLOSED_BEFORE_REPLY));
  }

  /**
   * Shutdown, after the drain: closes the session for good; events still waiting and requests still
   * without their reply get the shutdown errors ({@link Failures#SHUTDOWN_NOT_SENT}, {@link
   * Failures#SHUTDOWN_NO_REPLY}).
   */
  void stop() {
    loop.execute(() -> shutdown(Failures.SHUTDOWN_NOT_SENT, Failures.SHUTDOWN_NO_REPLY));
  }

  /**
   * How many events the session holds unanswered (queued for its loop, waiting, or sent and waiting
   * for their reply or write): the shutdown drain waits for none.
   */
  Future<Integer> unanswered() {
    return loop.submit(() -> submissions.queued() + inFlight());
  }

  // ---- a fused pass-through (FusedForwarder), on the loop ----

  /** The loop the session lives on. */
  EventLoop loop() {
    return loop;
  }

  /**
   * A fused pass-through's request from {@code client} (on the session's loop): {@code length}
   * bytes of {@code payload} (a reused array, copied here) go out as one frame at once when the
   * connection is open and has room with nothing waiting ahead; otherwise the request becomes an
   * event ({@code asEvent}) and takes the usual way through the session (connect, wait, errors).
   */
  void acceptFused(
      ClientConnection client,
      PassThrough route,
      int opcode,
      byte[] payload,
      int length,
      long number,
      long ingestNs) {
    fusedClient = client;
    if (fusedRoute != route) {
      fusedRoute = route;
      fusedTextOnly = "string".equals(route.codec());
    }
    if (connection.state() == SessionState.OPEN
        && submissions.queued() == 0
        && waiting.isEmpty()
        && replies.sentUnanswered() < settings.maxInFlight()
        && replies.correlation() == null
        && answers.linked()) {
      replies.sentFused(route.onrampUid(), number, client.stream(), ingestNs);
      connection.outbound().append(opcode, payload, length, true);
      return;
    }
    Event event = client.fusedEvent(route, opcode, payload, length, number, ingestNs);
    if (submissions.queued() > 0) {
      submit(event);
    } else {
      acceptContained(event);
    }
  }

  /**
   * A whole upstream frame of {@code ch} at {@code in}'s reader index: written straight to the
   * fused client when it answers the oldest request and that was a fused one; false (nothing
   * consumed) sends it the usual way.
   */
  boolean replyFused(Channel ch, ByteBuf in, FrameHeader header) {
    ClientConnection client = fusedClient;
    ReplyQueue.Pending oldest;
    if (client == null
        || ch != connection.channel()
        || header.masked()
        || replies.correlation() != null
        || (oldest = replies.peek()) == null
        || !oldest.fused()) {
      return false;
    }
    int length = (int) header.payloadLength();
    byte[] payload = FusedScratch.of(length);
    FramePayloads.readInto(in, header, payload);
    boolean binary = header.opcode() == FrameHeader.BINARY;
    if ((!binary || fusedTextOnly) && Utf8.findError(payload, 0, length) != null) {
      return false; // the usual way: a text frame closes the connection, a binary one is an error
    }
    in.skipBytes(header.length() + length);
    replies.poll();
    fusedRoute.countReply();
    boolean timed = PassThrough.timed(oldest.number());
    long start = timed ? System.nanoTime() : 0;
    client.writeFused(binary ? DataFrames.BINARY : DataFrames.TEXT, payload, length);
    if (timed) {
      fusedRoute.timeReply(System.nanoTime() - start);
    }
    replies.reuse(oldest);
    pump();
    return true;
  }

  // ---- the channel's messages (UpstreamMessageHandler), on the loop ----

  void onMessage(Channel ch, byte[] data, boolean binary) {
    if (ch == connection.channel() && decoder.decode(data, binary)) {
      pump();
    }
  }

  // ---- on the loop ----

  /** {@link #accept}; anything it throws fails only this event, which is answered with an error. */
  private void acceptContained(Event event) {
    try {
      accept(event);
    } catch (Throwable t) {
      ErrorLogGate.error(
          LOG, "accept", url + ": internal error taking event " + event.id() + ": " + t, t);
      answers.error(event, OfframpFailure.sending(url, "internal error: " + t));
    }
  }

  private void accept(Event event) {
    SessionState state = connection.state();
    if (state.ended()) {
      answers.error(event, OfframpFailure.sending(url, Failures.CLOSED_CONNECTION));
      return;
    }
    if (!waiting.admits(event, inFlight())) {
      answers.error(
          event,
          OfframpFailure.sending(
              url,
              "too many events in flight (max_in_flight is "
                  + settings.maxInFlight()
                  + " and the sender could not be held back); the event was not sent"));
      return;
    }
    switch (state) {
      case OPEN -> {
        if (waiting.isEmpty() && replies.sentUnanswered() < settings.maxInFlight()) {
          sender.send(event, connection.outbound());
        } else {
          waiting.add(event);
        }
      }
      case CONNECTING -> waiting.add(event);
      case IDLE -> {
        if (connection.mayConnectNow()) {
          waiting.add(event);
          connection.connect();
        } else {
          answers.error(event, OfframpFailure.sending(url, Failures.CLOSED_CONNECTION));
        }
      }
      case DRAINING, CLOSED ->
          answers.error(event, OfframpFailure.sending(url, Failures.CLOSED_CONNECTION));
    }
  }

  private int inFlight() {
    return waiting.size() + replies.sentUnanswered();
  }

  /**
   * Sends waiting events while the connection is open and there is room under max_in_flight, then
   * lets held-back senders go once at most half of max_in_flight is in flight: called whenever a
   * request was answered or the connection came or went.
   */
  private void pump() {
    Event event;
    while (connection.state() == SessionState.OPEN
        && replies.sentUnanswered() < settings.maxInFlight()
        && (event = waiting.poll()) != null) {
      sender.send(event, connection.outbound());
    }
    waiting.releaseSendersIfRoom(inFlight() + submissions.queued());
  }

  // ---- UpstreamConnection.Listener: what a change of the connection means for the events ----

  @Override
  public void opened(Channel ch) {
    reads.attach(ch);
    pump();
  }

  @Override
  public void connectFailed(String cause) {
    waiting.failAll(OfframpFailure.sending(url, cause), closesClient() ? CLIENT_CLOSE : null);
    waiting.releaseSenders();
  }

  @Override
  public void lost(String cause) {
    Value clientClose = closesClient() ? CLIENT_CLOSE : null;
    ReplyQueue.Pending lastRequest = replies.lastRequest();
    if (replies.isEmpty() && lastRequest != null && clientClose != null) {
      // nothing waits, but the client must learn that its upstream is gone
      answers.error(lastRequest.request(), OfframpFailure.receiving(url, cause), clientClose);
    }
    replies.failAll(OfframpFailure.receiving(url, cause), clientClose);
    waiting.failAll(OfframpFailure.sending(url, cause), clientClose); // queued for room on it
    waiting.releaseSenders();
  }

  /**
   * Requests timed out. First in first out, replies on the connection can no longer be matched: a
   * late reply would be taken for the next request's. So the connection is retired (as an HTTP
   * client drops a pipelined connection on a read timeout): closed at once, its replies ignored,
   * its other unanswered requests answered with an error, and a new connection opened for the
   * events still waiting (or by the next event). The client stays connected.
   */
  private void repliesExpired() {
    if (connection.state() != SessionState.OPEN
        || connection.channel() == null
        || settings.correlation() != null) {
      pump();
      return;
    }
    connection.retire();
    replies.failAll(
        OfframpFailure.receiving(
            url,
            "the connection was closed after an earlier request got no reply within "
                + settings.replyTimeoutMs()
                + " ms (later replies could no longer be matched to their requests)"),
        null);
    if (!waiting.isEmpty()) {
      connection.connect();
    }
    pump();
  }

  /**
   * -> DRAINING -> CLOSED: every event still held is answered ({@code notSent}, {@code noReply}).
   */
  private void shutdown(String notSent, String noReply) {
    if (connection.state().ended()) {
      return;
    }
    connection.drain();
    waiting.failAll(OfframpFailure.sending(url, notSent), null);
    replies.failAll(OfframpFailure.receiving(url, noReply), null);
    replies.close();
    waiting.releaseSenders();
    reads.close();
    connection.close();
  }

  /**
   * Whether errors caused by losing this session's upstream also close the client (per-client
   * only).
   */
  private boolean closesClient() {
    return settings.closeClientOnUpstreamLoss() && !key.isShared();
  }
}
