package io.quiver.connectors.ws;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The requests an {@link UpstreamSession} sent and not yet answered: waiting for their reply (a
 * linked offramp), first in first out or by correlation id, under the session's one reply timer;
 * or, unlinked, just counted until their write is confirmed. Also the last request sent (the
 * receiver of a per-client push, and of the error when a per-client upstream is lost with nothing
 * waiting).
 *
 * <p>Confined to the session's event loop; time is the loop's ticker.
 */
final class ReplyQueue {
  /**
   * A request waiting for its reply until {@code deadlineNs} (unused without a reply timeout). All
   * requests of a session have the same timeout, so deadlines never decrease from head to tail.
   *
   * <p>Keeps what an answer to the request needs (id, ingest time, meta, stream, delivery ids) but
   * not its data: the payload is garbage once it is written, instead of staying reachable until the
   * reply comes (with hundreds of clients x 16 in flight x 4 KiB, the payloads waiting for replies
   * outgrew the young generation, and every young collection copied and promoted them).
   */
  static final class Pending { // identity equality: removed by reference
    private EventId id;
    private long ingestNs;
    private Value meta;
    private long stream;
    private Transit transit;
    private long deadlineNs;

    /** Whether a write listener holds it (a transactional request's): then it is never reused. */
    private boolean watched;

    /**
     * A fused pass-through's request ({@link #sentFused}): no event was made for it, its id is
     * {@link #source}:0:{@link #number} (made only when an error needs it), and its reply goes to
     * the client straight away.
     */
    private boolean fused;

    private long source;
    private long number;

    /** The next spare record, while this one is spare ({@link #reuse}). */
    private Pending nextSpare;

    private Pending(Event request, long deadlineNs) {
      set(request, deadlineNs);
    }

    private Pending(long source, long number, long stream, long ingestNs, long deadlineNs) {
      setFused(source, number, stream, ingestNs, deadlineNs);
    }

    private Pending set(Event request, long deadlineNs) {
      this.fused = false;
      this.id = request.id();
      this.ingestNs = request.ingestNs();
      this.meta = request.meta();
      this.stream = request.stream();
      this.transit = request.transit();
      this.deadlineNs = deadlineNs;
      this.watched = request.transactional();
      return this;
    }

    private Pending setFused(long source, long number, long stream, long ingestNs, long deadline) {
      this.fused = true;
      this.id = null;
      this.source = source;
      this.number = number;
      this.stream = stream;
      this.ingestNs = ingestNs;
      this.meta = Value.EMPTY_OBJECT;
      this.transit = Transit.NONE;
      this.deadlineNs = deadline;
      this.watched = false;
      return this;
    }

    /** The request without its data ({@link Value#NULL}): what errors and acks are built from. */
    Event request() {
      return new Event(id(), ingestNs, Value.NULL, meta, stream, transit);
    }

    EventId id() {
      return fused ? new EventId(source, 0, number) : id;
    }

    /** The request's event number within its source. */
    long number() {
      return number;
    }

    /** Whether it is a fused pass-through's request (see {@link #fused}). */
    boolean fused() {
      return fused;
    }

    long ingestNs() {
      return ingestNs;
    }

    long stream() {
      return stream;
    }

    Transit transit() {
      return transit;
    }

    /** The request's meta field {@code key}, or null. */
    Value metaField(String key) {
      return meta instanceof Value.Obj o ? o.get(key) : null;
    }
  }

  private final WsUrl url;
  private final EventLoop loop;
  private final OfframpAnswers answers;
  private final WsMetrics metrics;
  private final long timeoutMs;
  private final ReplyCorrelation correlation;
  private final BooleanSupplier readsPaused;
  private final Runnable afterExpiry;
  private final PendingReplies<Pending> outstanding = new PendingReplies<>();

  /** The one reply-timeout check: armed for the oldest outstanding request. */
  private ScheduledFuture<?> timer;

  private int unconfirmedWrites;
  private Pending lastRequest;

  /**
   * Records of answered requests, which the next requests reuse (a list through {@link
   * Pending#nextSpare}, at most {@link #MAX_SPARE}): no record per request on the hot path.
   */
  private Pending spare;

  private int spareCount;

  /** Spare records kept at most: enough for the requests a busy session has in flight. */
  static final int MAX_SPARE = 32;

  /**
   * @param readsPaused whether the session does not read its upstream now (no timeouts meanwhile)
   * @param afterExpiry what the session does after requests timed out (retire its connection)
   */
  ReplyQueue(
      WsUrl url,
      WsOfframpSettings settings,
      EventLoop loop,
      OfframpAnswers answers,
      WsMetrics metrics,
      BooleanSupplier readsPaused,
      Runnable afterExpiry) {
    this.url = url;
    this.loop = loop;
    this.answers = answers;
    this.metrics = metrics;
    this.timeoutMs = settings.replyTimeoutMs();
    this.correlation = answers.linked() ? settings.correlation() : null;
    this.readsPaused = readsPaused;
    this.afterExpiry = afterExpiry;
  }

  /** Requests sent and not answered yet (linked), or writes not confirmed yet (not linked). */
  int sentUnanswered() {
    return answers.linked() ? outstanding.size() : unconfirmedWrites;
  }

  boolean isEmpty() {
    return outstanding.isEmpty();
  }

  /** The last request sent on this session (without its data), or null before the first. */
  Pending lastRequest() {
    return lastRequest;
  }

  /** The matching by {@code correlation_field} in use (linked offramps only), or null. */
  ReplyCorrelation correlation() {
    return correlation;
  }

  /** Why {@code request} cannot be sent under correlation_field, or null when it can. */
  String correlationProblem(Value id) {
    String field = correlation.path();
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

  /**
   * {@code request} goes out: linked, it waits for its reply (under {@code correlationId} if not
   * null) and is returned; unlinked, its write is counted until {@link #writeDone} and null is
   * returned.
   */
  Pending sent(Event request, Value correlationId) {
    if (!answers.linked()) {
      // nothing but this field holds an unlinked request's record (read where it is asked for)
      lastRequest = lastRequest == null ? new Pending(request, 0) : lastRequest.set(request, 0);
      unconfirmedWrites++;
      return null;
    }
    long deadlineNs = timeoutMs > 0 ? now() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) : 0;
    Pending pending = spare;
    if (pending != null) {
      spare = pending.nextSpare;
      pending.nextSpare = null;
      spareCount--;
      pending.set(request, deadlineNs);
    } else {
      pending = new Pending(request, deadlineNs);
    }
    lastRequest = pending;
    if (correlationId == null) {
      outstanding.add(pending);
    } else {
      outstanding.add(pending, correlationId);
    }
    arm();
    return pending;
  }

  /**
   * A fused pass-through's request goes out (linked, first in first out): recorded as primitives in
   * a reused record, no event.
   */
  void sentFused(long source, long number, long stream, long ingestNs) {
    long deadlineNs = timeoutMs > 0 ? now() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) : 0;
    Pending pending = spare;
    if (pending != null) {
      spare = pending.nextSpare;
      pending.nextSpare = null;
      spareCount--;
      pending.setFused(source, number, stream, ingestNs, deadlineNs);
    } else {
      pending = new Pending(source, number, stream, ingestNs, deadlineNs);
    }
    lastRequest = pending;
    outstanding.add(pending);
    arm();
  }

  /** The oldest request, not taken, or null. */
  Pending peek() {
    return outstanding.peek();
  }

  /**
   * {@code answered}, just taken from the queue ({@link #poll}) and answered, is done with: the
   * next request may reuse its record, unless something still holds it (it is the last request, or
   * a write listener has it). Whoever calls this must not use {@code answered} afterwards.
   */
  void reuse(Pending answered) {
    if (answered == lastRequest || answered.watched || spareCount >= MAX_SPARE) {
      return;
    }
    answered.id = null; // holds nothing of the request while spare
    answered.meta = null;
    answered.transit = null;
    answered.nextSpare = spare;
    spare = answered;
    spareCount++;
  }

  /** Spare records kept for reuse now: for tests. */
  int spareCount() {
    return spareCount;
  }

  /** An unlinked request's write finished (either way). */
  void writeDone() {
    unconfirmedWrites--;
  }

  /** Stops waiting for {@code pending}'s reply (its write failed); false if it was answered. */
  boolean remove(Pending pending) {
    return outstanding.remove(pending);
  }

  /** The oldest request, which the next reply answers (first in first out), or null. */
  Pending poll() {
    return outstanding.poll();
  }

  /** The request waiting under correlation id {@code id}, removed, or null. */
  Pending take(Value id) {
    return outstanding.take(id);
  }

  /** Answers every request still waiting with {@code failure}: the queue is empty after. */
  void failAll(OfframpFailure failure, Value clientClose) {
    Pending pending;
    while ((pending = outstanding.poll()) != null) {
      answers.error(pending.request(), failure, clientClose);
    }
  }

  /** Closed for good: the timer stops. */
  void close() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /**
   * Arms the single reply-timeout check for the oldest request, unless one is armed already (it
   * re-arms itself for the then oldest request when it fires): one timer per session instead of one
   * scheduled task per request.
   */
  void arm() {
    Pending oldest;
    if (timer != null || timeoutMs <= 0 || (oldest = outstanding.peek()) == null) {
      return;
    }
    long delay = Math.max(0, oldest.deadlineNs - now());
    timer = loop.schedule(this::expire, delay, TimeUnit.NANOSECONDS);
  }

  /** Answers every request whose deadline has passed with a timeout error. */
  private void expire() {
    timer = null;
    if (readsPaused.getAsBoolean()) {
      // the replies may be waiting unread in the socket: no timeout while the client's full reply
      // queue keeps us from reading (its slow_reader_timeout_ms bounds how long)
      timer = loop.schedule(this::expire, timeoutMs, TimeUnit.MILLISECONDS);
      return;
    }
    long now = now();
    Pending oldest;
    boolean expired = false;
    while ((oldest = outstanding.peek()) != null && oldest.deadlineNs - now <= 0) {
      outstanding.poll();
      expired = true;
      metrics.replyTimedOut();
      answers.error(
          oldest.request(), OfframpFailure.receiving(url, "no reply within " + timeoutMs + " ms"));
    }
    if (expired) {
      afterExpiry.run();
    }
    arm();
  }

  private long now() {
    return loop.ticker().nanoTime();
  }
}
