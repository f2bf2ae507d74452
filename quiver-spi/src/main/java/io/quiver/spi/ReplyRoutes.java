package io.quiver.spi;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Routes for replies that come back by another path than their request (request/reply across
 * machines): a sink that sends a request away (e.g. a kafka offramp with {@code route_header})
 * {@linkplain #open opens} a route and sends its opaque token along; the reply, arriving later on
 * some onramp with the token in its {@code $route} metadata, is {@linkplain #take taken} by the
 * linked onramp that sent the request and delivered to the connection that asked. A route is
 * answered once: by its reply, or by its timeout (the sink then answers with an error event), or by
 * the sink when the request could not be sent; a token taken twice, unknown to this process (a
 * token of a restarted process carries another prefix) or expired yields null.
 *
 * <p>Process-wide ({@link #PROCESS}); tokens are {@code <random process prefix>-<sequence>}.
 */
public final class ReplyRoutes {
  /** The identity of a request: what its reply needs to reach the connection that asked. */
  public record Route(EventId id, long ingestNs, long stream, Transit transit) {
    /** {@code reply} as the answer to this route's request: with the request's identity. */
    public Event answer(Event reply) {
      return new Event(id, reply.ingestNs(), reply.data(), reply.meta(), stream, transit);
    }

    /** An answer to this route's request made of {@code data} and {@code meta}. */
    public Event answer(Value data, Value meta) {
      return new Event(id, ingestNs, data, meta, stream, transit);
    }
  }

  /** The table of this process. */
  public static final ReplyRoutes PROCESS = new ReplyRoutes();

  private static final class Entry {
    final Route route;
    final Consumer<Route> onTimeout;
    volatile ScheduledFuture<?> timer;

    Entry(Route route, Consumer<Route> onTimeout) {
      this.route = route;
      this.onTimeout = onTimeout;
    }
  }

  private final String prefix;
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentHashMap<String, Entry> open = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timers;

  /** A table of its own (the process has {@link #PROCESS}; tests make their own). */
  public ReplyRoutes() {
    byte[] nonce = new byte[8];
    new SecureRandom().nextBytes(nonce);
    prefix = HexFormat.of().formatHex(nonce) + "-";
    timers =
        new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().name("reply-routes").daemon(true).unstarted(r));
    timers.setRemoveOnCancelPolicy(true);
  }

  /**
   * Opens a route for {@code request} and returns its token. Unless a reply takes it first, {@code
   * onTimeout} is called with the route after {@code timeoutMs} (on the table's timer thread).
   */
  public String open(Event request, long timeoutMs, Consumer<Route> onTimeout) {
    String token = prefix + Long.toHexString(sequence.incrementAndGet());
    Route route =
        new Route(request.id(), request.ingestNs(), request.stream(), replyTransit(request));
    Entry entry = new Entry(route, onTimeout);
    open.put(token, entry); // before the timer exists, so that it always finds the entry
    entry.timer =
        timers.schedule(() -> expire(token), Math.max(1, timeoutMs), TimeUnit.MILLISECONDS);
    return token;
  }

  /** The route of {@code token}, closed; null when unknown, already answered or expired. */
  public Route take(String token) {
    Entry e = open.remove(token);
    if (e == null) {
      return null;
    }
    ScheduledFuture<?> timer = e.timer;
    if (timer != null) {
      timer.cancel(false);
    }
    return e.route;
  }

  /** Routes open right now. */
  public int size() {
    return open.size();
  }

  private void expire(String token) {
    Entry e = open.remove(token);
    if (e != null) {
      e.onTimeout.accept(e.route);
    }
  }

  /** A reply carries the ids its request stood for (not its delivery state). */
  private static Transit replyTransit(Event request) {
    return request.transit().tracked().isEmpty()
        ? Transit.NONE
        : Transit.NONE.withTrackedIds(request.transit().tracked());
  }
}
