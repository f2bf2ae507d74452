/**
 * Trickle queries as running operator graphs. {@link io.quiver.pipeline.PipelineCompiler} turns a
 * parsed query into an immutable {@link io.quiver.pipeline.PipelineDefinition}; each instance is a
 * {@link io.quiver.pipeline.Pipeline} ({@code GraphPipeline}: a depth-first walk over an explicit
 * stack) that sends what it emits to an {@link io.quiver.pipeline.Emitter}. Built-in operators
 * ({@code generic::batch}, the {@code qos::} family with the write-ahead log, windows and group by)
 * live here too, and so do the pipeline's Tremor metrics ({@code PipelineMetrics}: {@code #!config
 * metrics_interval_s}, counted where Tremor's optimised graph counts, see {@code MetricsLayout}).
 *
 * <p>A pipeline is used by one thread at a time (the runtime's runner guarantees it), so operators
 * need no locks and must never block. Depends on quiver-script, quiver-spi and quiver-value: not on
 * the runtime, codecs or connectors.
 */
package io.quiver.pipeline;
