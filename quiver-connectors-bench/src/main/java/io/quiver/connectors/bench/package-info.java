/**
 * The connectors that exist to measure Quiver, as Tremor 0.11's: the {@code blaster} onramp ({@link
 * io.quiver.connectors.bench.BlasterProvider}) replays a file, plain or {@code .xz}, in a loop; the
 * {@code blackhole} offramp ({@link io.quiver.connectors.bench.BlackholeProvider}) records the
 * latency of what reaches it and prints the throughput. Found through {@link
 * java.util.ServiceLoader} like every other plugin; kept in their own module so the production
 * connectors do not depend on xz or HdrHistogram.
 */
package io.quiver.connectors.bench;
