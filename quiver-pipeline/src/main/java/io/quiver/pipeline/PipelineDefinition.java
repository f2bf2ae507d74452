package io.quiver.pipeline;

import io.quiver.value.Value;
import java.util.Map;

/**
 * A compiled Trickle query: its id, its {@code #!config} directives and the operator graph, ready
 * to be instantiated any number of times. Immutable and thread-safe.
 */
public final class PipelineDefinition {
  private final String id;
  private final Map<String, Value> config;
  private final GraphPlan plan;
  private final java.util.List<String> warnings;

  PipelineDefinition(
      String id, Map<String, Value> config, GraphPlan plan, java.util.List<String> warnings) {
    this.id = id;
    this.config = config;
    this.plan = plan;
    this.warnings = java.util.List.copyOf(warnings);
  }

  /** Tremor's compile warnings for the query and its scripts, rendered in Tremor's layout. */
  public java.util.List<String> warnings() {
    return warnings;
  }

  /** {@code #!config id = "..."} if set, else the default id given to the compiler. */
  public String id() {
    return id;
  }

  /**
   * The {@code #!config} directives in source order (e.g. {@code id}, {@code metrics_interval_s}).
   */
  public Map<String, Value> config() {
    return config;
  }

  /**
   * Whether instances report Tremor's {@code events} metrics out of their {@code metrics} port:
   * {@code #!config metrics_interval_s} is a non-negative integer.
   */
  public boolean reportsMetrics() {
    return PipelineMetrics.intervalNs(config.get("metrics_interval_s")) >= 0;
  }

  /** A fresh, independent pipeline instance with its own operator and script state. */
  public Pipeline instantiate() {
    return instantiate(id);
  }

  /**
   * A fresh instance whose metrics ({@code #!config metrics_interval_s}) name it {@code
   * instanceUrl}, e.g. {@code tremor://localhost/pipeline/main/01}.
   */
  public Pipeline instantiate(String instanceUrl) {
    return new GraphPipeline(
        id, plan, PipelineMetrics.of(config.get("metrics_interval_s"), instanceUrl, plan));
  }

  /**
   * Names of the pipeline's output ports ({@code out}, {@code err}, {@code metrics}, {@code into
   * out/<port>} ports).
   */
  public java.util.Set<String> outputPorts() {
    return plan.outputPorts();
  }

  /** Names of the pipeline's input ports ({@code in} and {@code from in/<port>} ports). */
  public java.util.Set<String> inputPorts() {
    return plan.inputPorts();
  }
}
