/**
 * Tremor's {@code nats} onramp and offramp on the NATS Java client (jnats; a module of its own: no
 * other connector needs the client).
 *
 * <p>Entry points: {@link io.quiver.connectors.nats.NatsOnrampProvider} and {@link
 * io.quiver.connectors.nats.NatsOfframpProvider}, found through {@code META-INF/services}. Each
 * onramp pulls from its subscription on a thread of its own ({@code NatsSource}) and each offramp
 * publishes from a thread of its own ({@code NatsSink}, bounded queue, senders held past its high
 * water mark); {@code NatsLink} keeps the connection up and reports it to the offramp's circuit
 * breaker. {@code NatsConnectOptions} maps Tremor's {@code options} (auth, TLS via {@code PemTls})
 * to the client's. Depends on quiver-spi and quiver-value only, never on the runtime.
 */
package io.quiver.connectors.nats;
