/**
 * Timer-driven onramps. Entry point: {@link io.quiver.connectors.time.MetronomeProvider}
 * (ServiceLoader, {@code type: metronome}, its {@code ConfigSpec}), which creates a {@link
 * io.quiver.connectors.time.Metronome}: one event per interval on a daemon scheduler thread of its
 * own, never on a Netty event loop or a pipeline thread.
 *
 * <p>Depends on quiver-spi, quiver-value and SLF4J only, never on the runtime.
 */
package io.quiver.connectors.time;
