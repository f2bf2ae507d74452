/**
 * A deployment, planned and running. {@link io.quiver.runtime.world.DeploymentPlan} is the pure
 * part: it loads the files ({@code ArtefactLoader}), validates every onramp and offramp ({@code
 * RampValidator}) and resolves every mapping into a {@link io.quiver.runtime.world.BindingInstance}
 * in Tremor's activation order ({@code BindingResolver}), reporting all problems at once, without
 * creating anything. {@link io.quiver.runtime.world.World} is the running part: it creates and
 * links the planned instances ({@code Instances}), then starts and stops them in Tremor's
 * activation order, with a drain on stop; {@code PipelineTicker} ticks the pipelines. A running
 * world takes changes (Tremor's REST API) one at a time: {@code ArtefactChanges} publishes and
 * unpublishes artefacts, {@code LiveChanges} activates and deactivates binding instances, refusing
 * with a {@link io.quiver.runtime.world.ChangeRefused}; the tables the event path reads are
 * copy-on-write.
 *
 * <p>The event path: {@code OnrampInstance} (a {@code SourceContext}: decoding, event ids,
 * backpressure, replies), {@code PortTable} and {@code Destination} (where a port's events go),
 * {@code PipelineRunner} (one thread at a time per pipeline, inline when uncontended, error answers
 * for linked origins), {@code OfframpInstance} (a {@code SinkContext}: replies, holds, insights)
 * and {@code UpstreamTable} (the contraflow back to pipelines and onramps); {@code RampMetrics}
 * (Tremor's {@code ramp_events} of a ramp with {@code metrics_interval_s}, reported into {@code
 * system::metrics}, where pipelines with {@code #!config metrics_interval_s} report too). Nothing
 * here blocks an event loop. Depends on quiver-pipeline, quiver-script, quiver-spi and
 * quiver-value: never on a concrete connector (plugins are found through the {@link
 * io.quiver.runtime.Registry}).
 */
package io.quiver.runtime.world;
