/**
 * Offramps that act on the Quiver process itself. Entry point: {@link
 * io.quiver.connectors.process.ExitProvider} (ServiceLoader, {@code type: exit}), which creates an
 * {@link io.quiver.connectors.process.ExitOfframp}: an event {@code {"exit": status, "delay": ms}}
 * ends the process through {@code SinkContext.exitProcess}, so the deployment stops cleanly (sinks
 * flushed) before the JVM ends; the delay runs on a timer thread of its own.
 *
 * <p>Depends on quiver-spi, quiver-value and SLF4J only, never on the runtime.
 */
package io.quiver.connectors.process;
