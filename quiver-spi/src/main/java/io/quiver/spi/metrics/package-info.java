/**
 * Metrics read at scrape time, without a metrics library: {@link
 * io.quiver.spi.metrics.MetricsReport} is where the runtime, sources and sinks write their
 * counters, gauges and histograms when something (the Prometheus endpoint) asks for them; {@link
 * io.quiver.spi.metrics.LatencyHistogram} is a fixed-bucket histogram cheap enough to record into
 * from an event loop.
 *
 * <p>The counters themselves stay where they are counted (a {@link
 * java.util.concurrent.atomic.LongAdder} field next to the code that counts): recording is a plain
 * increment, and nothing is looked up, allocated or registered per event.
 */
package io.quiver.spi.metrics;
