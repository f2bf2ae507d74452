package io.quiver.pipeline;

import io.quiver.spi.Insight;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Event;
import io.quiver.value.Value;

/**
 * {@code qos::percentile} (Tremor 0.11, op/qos/percentile.rs): marks events transactional and lets
 * a share of them through on {@code out}, the rest go to {@code overflow}. The share starts at
 * 100%, drops by {@code step_down} for every bad insight (fail, circuit break, error, delivery
 * slower than {@code timeout} ms) and rises by {@code step_up} for every good one. Which events
 * pass is decided from the event's ingest time ({@code ingest_ns % 0xFFFF / 0xFFFF > share}
 * overflows), as in Tremor.
 */
final class PercentileOperator implements Operator {

  static final OperatorKind KIND =
      OperatorKind.of(
          "qos::percentile",
          ConfigSpec.of(
              BackpressureOperator.TIMEOUT,
              ConfigKey.optional(
                  "step_down",
                  ConfigType.FLOAT,
                  Value.of(0.05),
                  "how much the share of events let through drops per bad insight (0.0 to 1.0)"),
              ConfigKey.optional(
                  "step_up",
                  ConfigType.FLOAT,
                  Value.of(0.001),
                  "how much the share rises per good insight (0.0 to 1.0)")),
          (nodeId, config) -> {
            double timeout = config.number("timeout");
            double down = config.number("step_down");
            double up = config.number("step_up");
            return uid -> new PercentileOperator(uid, timeout, down, up);
          });

  private final long uid;
  private final double timeoutMs;
  private final double stepDown;
  private final double stepUp;
  private double share = 1.0;

  PercentileOperator(long uid, double timeoutMs, double stepDown, double stepUp) {
    this.uid = uid;
    this.timeoutMs = timeoutMs;
    this.stepDown = stepDown;
    this.stepUp = stepUp;
  }

  double share() {
    return share;
  }

  @Override
  public void onEvent(Event event, Output out) {
    Event marked = BackpressureOperator.tracked(event, uid);
    double r = (double) Long.remainderUnsigned(event.ingestNs(), 0xFFFF) / 0xFFFF;
    out.event(r > share ? BackpressureOperator.OVERFLOW : "out", marked);
  }

  @Override
  public boolean handlesContraflow() {
    return true;
  }

  @Override
  public Insight onContraflow(Insight insight) {
    if (!insight.transit().hasOpMeta(uid)) {
      return insight;
    }
    if (BackpressureOperator.isBad(insight, timeoutMs)) {
      share = Math.max(0.0, share - stepDown);
    } else {
      share = Math.min(1.0, share + stepUp);
    }
    return insight;
  }
}
