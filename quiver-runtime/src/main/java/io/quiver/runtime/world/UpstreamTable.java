package io.quiver.runtime.world;

import io.quiver.spi.Insight;
import java.util.Arrays;

/**
 * The inputs of a pipeline or offramp, for the contraflow: where insights go once they leave it.
 * Circuit changes go to every input; acks and fails only to the pipelines the event passed (their
 * uid is in its operator metadata) and to onramps (which pick the ones that concern them). Linked
 * offramps feeding a pipeline never get insights (Tremor avoids cycles the same way). Filled while
 * the deployment is linked; changed later only from the control thread, copy-on-write (volatile
 * arrays never changed once published).
 */
final class UpstreamTable {
  /** How many pipelines an insight may travel through (bounds cycles between pipelines). */
  static final int HOPS = 16;

  private volatile PipelineRunner[] pipelines = new PipelineRunner[0];
  private volatile OnrampInstance[] onramps = new OnrampInstance[0];

  void add(PipelineRunner pipeline) {
    PipelineRunner[] current = pipelines;
    if (!Arrays.asList(current).contains(pipeline)) {
      PipelineRunner[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = pipeline;
      pipelines = next;
    }
  }

  void add(OnrampInstance onramp) {
    OnrampInstance[] current = onramps;
    if (!Arrays.asList(current).contains(onramp)) {
      OnrampInstance[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = onramp;
      onramps = next;
    }
  }

  /** Forgets an input (a binding instance deactivated). */
  void remove(Object input) {
    pipelines = Arrays.stream(pipelines).filter(p -> p != input).toArray(PipelineRunner[]::new);
    onramps = Arrays.stream(onramps).filter(o -> o != input).toArray(OnrampInstance[]::new);
  }

  PipelineRunner[] pipelines() {
    return pipelines;
  }

  /** Sends {@code insight} to the inputs it concerns; {@code hops} bounds its further travel. */
  void send(Insight insight, int hops) {
    if (hops <= 0 || insight.kind() == Insight.Kind.NONE) {
      return;
    }
    boolean circuit = insight.isCircuit();
    for (PipelineRunner p : pipelines) {
      if (circuit || insight.transit().hasOpMeta(p.uid())) {
        p.submitInsight(insight, hops);
      }
    }
    for (OnrampInstance o : onramps) {
      o.onInsight(insight);
    }
  }
}
