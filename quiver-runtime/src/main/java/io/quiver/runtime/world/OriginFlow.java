package io.quiver.runtime.world;

import io.quiver.value.Event;

/**
 * Finds the onramp stream an event came from and holds it back or releases it: what an offramp's
 * {@code SinkContext.holdOrigin}/{@code releaseOrigin} do. The onramp is the event id's source (its
 * uid), the stream the event's own.
 */
interface OriginFlow {
  /** Holds back the stream of {@code event}; whether that stream can and will slow down. */
  boolean hold(Event event);

  void release(Event event);

  /** For offramps that never hold anything back (the std streams). */
  OriginFlow NONE =
      new OriginFlow() {
        @Override
        public boolean hold(Event event) {
          return false;
        }

        @Override
        public void release(Event event) {}
      };
}
