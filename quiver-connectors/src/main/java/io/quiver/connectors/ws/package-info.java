/**
 * The websocket onramp and offramp on Netty. Entry points: {@link
 * io.quiver.connectors.ws.WsOnrampProvider} and {@link io.quiver.connectors.ws.WsOfframpProvider}
 * (ServiceLoader, {@code type: ws}, their {@code ConfigSpec}s), {@link
 * io.quiver.connectors.ws.WsOnramp} (a server: one runtime stream per client, replies back on the
 * client's channel) and {@link io.quiver.connectors.ws.WsOfframp} (a client: one {@code
 * UpstreamSession} per client or per url, exactly one answer per event). Each concern is one small
 * Netty handler, assembled by {@code OnrampChannelInitializer} and {@code
 * UpstreamChannelInitializer}; all onramps and offramps share one group of Netty event loops.
 *
 * <p>Everything runs on Netty event loops and never blocks them; every queue is bounded, and a full
 * one slows its producer (stops reading a socket) rather than dropping. Depends on quiver-spi,
 * quiver-value, Netty and SLF4J only: never on the runtime (it talks to it through {@code
 * SourceContext} and {@code SinkContext}).
 */
package io.quiver.connectors.ws;
