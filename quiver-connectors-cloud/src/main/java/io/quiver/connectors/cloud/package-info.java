/**
 * What the cloud connectors share: {@link io.quiver.connectors.cloud.QueuedSink} (a sink whose
 * requests run in order on its own worker thread behind a bounded queue, acked when done, failed
 * with an error event on {@code err} when not), {@link io.quiver.connectors.cloud.EndpointCircuit}
 * (Tremor's circuit-breaker insights while a service cannot be reached, probed by TCP connects),
 * {@link io.quiver.connectors.cloud.Answers} (reply and error events), {@link
 * io.quiver.connectors.cloud.HttpStatusException} and {@link io.quiver.connectors.cloud.Endpoints}
 * (service URLs, overridable for emulators and tests). Subpackages: {@code google} (service-account
 * tokens), {@code gcs}, {@code pubsub}, {@code newrelic}, {@code discord}. Everything here talks
 * through the JDK's {@code java.net.http} clients; nothing runs on a pipeline thread or an event
 * loop. Depends on quiver-spi and SLF4J only.
 */
package io.quiver.connectors.cloud;
