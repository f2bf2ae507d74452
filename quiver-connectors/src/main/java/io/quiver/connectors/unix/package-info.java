/**
 * Tremor 0.11's {@code unix-socket} onramp, on the Netty plumbing every network connector shares
 * ({@link io.quiver.connectors.net}: the shared event loops' unix domain socket server channel,
 * epoll's, io_uring's or NIO's). Entry point: {@link
 * io.quiver.connectors.unix.UnixSocketOnrampProvider}: a server on a socket file, one stream per
 * connection, read as the tcp onramp reads its connections ({@code tcp.TcpStreamHandler}), the file
 * removed on stop.
 *
 * <p>Depends on quiver-spi, quiver-value, Netty and SLF4J, never on the runtime.
 */
package io.quiver.connectors.unix;
