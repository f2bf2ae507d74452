package io.quiver.runtime.world;

import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Artefact;
import io.quiver.spi.Ports;
import io.quiver.spi.ReplyRoutes;
import io.quiver.spi.Source;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies an {@link OnrampInstance} receives on its {@code in} port, handed back to its source:
 * counted, ignored (said once) when the onramp is not linked, and taken back to the id of the
 * request they answer when they come under another id (a {@code qos::wal} replay, or a reply routed
 * by {@code $route}, see {@link RoutedReplies}). Logs under {@link OnrampInstance}'s logger.
 */
final class OnrampReplies {
  private static final Logger LOG = LoggerFactory.getLogger(OnrampInstance.class);

  private final TremorUrl url;
  private final long uid;
  private final Artefact artefact;
  private final Source source;
  private final RoutedReplies routedReplies;

  /** Events received on {@code in} (replies for its streams). */
  private final LongAdder received = new LongAdder();

  private volatile boolean unlinkedReplyLogged;

  OnrampReplies(TremorUrl url, long uid, Artefact artefact, Source source) {
    this.url = url;
    this.uid = uid;
    this.artefact = artefact;
    this.source = source;
    this.routedReplies = new RoutedReplies(url, ReplyRoutes.PROCESS);
  }

  /** Counts a reply that a fused pass-through handed to the source without an event. */
  void countFused() {
    received.increment();
  }

  /** Events received on {@code in} so far. */
  long received() {
    return received.sum();
  }

  /** An event arrived on this onramp's {@code in} port: a reply for one of its streams. */
  void reply(Event event) {
    received.increment();
    if (!artefact.linked()) {
      if (!unlinkedReplyLogged) {
        unlinkedReplyLogged = true;
        LOG.warn(
            "[Source::{}] events sent to {} are ignored: the onramp is not linked (set `linked: true`)",
            url,
            url.withPort(Ports.IN));
      }
      return;
    }
    if (event.id().source() != uid) {
      // an event that stands for one of ours (a qos::wal replays under its own id and tracks the
      // original): Tremor's sources find their request through `get_max_by_source`
      long n = event.transit().maxBySource(event.id(), uid);
      if (n >= 0) {
        event =
            new Event(
                new EventId(uid, 0, n),
                event.ingestNs(),
                event.data(),
                event.meta(),
                event.stream(),
                event.transit());
      } else if (event.metaField("route") instanceof Value token) {
        // a reply that came back by another path (e.g. a kafka reply topic): its route names it
        event = routedReplies.resolve(event, token);
        if (event == null) {
          return;
        }
      } else {
        LOG.debug("[Source::{}] reply {} belongs to another onramp; dropped", url, event.id());
        return;
      }
    }
    source.reply(event);
  }
}
