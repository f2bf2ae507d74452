package io.quiver.pipeline;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A pipeline instance's {@code events} metrics (Tremor 0.11's {@code #!config metrics_interval_s =
 * N}): per node, the events it took in and sent out, per port, counted since the pipeline started.
 *
 * <p>As in Tremor (tremor-pipeline's {@code ExecutableGraph::enqueue}), the report is event-driven:
 * when an event arrives whose ingest time is more than the interval after the last report's, the
 * counts so far are sent out of the pipeline's {@code metrics} port (ahead of that event's own
 * outputs), stamped with that event's ingest time. Nothing is sent for nodes that counted nothing,
 * so the first report (on the first event) is empty. Per node, in node order: the operator's own
 * metrics ({@code grouper::bucket}'s {@code bucketing}), then one {@code events} metric per input
 * port, then one per output port: {@code {"measurement": "events", "tags": {"pipeline": <instance
 * url>, "node": <id>, "direction": "input"|"output", "port": <port>}, "fields": {"count": n},
 * "timestamp": ns}}.
 *
 * <p>Counting is one small array scan per node and port an event passes; no allocation after a
 * port's first event.
 */
final class PipelineMetrics {
  static final String PORT = "metrics";

  private final long intervalNs;
  private final Value pipeline;
  private final Node[] nodes;
  private final MetricsLayout layout;
  private final PortCounts[] inputs;
  private final PortCounts[] outputs;
  private long lastNs;

  private PipelineMetrics(long intervalNs, String pipelineUrl, Node[] nodes, MetricsLayout layout) {
    this.intervalNs = intervalNs;
    this.pipeline = Value.of(pipelineUrl);
    this.nodes = nodes;
    this.layout = layout;
    this.inputs = new PortCounts[nodes.length];
    this.outputs = new PortCounts[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      inputs[i] = new PortCounts();
      outputs[i] = new PortCounts();
    }
  }

  /**
   * The metrics of a new instance, or null when the query sets no {@code metrics_interval_s} (or
   * not a non-negative integer, which Tremor ignores too).
   */
  static PipelineMetrics of(Value intervalS, String pipelineUrl, GraphPlan plan) {
    long ns = intervalNs(intervalS);
    if (ns < 0 || plan.metricsLayout() == null) {
      return null;
    }
    return new PipelineMetrics(ns, pipelineUrl, plan.nodes(), plan.metricsLayout());
  }

  /** The interval in ns of a {@code metrics_interval_s} setting, or -1 when it sets none. */
  static long intervalNs(Value intervalS) {
    if (!(intervalS instanceof Value.Int i) || i.value() < 0) {
      return -1;
    }
    return i.value() > Long.MAX_VALUE / 1_000_000_000L
        ? Long.MAX_VALUE
        : i.value() * 1_000_000_000L;
  }

  MetricsLayout layout() {
    return layout;
  }

  /** Whether an event ingested at {@code ingestNs} triggers a report (Tremor's unsigned test). */
  boolean due(long ingestNs) {
    return Long.compareUnsigned(ingestNs - lastNs, intervalNs) > 0;
  }

  void countIn(int node, String port) {
    inputs[node].increment(port);
  }

  void countOut(int node, String port) {
    outputs[node].increment(port);
  }

  /** Input count of a node's port (tests). */
  long inputCount(int node, String port) {
    return inputs[node].count(port);
  }

  /** Output count of a node's port (tests). */
  long outputCount(int node, String port) {
    return outputs[node].count(port);
  }

  /** Sends the report stamped {@code nowNs} out of {@code metrics}; the next is due from then. */
  void report(long nowNs, Operator[] operators, Emitter out) {
    lastNs = nowNs;
    for (Value metric : values(nowNs, operators)) {
      out.emit(PORT, MetricEvents.event(metric, nowNs));
    }
  }

  /**
   * The report's values. The tags are built as Tremor builds them, in one record reused from node
   * to node: an operator's metrics get a copy of it as it stands (so they also carry the {@code
   * direction} and {@code port} last set for an earlier node, as Tremor's do).
   */
  List<Value> values(long nowNs, Operator[] operators) {
    List<Value> res = new ArrayList<>();
    LinkedHashMap<String, Value> tags = new LinkedHashMap<>();
    tags.put("pipeline", pipeline);
    for (int i = 0; i < nodes.length; i++) {
      tags.put("node", Value.of(nodes[i].id()));
      if (operators[i] != null) {
        operators[i].metrics(tags, nowNs, res);
      }
      tags.put("direction", Value.of("input"));
      add(res, tags, inputs[i], nowNs);
      tags.put("direction", Value.of("output"));
      add(res, tags, outputs[i], nowNs);
    }
    return res;
  }

  private static void add(
      List<Value> res, LinkedHashMap<String, Value> tags, PortCounts counts, long nowNs) {
    for (int p = 0; p < counts.size(); p++) {
      tags.put("port", Value.of(counts.port(p)));
      res.add(
          MetricEvents.influx(
              "events", Value.obj(new LinkedHashMap<>(tags)), counts.count(p), nowNs));
    }
  }
}
