package io.quiver.pipeline;

import io.quiver.spi.Insight;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code qos::roundrobin} (Tremor 0.11, op/qos/rr.rs): sends each event to the next open one of
 * {@code outputs}, recording which in the event's operator metadata. A circuit break coming back
 * for an event it sent closes that output (skipped from then on), a restore reopens it; when the
 * last output closes the break goes on upstream, when one reopens a restore does, other circuit
 * insights stop here. With every output closed events go to {@code overflow}. On the first tick it
 * tells upstream the circuit is restored.
 */
final class RoundRobinOperator implements Operator {
  private static final Logger LOG = LoggerFactory.getLogger(RoundRobinOperator.class);

  static final OperatorKind KIND =
      OperatorKind.of(
          "qos::roundrobin",
          ConfigSpec.of(
              ConfigKey.optional(
                      "outputs",
                      ConfigType.STRING_LIST,
                      Value.array(List.of(Value.of("out"))),
                      "the output ports to spread events over, in order")
                  .withCheck(
                      v ->
                          v instanceof Value.Arr a && a.items().isEmpty()
                              ? "value must not be empty"
                              : null)),
          (nodeId, config) -> {
            String[] outputs = config.strings("outputs").toArray(new String[0]);
            return uid -> new RoundRobinOperator(uid, outputs);
          });

  private final long uid;
  private final String[] outputs;
  private final boolean[] open;
  private int next;
  private boolean first = true;

  RoundRobinOperator(long uid, String[] outputs) {
    this.uid = uid;
    this.outputs = outputs;
    this.open = new boolean[outputs.length];
    java.util.Arrays.fill(open, true);
  }

  boolean isOpen(int output) {
    return open[output];
  }

  @Override
  public void onEvent(Event event, Output out) {
    for (int n = 0; n < outputs.length; n++) {
      int id = (next + n) % outputs.length;
      if (open[id]) {
        next = id + 1;
        out.event(outputs[id], event.withTransit(event.transit().withOpMeta(uid, Value.of(id))));
        return;
      }
    }
    out.event(BackpressureOperator.OVERFLOW, event);
  }

  @Override
  public boolean handlesSignal() {
    return true;
  }

  @Override
  public void onSignal(long nowNs, Output out) {
    if (first && anyOpen()) {
      first = false;
      out.insight(Insight.circuitRestored(nowNs));
    }
  }

  @Override
  public boolean handlesContraflow() {
    return true;
  }

  @Override
  public Insight onContraflow(Insight insight) {
    boolean wereAvailable = anyOpen();
    if (insight.transit().opMeta(uid) instanceof Value.Int i
        && i.value() >= 0
        && i.value() < outputs.length) {
      if (insight.kind() == Insight.Kind.CIRCUIT_BROKEN) {
        open[(int) i.value()] = false;
      } else if (insight.kind() == Insight.Kind.CIRCUIT_RESTORED) {
        open[(int) i.value()] = true;
      }
    }
    boolean available = anyOpen();
    if (available && !wereAvailable) {
      LOG.debug("round robin: an output reopened, restoring the circuit upstream");
      return insight.withKind(Insight.Kind.CIRCUIT_RESTORED);
    }
    if (wereAvailable && !available) {
      LOG.debug("round robin: every output is closed, breaking the circuit upstream");
      return insight.withKind(Insight.Kind.CIRCUIT_BROKEN);
    }
    if (insight.isCircuit()) {
      return insight.withKind(Insight.Kind.NONE);
    }
    return insight;
  }

  private boolean anyOpen() {
    for (boolean o : open) {
      if (o) {
        return true;
      }
    }
    return false;
  }
}
