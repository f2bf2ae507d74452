/**
 * Tremor's circuit-breaker test ramps ({@code type: cb}), which check delivery guarantees end to
 * end. Entry points (ServiceLoader, each with its {@code ConfigSpec}): {@link
 * io.quiver.connectors.cb.CbOnrampProvider}, whose {@link io.quiver.connectors.cb.CbOnramp} sends
 * the lines of a file as transactional events, counts the acks and fails that come back ({@link
 * io.quiver.connectors.cb.CbLedger}) and ends the process with 0 or 1 once its timeout has passed;
 * and {@link io.quiver.connectors.cb.CbOfframpProvider}, whose {@link
 * io.quiver.connectors.cb.CbOfframp} answers each event with the insights its {@code cb} field
 * names ({@link io.quiver.connectors.cb.CbCommands}).
 *
 * <p>The onramp reads and reports on a daemon thread of its own, never on a pipeline thread or a
 * Netty event loop. Depends on quiver-spi, quiver-value and SLF4J only, never on the runtime.
 */
package io.quiver.connectors.cb;
