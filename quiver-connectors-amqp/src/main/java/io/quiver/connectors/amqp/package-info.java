/**
 * Tremor's {@code amqp} onramp and offramp (AMQP 0-9-1) on RabbitMQ's Java client (a module of its
 * own: no other connector needs the client).
 *
 * <p>Entry points: {@link io.quiver.connectors.amqp.AmqpOnrampProvider} and {@link
 * io.quiver.connectors.amqp.AmqpOfframpProvider}, found through {@code META-INF/services}. Each
 * onramp hands deliveries to the runtime from a thread of its own ({@code AmqpSource}, bounded by
 * the channel's prefetch; with guaranteed delivery {@code DeliveryTracker} acks a delivery once its
 * events were acknowledged); each offramp publishes from a thread of its own ({@code AmqpSink},
 * bounded queue, publisher confirms in {@code Confirms}). {@code AmqpLink} keeps the connection up
 * (the client recovers channels, queues, bindings and consumers) and reports it to the offramp's
 * circuit breaker. Depends on quiver-spi and quiver-value only, never on the runtime.
 */
package io.quiver.connectors.amqp;
