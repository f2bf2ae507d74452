package io.quiver.runtime.world;

import io.quiver.pipeline.PipelineCompiler;
import io.quiver.runtime.ResourceType;
import io.quiver.script.ScriptException;
import java.util.List;

/**
 * The artefacts every deployment has without declaring them (Tremor's system artefacts): the {@code
 * system::passthrough} and {@code system::metrics} pipelines and the {@code system::stdout} and
 * {@code system::stderr} offramps, with the instances of them that always run.
 */
final class SystemArtefacts {
  static final String PASSTHROUGH = "system::passthrough";
  static final String METRICS = "system::metrics";
  static final String STDOUT = "system::stdout";
  static final String STDERR = "system::stderr";
  private static final String PASSTHROUGH_QUERY = "select event from in into out;\n";

  /**
   * {@code /pipeline/system::metrics/system}: where the metrics of ramps ({@code
   * metrics_interval_s}) and pipelines ({@code #!config metrics_interval_s}) go.
   */
  static final InstanceKey METRICS_INSTANCE =
      new InstanceKey(ResourceType.PIPELINE, METRICS, "system");

  /** The instances a deployment runs before any binding: metrics pipeline, stdout, stderr. */
  static final List<InstanceKey> INSTANCES =
      List.of(
          METRICS_INSTANCE,
          new InstanceKey(ResourceType.OFFRAMP, STDOUT, "system"),
          new InstanceKey(ResourceType.OFFRAMP, STDERR, "system"));

  private SystemArtefacts() {}

  /** Publishes the system pipelines (offramps {@code system::std*} need no declaration). */
  static void publish(Repository repo) {
    try {
      repo.pipelines.put(
          PASSTHROUGH, PipelineCompiler.compile(PASSTHROUGH_QUERY, PASSTHROUGH, PASSTHROUGH));
      repo.pipelines.put(METRICS, PipelineCompiler.compile(PASSTHROUGH_QUERY, METRICS, METRICS));
      repo.pipelineSources.put(PASSTHROUGH, PASSTHROUGH_QUERY);
      repo.pipelineSources.put(METRICS, PASSTHROUGH_QUERY);
    } catch (ScriptException e) {
      throw new IllegalStateException("built-in pipeline does not compile: " + e.getMessage(), e);
    }
  }

  /** Whether {@code id} names a system artefact (they cannot be unpublished). */
  static boolean isSystem(String id) {
    return id.startsWith("system::");
  }

  static boolean isStdStream(String artefact) {
    return STDOUT.equals(artefact) || STDERR.equals(artefact);
  }
}
