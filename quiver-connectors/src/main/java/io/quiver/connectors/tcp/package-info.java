/**
 * Tremor 0.11's {@code tcp} onramp and offramp, on the Netty plumbing every network connector
 * shares ({@link io.quiver.connectors.net}). Entry points: {@link
 * io.quiver.connectors.tcp.TcpOnrampProvider} ({@code type: tcp} onramp: a TCP server, one stream
 * per connection, so buffering preprocessors such as {@code lines} keep each client's partial lines
 * apart) and {@link io.quiver.connectors.tcp.TcpOfframpProvider} ({@code type: tcp} offramp: one
 * client connection that reconnects, reports its circuit and acks what it wrote). Both take an
 * optional {@code tls} record with the keys of the ws connectors.
 *
 * <p>Depends on quiver-spi, quiver-value, Netty and SLF4J, never on the runtime.
 */
package io.quiver.connectors.tcp;
