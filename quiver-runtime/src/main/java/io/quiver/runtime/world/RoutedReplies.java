package io.quiver.runtime.world;

import io.quiver.runtime.TremorUrl;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.ReplyRoutes;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies a linked onramp gets by another path than its request's (request/reply across
 * machines): an event whose {@code $route} metadata (a string or bytes) is the token of a route
 * open in {@link ReplyRoutes} takes the identity of the request the route was opened for, so it
 * reaches the connection that asked. A token that is unknown, expired or already answered drops the
 * reply, counted and logged (rate-limited).
 */
final class RoutedReplies {
  private static final Logger LOG = LoggerFactory.getLogger(RoutedReplies.class);

  private final TremorUrl url;
  private final ReplyRoutes routes;
  private final LongAdder dropped = new LongAdder();
  private final LogThrottle dropLog = new LogThrottle(LogThrottle.TEN_SECONDS);

  RoutedReplies(TremorUrl url, ReplyRoutes routes) {
    this.url = url;
    this.routes = routes;
  }

  /** {@code reply} as the answer to its route's request, or null when it is dropped. */
  Event resolve(Event reply, Value token) {
    String text =
        switch (token) {
          case Value.Str s -> s.value();
          case Value.Bytes b -> new String(b.value(), StandardCharsets.UTF_8);
          default -> null;
        };
    ReplyRoutes.Route route = text == null ? null : routes.take(text);
    if (route == null) {
      dropped.increment();
      long heldBack = dropLog.admit();
      if (heldBack >= 0) {
        LOG.warn(
            "[Source::{}] reply with $route {} dropped: no request of this process waits for it"
                + " (expired and answered with an error, answered already, or not ours); {} so"
                + " far{}",
            url,
            text == null ? token : text,
            dropped.sum(),
            dropLog.heldBackNote(heldBack));
      }
      return null;
    }
    return route.answer(reply);
  }

  /** Replies dropped so far. */
  long dropped() {
    return dropped.sum();
  }
}
