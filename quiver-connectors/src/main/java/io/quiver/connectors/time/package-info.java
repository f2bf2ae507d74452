/**
 * Timer-driven onramps. Entry points: {@link io.quiver.connectors.time.MetronomeProvider} ({@code
 * type: metronome}) and {@link io.quiver.connectors.time.CrononomeProvider} ({@code type:
 * crononome}), found by ServiceLoader with their {@code ConfigSpec}s. A {@link
 * io.quiver.connectors.time.Metronome} emits one event per interval; a {@link
 * io.quiver.connectors.time.Crononome} one per due cron entry ({@link
 * io.quiver.connectors.time.CronExpression}: Tremor's cron syntax with seconds, in UTC). Each runs
 * on a daemon scheduler thread of its own, never on a Netty event loop or a pipeline thread.
 *
 * <p>Depends on quiver-spi, quiver-value and SLF4J only, never on the runtime.
 */
package io.quiver.connectors.time;
