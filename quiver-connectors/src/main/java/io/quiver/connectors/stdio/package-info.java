/**
 * Tremor's {@code stdin} onramp and its {@code stdout} and {@code stderr} offramps ({@code type:
 * stdout}, {@code type: stderr}; keys {@code prefix} and {@code raw}; codec json by default;
 * postprocessors applied). Entry points: {@link io.quiver.connectors.stdio.StdoutProvider} and
 * {@link io.quiver.connectors.stdio.StderrProvider} (ServiceLoader, one {@code ConfigSpec} in
 * {@link io.quiver.connectors.stdio.StdStreamSettings}); {@link
 * io.quiver.connectors.stdio.StdStreamSink} turns each event into Tremor's lines ({@link
 * io.quiver.connectors.stdio.StdStreamLines}) and hands them to a {@link
 * io.quiver.connectors.stdio.StdStreamWriter}, one writer thread per process stream, so a slow
 * reader of the process's stdout never blocks a pipeline thread or a Netty event loop. {@link
 * io.quiver.connectors.stdio.DebugProvider} ({@code type: debug}) writes Tremor's per-{@code
 * $class} count table through the same stdout writer. {@link
 * io.quiver.connectors.stdio.StdinProvider} ({@code type: stdin}) reads the process's stdin on a
 * thread of its own ({@link io.quiver.connectors.stdio.StdinSource}). Depends on quiver-spi,
 * quiver-value and SLF4J only, never on the runtime.
 */
package io.quiver.connectors.stdio;
