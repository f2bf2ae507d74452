/**
 * The udp onramp and offramp (Tremor 0.11's {@code udp} types), on the shared Netty plumbing of
 * {@code io.quiver.connectors.net}: a datagram channel of the shared event loops ({@link
 * io.quiver.connectors.net.EventLoops#datagramChannel()}) on each side.
 *
 * <p>Entry points: {@link io.quiver.connectors.udp.UdpOnrampProvider} ({@code UdpOnramp}: every
 * datagram one message, one stream, oversized datagrams dropped by {@code DatagramReceiver}) and
 * {@link io.quiver.connectors.udp.UdpOfframpProvider} ({@code UdpOfframp}: every serialized message
 * one datagram, destinations resolved without blocking by {@code Datagrams} through {@link
 * io.quiver.connectors.net.NameResolution}, outstanding sends bounded by {@link
 * io.quiver.connectors.net.OutstandingLimit}). {@link io.quiver.connectors.udp.UdpMetrics} counts
 * what each side did.
 *
 * <p>Depends on quiver-spi, quiver-value, Netty and SLF4J only, never on the runtime.
 */
package io.quiver.connectors.udp;
