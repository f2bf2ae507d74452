/**
 * Tremor's {@code newrelic} offramp: every event (every entry of a batch) becomes one log in a
 * request to New Relic's Log API ({@link io.quiver.connectors.cloud.newrelic.NewRelicLogs} builds
 * the {@code [{"logs": [...]}]} body, gzip'd when {@code compress_logs}), sent with the license or
 * insert key header by {@link io.quiver.connectors.cloud.newrelic.NewRelicSink} on its worker
 * thread. Entry point: {@link io.quiver.connectors.cloud.newrelic.NewRelicProvider}.
 */
package io.quiver.connectors.cloud.newrelic;
