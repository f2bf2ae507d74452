package io.quiver.pipeline;

import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Event;

/**
 * {@code passthrough::passthrough} (Tremor 0.11, op/identity/passthrough.rs): forwards every event
 * unchanged on {@code out}. Stateless, so every node shares one instance.
 */
final class PassthroughOperator implements Operator {
  private static final PassthroughOperator INSTANCE = new PassthroughOperator();

  static final OperatorKind KIND =
      OperatorKind.of(
          "passthrough::passthrough", ConfigSpec.of(), (node, config) -> uid -> INSTANCE);

  private PassthroughOperator() {}

  @Override
  public void onEvent(Event event, Output out) {
    out.event("out", event);
  }
}
