/**
 * A running deployment. {@code World} loads the files, validates every artefact and binding (all
 * problems at once), instantiates the mappings and links the instances, then starts and stops them
 * in Tremor's activation order, with a drain on stop.
 *
 * <p>The event path: {@code OnrampInstance} (a {@code SourceContext}: decoding, event ids,
 * backpressure, replies), {@code PortTable} and {@code Destination} (where a port's events go),
 * {@code PipelineRunner} (one thread at a time per pipeline, inline when uncontended, error answers
 * for linked origins), {@code OfframpInstance} (a {@code SinkContext}: replies, holds, insights)
 * and {@code UpstreamTable} (the contraflow back to pipelines and onramps). Nothing here blocks an
 * event loop. Depends on quiver-pipeline, quiver-script, quiver-spi and quiver-value: never on a
 * concrete connector (plugins are found through the {@link io.quiver.runtime.Registry}).
 */
package io.quiver.runtime.world;
