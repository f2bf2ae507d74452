/**
 * Tremor's {@code kafka} onramp and offramp on Apache Kafka's own Java client (a module of its own:
 * the client is a dependency no other connector needs).
 *
 * <p>Entry points: {@link io.quiver.connectors.kafka.KafkaOnrampProvider} and {@link
 * io.quiver.connectors.kafka.KafkaOfframpProvider}, found through {@code META-INF/services}. The
 * client's calls block, so each onramp polls on a consumer thread of its own ({@code ConsumerLoop})
 * and each offramp sends from a thread of its own; neither blocks a pipeline or an event loop, and
 * both reach the runtime only through {@code SourceContext}/{@code SinkContext}. Guaranteed
 * delivery: {@code OffsetTracker} commits an offset only once every event up to it was
 * acknowledged; the offramp acks on the broker's acknowledgement and breaks its {@code Circuit}
 * when the brokers are away. {@code RdkafkaOptions} translates Tremor's librdkafka options. Depends
 * on quiver-spi and quiver-value only, never on the runtime.
 */
package io.quiver.connectors.kafka;
