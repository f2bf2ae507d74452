package io.quiver.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled topology: nodes by index, and for each node and output port the indices of the nodes
 * it feeds, resolved at compile time so the event path does no name lookups for the usual ports
 * ({@code out}, {@code err}). {@code metricsLayout} says where Tremor would count events for {@code
 * #!config metrics_interval_s} ({@link MetricsLayout}).
 */
record GraphPlan(
    Node[] nodes,
    int[][] outTargets,
    int[][] errTargets,
    List<Map<String, int[]>> otherTargets,
    Map<String, Integer> inputs,
    int defaultInput,
    Set<String> outputPorts,
    MetricsLayout metricsLayout) {

  Set<String> inputPorts() {
    return inputs.keySet();
  }

  /** Targets of {@code port} of node {@code node} (never null). */
  int[] targets(int node, String port) {
    if ("out".equals(port)) {
      return outTargets[node];
    }
    if ("err".equals(port)) {
      return errTargets[node];
    }
    int[] t = otherTargets.get(node).get(port);
    return t == null ? NONE : t;
  }

  static final int[] NONE = new int[0];
}
