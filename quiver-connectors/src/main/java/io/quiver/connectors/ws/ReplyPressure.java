package io.quiver.connectors.ws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the per-client upstream sessions of a websocket client that the client's reply backlog is
 * full ({@link ReplyBacklog}), so they stop reading their upstream until it drained: the upstream's
 * replies then wait in its own socket buffers (TCP flow control) instead of the proxy's memory, as
 * nginx stops reading an upstream once its {@code proxy_buffers} for the client are full.
 *
 * <p>Clients are named by the onramp uid and stream of their events, as the offramp's per-client
 * {@link SessionKey}s are. One instance for the process (the onramp and offramp are linked only
 * through pipelines); thread-safe. A session is told that something changed and reads the state
 * itself on its own loop, so notices that overtake each other do no harm.
 */
final class ReplyPressure {
  private static final ReplyPressure PROCESS = new ReplyPressure();

  /** A client: the onramp uid and the stream of its events. */
  record Origin(long source, long stream) {}

  /** Whether a client's backlog is full, and who wants to know. */
  private record Entry(boolean full, Set<Runnable> watchers) {}

  /** A session's interest in one client; {@link #cancel} when the session closes. */
  final class Watch {
    private final Origin origin;
    private final Runnable changed;

    private Watch(Origin origin, Runnable changed) {
      this.origin = origin;
      this.changed = changed;
    }

    /** Whether the client's backlog is full right now. */
    boolean full() {
      Entry e = entries.get(origin);
      return e != null && e.full();
    }

    void cancel() {
      entries.computeIfPresent(
          origin,
          (k, e) -> {
            e.watchers().remove(changed);
            return e.watchers().isEmpty() && !e.full() ? null : e;
          });
    }
  }

  private final ConcurrentHashMap<Origin, Entry> entries = new ConcurrentHashMap<>();

  static ReplyPressure process() {
    return PROCESS;
  }

  /**
   * Watches {@code origin}: {@code changed} runs (on the caller's thread) when its state changed.
   */
  Watch watch(Origin origin, Runnable changed) {
    entries.compute(
        origin,
        (k, e) -> {
          Entry entry = e != null ? e : new Entry(false, ConcurrentHashMap.newKeySet());
          entry.watchers().add(changed);
          return entry;
        });
    return new Watch(origin, changed);
  }

  /** The client's backlog is full: its sessions stop reading. */
  void pause(Origin origin) {
    set(origin, true);
  }

  /** The client's backlog drained: its sessions read again. */
  void resume(Origin origin) {
    set(origin, false);
  }

  /** The client is gone: its sessions (about to close) read again, and nothing is kept for it. */
  void forget(Origin origin) {
    Entry e = entries.remove(origin);
    if (e != null) {
      e.watchers().forEach(Runnable::run);
    }
  }

  private void set(Origin origin, boolean full) {
    Entry e =
        entries.compute(
            origin,
            (k, old) -> {
              if (old == null) {
                return full ? new Entry(true, ConcurrentHashMap.newKeySet()) : null;
              }
              if (!full && old.watchers().isEmpty()) {
                return null;
              }
              return new Entry(full, old.watchers());
            });
    if (e != null) {
      e.watchers().forEach(Runnable::run);
    }
  }

  /** How many clients are known here (full, or watched): for tests that check nothing leaks. */
  int size() {
    return entries.size();
  }
}
