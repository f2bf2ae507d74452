package io.quiver.connectors.ws;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an {@link UpstreamConnection} tries again after a failed attempt or a loss: a background
 * attempt after each backoff delay ({@link Backoff}, following the {@link ReconnectPolicy}), until
 * max_retries failed in a row; meanwhile an event may start an attempt only once the delay is over.
 *
 * <p>Confined to the session's event loop; time is the loop's ticker.
 */
final class ReconnectSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamSession.class);

  private final WsUrl url;
  private final ReconnectPolicy policy;
  private final EventLoop loop;
  private final Backoff backoff;
  private long nextAttemptAt;
  private ScheduledFuture<?> timer;

  ReconnectSchedule(WsUrl url, ReconnectPolicy policy, EventLoop loop) {
    this.url = url;
    this.policy = policy;
    this.loop = loop;
    this.backoff = new Backoff(policy);
    this.nextAttemptAt = now();
  }

  /** Whether the backoff delay is over: an event may start an attempt now. */
  boolean due() {
    return now() - nextAttemptAt >= 0;
  }

  /** An attempt failed or a connection was lost: {@code attempt} runs after the next delay. */
  void afterFailure(Runnable attempt) {
    long delay = backoff.next();
    if (backoff.exhausted()) {
      LOG.warn(
          "{}: giving up background reconnects after {} failed attempts (reconnect.max_retries);"
              + " the next event tries again",
          url,
          policy.maxRetries());
      nextAttemptAt = now();
      return;
    }
    nextAttemptAt = now() + TimeUnit.MILLISECONDS.toNanos(delay);
    cancel();
    timer =
        loop.schedule(
            () -> {
              timer = null;
              attempt.run();
            },
            delay,
            TimeUnit.MILLISECONDS);
  }

  /** The connection is open: the next loss waits the first delay again. */
  void succeeded() {
    backoff.reset();
  }

  /** The next attempt may start at once (a connection given up on purpose, not failed). */
  void allowNow() {
    nextAttemptAt = now();
  }

  /** No background attempt (one is starting, or the session ends). */
  void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private long now() {
    return loop.ticker().nanoTime();
  }
}
