/**
 * {@code quiver bench}: load tools for measuring the websocket proxy, not part of a deployment:
 * {@code ws} (the load generator {@link io.quiver.server.bench.WsLoad}, closed or open loop, HDR
 * latency, {@code --verify} accounts for every answer), {@code echo} (the upstream of the
 * benchmarks) and {@code abuse} (abusive clients for the soak: slowloris, idle, non-reading, deep,
 * invalid). Targets 127.0.0.1 only. Uses Netty and the shared event loops ({@code
 * io.quiver.connectors.net.EventLoops}); nothing in a deployment depends on it.
 */
package io.quiver.server.bench;
