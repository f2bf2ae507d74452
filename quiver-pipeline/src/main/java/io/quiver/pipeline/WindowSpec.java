package io.quiver.pipeline;

import io.quiver.script.Script;

/**
 * A {@code define tumbling window}: by event count ({@code size}) or by time ({@code interval}, in
 * ns), with its group limit, eviction period (0 = none), whether time windows emit when empty, and
 * an optional script that weighs (size) or timestamps (interval) each event.
 */
record WindowSpec(
    String name,
    long size,
    long interval,
    long maxGroups,
    long evictionNs,
    boolean emitEmpty,
    Script script) {

  boolean byTime() {
    return interval > 0;
  }
}
