package io.quiver.pipeline;

import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;

/**
 * Tremor 0.11's metrics events (tremor-pipeline's {@code influx_value}): {@code {"measurement": m,
 * "tags": {...}, "fields": {"count": n}, "timestamp": ns}}, the shape every metric sent into {@code
 * system::metrics} has, whether from a ramp ({@code ramp_events}), a pipeline ({@code events}) or
 * an operator ({@code bucketing}).
 */
public final class MetricEvents {
  /** Tremor's default event id (0:0:0): metrics events have no origin. */
  private static final EventId NO_ID = new EventId(0, 0, 0);

  private MetricEvents() {}

  /** The influx-shaped value; {@code tags} keeps its key order. */
  public static Value influx(String measurement, Value tags, long count, long timestampNs) {
    return Value.obj(
        "measurement", Value.of(measurement),
        "tags", tags,
        "fields", Value.obj("count", Value.of(count)),
        "timestamp", Value.of(timestampNs));
  }

  /** A metrics event: the value, ingested at its own timestamp, with no origin. */
  public static Event event(Value metric, long timestampNs) {
    return new Event(NO_ID, timestampNs, metric, Value.EMPTY_OBJECT, 0);
  }
}
