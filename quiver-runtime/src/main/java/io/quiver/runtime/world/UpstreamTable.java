package io.quiver.runtime.world;

import io.quiver.spi.Insight;
import java.util.Arrays;

/**
 * The inputs of a pipeline or offramp, for the contraflow: where insights go once they leave it.
 * Circuit changes go to every input; acks and fails only to the pipelines the event passed (their
 * uid is in its operator metadata) and to onramps (which pick the ones that concern them). Linked
 * offramps feeding a pipeline never get insights (Tremor avoids cycles the same way). Filled while
 * the deployment is linked, read-only afterwards.
 */
final class UpstreamTable {
  /** How many pipelines an insight may travel through (bounds cycles between pipelines). */
  static final int HOPS = 16;

  private PipelineRunner[] pipelines = new PipelineRunner[0];
  private OnrampInstance[] onramps = new OnrampInstance[0];

  void add(PipelineRunner pipeline) {
    if (!Arrays.asList(pipelines).contains(pipeline)) {
      pipelines = Arrays.copyOf(pipelines, pipelines.length + 1);
      pipelines[pipelines.length - 1] = pipeline;
    }
  }

  void add(OnrampInstance onramp) {
    if (!Arrays.asList(onramps).contains(onramp)) {
      onramps = Arrays.copyOf(onramps, onramps.length + 1);
      onramps[onramps.length - 1] = onramp;
    }
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
