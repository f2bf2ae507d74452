/**
 * Netty plumbing shared by every network connector, whatever its protocol: the process's event
 * loops and socket transport ({@link io.quiver.connectors.net.EventLoops}, {@link
 * io.quiver.connectors.net.NettyTransport}, with their process settings {@code quiver.transport}
 * and {@code quiver.ws.threads}), TLS on both sides ({@link
 * io.quiver.connectors.net.ServerTlsSettings}, {@link io.quiver.connectors.net.ClientTlsSettings},
 * {@link io.quiver.connectors.net.ClientTlsContext}), connection admission ({@link
 * io.quiver.connectors.net.AcceptRateGuard}, {@link io.quiver.connectors.net.PendingHandshakes}),
 * the connection counters ({@link io.quiver.connectors.net.ConnectionMetrics}), the turn-batched
 * writer ({@link io.quiver.connectors.net.TurnBatchedWriter}), the clocks of idle connections and
 * of peers that stop reading ({@link io.quiver.connectors.net.IdleTimeout}, {@link
 * io.quiver.connectors.net.UnwritableTimeout}), the ordered hand-over of work to a channel's loop
 * ({@link io.quiver.connectors.net.OrderedLoopInlet}) and the reset of a connection whose peer
 * stopped reading ({@link io.quiver.connectors.net.AbortiveClose}), name resolution that never
 * blocks a loop ({@link io.quiver.connectors.net.NameResolution}) and the bound on a sink's
 * operations in progress that holds senders back ({@link
 * io.quiver.connectors.net.OutstandingLimit}).
 *
 * <p>Nothing here knows a protocol: the websocket ({@code io.quiver.connectors.ws}), udp ({@code
 * io.quiver.connectors.udp}) and dns ({@code io.quiver.connectors.dns}) connectors build on it, and
 * so should the http and tcp ones.
 */
package io.quiver.connectors.net;
