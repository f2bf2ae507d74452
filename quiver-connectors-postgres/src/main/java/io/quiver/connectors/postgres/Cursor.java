package io.quiver.connectors.postgres;

import java.time.OffsetDateTime;

/**
 * The window the onramp queries next: rows from {@code from} (inclusive, by the query's own
 * condition) up to {@code until}.
 */
record Cursor(OffsetDateTime from, OffsetDateTime until) {

  /** The window after this one: it starts where this one ends and lasts {@code intervalMs}. */
  Cursor next(long intervalMs) {
    return new Cursor(until, until.plusNanos(intervalMs * 1_000_000L));
  }
}
