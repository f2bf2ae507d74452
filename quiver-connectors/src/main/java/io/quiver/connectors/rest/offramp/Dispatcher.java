package io.quiver.connectors.rest.offramp;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.quiver.connectors.net.DeadlineTimer;
import io.quiver.value.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the offramp's requests of one event loop (the offramp has one per loop of the shared group,
 * each with its own {@link ConnectionPool}, so a request and its upstream connection stay on the
 * loop it came from): at most {@code concurrency} in flight over every loop ({@link Slots}), the
 * others wait in order; each on a pooled keep-alive connection; each answered exactly once ({@link
 * RestAnswers}) by its response, a failure, its {@code request_timeout_ms} (counted from when it
 * was taken) or the offramp stopping, and then reported done ({@code onAnswered}) so the sender can
 * be released. A request that fails on a reused connection before any byte of its response arrived
 * (the upstream closed the idle connection meanwhile) is sent once more on a new one.
 */
final class Dispatcher {
  private final EventLoop loop;
  private final RestOfframpSettings settings;
  private final ConnectionPool pool;
  private final RestAnswers answers;
  private final Supplier<BodyCodecs> codecs;
  private final Runnable onAnswered;
  private final Slots slots;
  private final Runnable wakeOthers;
  private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();

  /** Taken and not yet answered, in the order they were taken ({@link ActiveList}). */
  private final ActiveList active = new ActiveList();

  private final DeadlineTimer timeouts;
  private final long requestTimeoutNs;
  private int inFlight;
  private String stopped;

  Dispatcher(
      EventLoop loop,
      RestOfframpSettings settings,
      ConnectionPool pool,
      RestAnswers answers,
      Supplier<BodyCodecs> codecs,
      Runnable onAnswered,
      Slots slots,
      Runnable wakeOthers) {
    this.loop = loop;
    this.settings = settings;
    this.pool = pool;
    this.answers = answers;
    this.codecs = codecs;
    this.onAnswered = onAnswered;
    this.slots = slots;
    this.wakeOthers = wakeOthers;
    this.timeouts = new DeadlineTimer(loop, this::timeoutsDue);
    this.requestTimeoutNs = TimeUnit.MILLISECONDS.toNanos(settings.requestTimeoutMs());
  }

  /**
   * Takes one event's request (on the loop); its response is decoded and handed on on {@code home}
   * (the loop the event came from: normally this one).
   */
  void submit(Event event, OutgoingRequest request, EventLoop home) {
    Exchange x = new Exchange(event, request, home, this);
    if (stopped != null) {
      answers.error(
          event,
          RestAnswers.SEND_FAILED,
          "Error sending HTTP request to " + request.target().display() + ": " + stopped);
      onAnswered.run();
      return;
    }
    active.add(x);
    x.dueNs = timeouts.now() + requestTimeoutNs;
    if (!timeouts.isSet()) {
      timeouts.setAt(x.dueNs);
    }
    if (waiting.isEmpty() && slots.tryTake()) {
      start(x);
    } else {
      waiting.addLast(x);
      slots.queued();
      pump(); // a slot may have been freed on another loop since: it would not wake this one
    }
  }

  /** The loop this dispatcher runs on. */
  EventLoop loop() {
    return loop;
  }

  /** Requests in flight on this loop now. */
  int inFlight() {
    return inFlight;
  }

  /** Requests waiting for a slot on this loop now. */
  int waiting() {
    return waiting.size();
  }

  private void start(Exchange x) {
    x.inFlight = true;
    inFlight++;
    connect(x);
  }

  private void connect(Exchange x) {
    Channel pooled = pool.takeIdle(x.request.target());
    if (pooled != null) {
      send(x, pooled); // the common case: no future to wait on
      return;
    }
    Future<Channel> acquired = pool.acquire(x.request.target());
    acquired.addListener(
        (Future<Channel> f) -> {
          if (!f.isSuccess()) {
            if (!x.answered) {
              fail(x, RestAnswers.SEND_FAILED, cause(f.cause()));
            }
            return;
          }
          Channel ch = f.getNow();
          if (x.answered) {
            pool.release(x.request.target(), ch, true); // timed out meanwhile; nothing was sent
            return;
          }
          send(x, ch);
        });
  }

  private void send(Exchange x, Channel ch) {
    x.channel = ch;
    ExchangeHandler handler = (ExchangeHandler) ch.pipeline().get(ExchangeHandler.NAME);
    handler.begin(x, x.request.method());
    if (!ch.isActive()) { // closed after it was taken from the pool: its close was heard already
      handler.closedBeforeSend();
      return;
    }
    handler.send(x.request);
  }

  void responded(Exchange x, UpstreamResponse response) {
    if (x.answered) {
      return;
    }
    Channel ch = x.channel;
    finish(x);
    pool.release(x.request.target(), ch, response.keepAlive());
    double timeMs = (System.nanoTime() - x.startNs) / 1e6;
    if (x.home.inEventLoop()) { // the usual case: no task
      answers.response(x.event, x.request, response, timeMs, codecs.get());
      onAnswered.run();
    } else {
      Runnable answer =
          () -> {
            answers.response(x.event, x.request, response, timeMs, codecs.get());
            onAnswered.run();
          };
      try {
        x.home.execute(answer);
      } catch (RejectedExecutionException e) {
        answer.run(); // the loops are shutting down: answer here
      }
    }
    pump();
  }

  void failed(Exchange x, String cause, boolean beforeResponse) {
    if (x.answered) {
      return;
    }
    Channel ch = x.channel;
    x.channel = null;
    if (beforeResponse && !x.retried && ch != null && ConnectionPool.reused(ch)) {
      x.retried = true;
      connect(x);
      return;
    }
    fail(x, RestAnswers.SEND_FAILED, cause);
  }

  /**
   * The timeout clock expired: times out every request past its deadline and waits for the next.
   * Requests are active in the order they were taken and share one timeout, so the first ones are
   * due first.
   */
  private void timeoutsDue() {
    long now = timeouts.now();
    List<Exchange> late = new ArrayList<>();
    for (Exchange x = active.first(); x != null; x = x.nextActive) {
      if (x.dueNs - now > 0) {
        timeouts.setAt(x.dueNs);
        break;
      }
      late.add(x);
    }
    for (Exchange x : late) {
      timedOut(x);
    }
  }

  private void timedOut(Exchange x) {
    if (x.answered) {
      return;
    }
    Channel ch = x.channel;
    fail(
        x,
        RestAnswers.TIMED_OUT,
        "no response within " + settings.requestTimeoutMs() + " ms (request_timeout_ms)");
    if (ch != null) {
      ch.close(); // its response would answer nothing now
    }
  }

  private void fail(Exchange x, int status, String cause) {
    finish(x);
    answers.error(
        x.event,
        status,
        "Error sending HTTP request to " + x.request.target().display() + ": " + cause);
    onAnswered.run();
    pump();
  }

  /** Marks {@code x} answered and frees its slot; its answer follows, then {@link #pump}. */
  private void finish(Exchange x) {
    x.answered = true;
    x.channel = null;
    active.remove(x);
    if (x.inFlight) {
      x.inFlight = false;
      inFlight--;
      slots.give();
    } else if (waiting.remove(x)) {
      slots.dequeued();
    }
  }

  /**
   * After an answer (or when woken by another loop): the next waiting requests start while there
   * are free slots; a slot left over while other loops have requests waiting wakes them. On the
   * loop.
   */
  void pump() {
    while (stopped == null && !waiting.isEmpty() && slots.tryTake()) {
      slots.dequeued();
      start(waiting.pollFirst());
    }
    if (waiting.isEmpty() && slots.waiting() > 0 && slots.taken() < settings.concurrency()) {
      wakeOthers.run();
    }
  }

  /** Answers everything still unanswered (the offramp stops); on the loop. */
  void failAll(String why) {
    stopped = why;
    timeouts.stop();
    for (Exchange x : active.toList()) {
      if (!x.answered) {
        Channel ch = x.channel;
        fail(x, RestAnswers.SEND_FAILED, why);
        if (ch != null) {
          ch.close();
        }
      }
    }
  }

  /** A failed connect in a few plain words, whichever transport (epoll words it as a syscall). */
  static String cause(Throwable t) {
    if (t instanceof io.netty.channel.ConnectTimeoutException) {
      return "connect timed out";
    }
    String m = t.getMessage();
    if (t instanceof java.net.ConnectException) {
      if (m != null && m.contains("refused")) {
        return "Connection refused";
      }
      if (m != null && m.contains("unreachable")) {
        return "Network is unreachable";
      }
    }
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
