package io.quiver.connectors.amqp;

import io.quiver.value.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publisher confirms of one offramp channel: which event each outstanding publish sequence number
 * belongs to, and the event's answer once every message of it was confirmed or one was nacked. The
 * publisher thread {@link #begin}s events; the client's threads {@link #answer}.
 */
final class Confirms {
  /** Told once per event: {@code error} null when all its messages were confirmed. */
  @FunctionalInterface
  interface Done {
    void done(Event event, long startNs, String error);
  }

  private final ConcurrentNavigableMap<Long, Pending> bySeq = new ConcurrentSkipListMap<>();
  private final Done done;

  Confirms(Done done) {
    this.done = done;
  }

  /** Starts an event's publishing; call {@link Pending#sealed} once its messages went out. */
  Pending begin(Event event) {
    return new Pending(event, System.nanoTime());
  }

  /** The broker confirmed ({@code error} null) or nacked {@code seq}, or all up to it. */
  void answer(long seq, boolean multiple, String error) {
    if (multiple) {
      Map<Long, Pending> upTo = bySeq.headMap(seq, true);
      for (Map.Entry<Long, Pending> e : upTo.entrySet()) {
        if (bySeq.remove(e.getKey()) != null) {
          e.getValue().answered(error);
        }
      }
    } else {
      Pending p = bySeq.remove(seq);
      if (p != null) {
        p.answered(error);
      }
    }
  }

  /** No confirm will come for what is outstanding (the channel is gone): all of it fails. */
  void failAll(String error) {
    for (Long seq : bySeq.keySet()) {
      Pending p = bySeq.remove(seq);
      if (p != null) {
        p.answered(error);
      }
    }
  }

  int outstanding() {
    return bySeq.size();
  }

  /** The messages of one event in flight: answered once, when all are. */
  final class Pending {
    private final Event event;
    private final long startNs;
    private final AtomicInteger pending = new AtomicInteger(1); // the publisher's own, until sealed
    private volatile String error;
    private long unpublished = -1;

    private Pending(Event event, long startNs) {
      this.event = event;
      this.startNs = startNs;
    }

    /** A message with this sequence number is about to be published. */
    void expect(long seq) {
      pending.incrementAndGet();
      bySeq.put(seq, this);
      unpublished = seq;
    }

    /** The message of the last {@link #expect} went out: its confirm will come. */
    void published() {
      unpublished = -1;
    }

    /** The event could not be (fully) published; what was published is still answered. */
    void error(String message) {
      error = message;
      // the message whose publish threw will not be confirmed
      if (unpublished >= 0 && bySeq.remove(unpublished) != null) {
        answered(message);
      }
    }

    void sealed() {
      answered(null);
    }

    private void answered(String e) {
      if (e != null) {
        error = e;
      }
      if (pending.decrementAndGet() == 0) {
        done.done(event, startNs, error);
      }
    }
  }
}
