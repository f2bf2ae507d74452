package io.quiver.pipeline;

import io.quiver.spi.Insight;
import io.quiver.value.Event;

/**
 * A stateful built-in operator instance (one per pipeline instance and node). Called by its
 * pipeline on one thread at a time, so it needs no locks.
 *
 * <p>Like Tremor's operators: events go forward through {@link #onEvent}; periodic ticks through
 * {@link #onSignal} (only when {@link #handlesSignal}); insights come backwards through {@link
 * #onContraflow} (only when {@link #handlesContraflow}), in reverse order of the nodes' creation,
 * and each operator may change or consume them.
 */
interface Operator {

  /** Where an operator sends what it produces. */
  interface Output {
    /** An event out of the operator's port {@code port}. */
    void event(String port, Event event);

    /**
     * An insight to travel upstream from this operator (to operators before it, then the inputs).
     */
    void insight(Insight insight);
  }

  void onEvent(Event event, Output out);

  default boolean handlesSignal() {
    return false;
  }

  /** A tick at {@code nowNs} (every 100 ms in a running deployment). */
  default void onSignal(long nowNs, Output out) {}

  /**
   * Adds the operator's own metrics to a pipeline's metrics report (Tremor's {@code
   * Operator::metrics}, e.g. {@code grouper::bucket}'s {@code bucketing}), as values made with
   * {@link MetricEvents#influx}. {@code tags} is the report's current tags (pipeline, node, ...):
   * copy it, never change it. The default adds none.
   */
  default void metrics(
      java.util.Map<String, io.quiver.value.Value> tags,
      long timestampNs,
      java.util.List<io.quiver.value.Value> out) {}

  default boolean handlesContraflow() {
    return false;
  }

  /**
   * An insight passing this operator on its way upstream; returns it, changed, or with kind {@link
   * Insight.Kind#NONE} to stop it.
   */
  default Insight onContraflow(Insight insight) {
    return insight;
  }
}
