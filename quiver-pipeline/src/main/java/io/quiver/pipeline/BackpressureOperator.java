package io.quiver.pipeline;

import io.quiver.spi.Insight;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Event;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.List;

/**
 * {@code qos::backpressure} (Tremor 0.11, tremor-pipeline/src/op/qos/backpressure.rs): marks events
 * transactional and forwards them on {@code out}; when a downstream fail, circuit break, error or a
 * delivery slower than {@code timeout} ms comes back, it backs off: events whose ingest time is
 * before the end of the backoff go to {@code overflow}. Each further bad insight moves to the next
 * of {@code steps} (ms); a good one ends the backoff. With {@code circuit_breaker} it also breaks
 * the circuit upstream when the backoff starts and restores it on the first tick after it ended.
 *
 * <p>Time is the events' and ticks' own clock (ingest time), never the wall clock.
 */
final class BackpressureOperator implements Operator {
  static final String OVERFLOW = "overflow";

  /** The qos operators' {@code timeout}: what {@link #isBad} compares delivery times with. */
  static final ConfigKey TIMEOUT =
      ConfigKey.required(
          "timeout",
          ConfigType.FLOAT,
          "deliveries taking longer than this many milliseconds count as failures");

  static final OperatorKind KIND =
      OperatorKind.of(
          "qos::backpressure",
          ConfigSpec.of(
              TIMEOUT,
              ConfigKey.optional(
                      "steps",
                      ConfigType.INTEGER_LIST,
                      Value.array(
                          List.of(
                              Value.of(50),
                              Value.of(100),
                              Value.of(250),
                              Value.of(500),
                              Value.of(1000),
                              Value.of(5000),
                              Value.of(10000))),
                      "the backoff steps in milliseconds, one further per failure")
                  .withCheck(BackpressureOperator::nonNegative),
              ConfigKey.optional(
                  "circuit_breaker",
                  ConfigType.BOOL,
                  Value.FALSE,
                  "also break the circuit upstream while backing off (sources pause)")),
          (nodeId, config) -> {
            double timeout = config.number("timeout");
            long[] steps = stepsNs(config.get("steps"));
            boolean cb = config.bool("circuit_breaker");
            return uid -> new BackpressureOperator(uid, timeout, steps, cb);
          });

  static String nonNegative(Value v) {
    if (v instanceof Value.Arr a) {
      for (Value item : a.items()) {
        if (item instanceof Value.Int i && i.value() < 0) {
          return "steps must not be negative";
        }
      }
    }
    return null;
  }

  static long[] stepsNs(Value steps) {
    List<Value> items = steps instanceof Value.Arr a ? a.items() : List.of();
    long[] out = new long[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Value.Int) items.get(i)).value() * 1_000_000L;
    }
    return out;
  }

  private final long uid;
  private final double timeoutMs;
  private final long[] stepsNs;
  private final boolean circuitBreaker;

  /** Current backoff (ns); 0 when events flow freely. */
  private long backoffNs;

  /** Events ingested before this go to overflow. */
  private long nextNs;

  /**
   * The transit of the insight that broke the circuit, so the restore reaches the same operators.
   */
  private Transit brokenBy = Transit.NONE;

  BackpressureOperator(long uid, double timeoutMs, long[] stepsNs, boolean circuitBreaker) {
    this.uid = uid;
    this.timeoutMs = timeoutMs;
    this.stepsNs = stepsNs;
    this.circuitBreaker = circuitBreaker;
  }

  /** The first step above {@code current}, or the last step (Tremor's {@code next_backoff}). */
  static long nextBackoff(long[] steps, long current) {
    long b = 0;
    for (long step : steps) {
      b = step;
      if (b > current) {
        break;
      }
    }
    return b;
  }

  long backoffNs() {
    return backoffNs;
  }

  @Override
  public void onEvent(Event event, Output out) {
    Event marked = tracked(event, uid);
    if (nextNs <= event.ingestNs()) {
      nextNs = event.ingestNs() + backoffNs;
      out.event("out", marked);
    } else {
      out.event(OVERFLOW, marked);
    }
  }

  @Override
  public boolean handlesSignal() {
    return true;
  }

  @Override
  public void onSignal(long nowNs, Output out) {
    if (backoffNs > 0 && nextNs <= nowNs) {
      backoffNs = 0;
      nextNs = 0;
      if (circuitBreaker) {
        Insight restore = Insight.circuitRestored(nowNs);
        out.insight(restore.withId(restore.id(), brokenBy.opMetaOnly()));
        brokenBy = Transit.NONE;
      }
    }
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
    boolean wasOpen = backoffNs == 0;
    if (isBad(insight, timeoutMs)) {
      backoffNs = nextBackoff(stepsNs, backoffNs);
      nextNs = insight.ingestNs() + backoffNs;
    } else {
      backoffNs = 0;
      nextNs = 0;
    }
    if (circuitBreaker && wasOpen && backoffNs > 0) {
      brokenBy = insight.transit();
      return insight.withKind(Insight.Kind.CIRCUIT_BROKEN);
    }
    if (insight.kind() == Insight.Kind.CIRCUIT_BROKEN) {
      return insight.withKind(Insight.Kind.NONE);
    }
    return insight;
  }

  /**
   * {@code event} made transactional and marked with operator {@code uid}, so that the insights
   * about its delivery come back to that operator.
   */
  static Event tracked(Event event, long uid) {
    return event.withTransit(event.transit().withOpMeta(uid, Value.NULL).withTransactional(true));
  }

  /**
   * A fail, a circuit break, an {@code error} or a {@code time} above the timeout (Tremor's test).
   */
  static boolean isBad(Insight insight, double timeoutMs) {
    if (insight.kind() == Insight.Kind.FAIL || insight.kind() == Insight.Kind.CIRCUIT_BROKEN) {
      return true;
    }
    if (!(insight.meta() instanceof Value.Obj meta)) {
      return false;
    }
    if (meta.get("error") != null) {
      return true;
    }
    return switch (meta.get("time")) {
      case Value.Int i -> i.value() > timeoutMs;
      case Value.Float f -> f.value() > timeoutMs;
      case null, default -> false;
    };
  }
}
