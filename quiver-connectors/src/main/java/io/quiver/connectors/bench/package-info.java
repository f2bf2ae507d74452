/**
 * The benchmark connectors of Tremor's benchmark suite: the {@code blaster} onramp ({@link
 * io.quiver.connectors.bench.BlasterProvider}: replays a data file on its own thread, with flow
 * control) and the {@code blackhole} offramp ({@link io.quiver.connectors.bench.BlackholeProvider}:
 * counts events, records latency, stops the process after a set time). Registered through {@code
 * META-INF/services}; not meant for production deployments.
 *
 * <p>Depends on quiver-spi and quiver-value only; not on the websocket package.
 */
package io.quiver.connectors.bench;
