package io.quiver.pipeline;

import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Event;
import io.quiver.value.Value;

/**
 * {@code generic::counter} (Tremor 0.11, op/generic/counter.rs): replaces the event's data with
 * {@code {"count": n, "event": <data>}} and sends it on {@code out}; {@code n} counts the events
 * this instance has seen, from 1.
 */
final class CounterOperator implements Operator {

  static final OperatorKind KIND =
      OperatorKind.of(
          "generic::counter", ConfigSpec.of(), (node, config) -> uid -> new CounterOperator());

  private long count;

  @Override
  public void onEvent(Event event, Output out) {
    count++;
    out.event("out", event.withData(Value.obj("count", Value.of(count), "event", event.data())));
  }
}
