/**
 * Tremor's Google Pub/Sub connectors over Pub/Sub's REST API ({@link
 * io.quiver.connectors.cloud.pubsub.PubsubApi}: {@code topics.publish}, {@code subscriptions.pull}
 * and {@code subscriptions.acknowledge}, the three calls Tremor's gRPC client made): the {@code
 * gpub} offramp ({@link io.quiver.connectors.cloud.pubsub.GpubSink}, {@code send_message} commands,
 * on its worker thread) and the {@code gsub} onramp ({@link
 * io.quiver.connectors.cloud.pubsub.GsubSource}, a pull loop on a thread of its own that pauses
 * with its stream). Entry points: {@link io.quiver.connectors.cloud.pubsub.GpubProvider}, {@link
 * io.quiver.connectors.cloud.pubsub.GsubProvider}.
 */
package io.quiver.connectors.cloud.pubsub;
