/**
 * The file onramp and offramp ({@code type: file}, Tremor 0.11.12's keys). Entry points: {@link
 * io.quiver.connectors.file.FileOnrampProvider} and {@link
 * io.quiver.connectors.file.FileOfframpProvider} (ServiceLoader, their {@code ConfigSpec}s).
 *
 * <p>{@link io.quiver.connectors.file.FileOnramp} reads its file (plain or {@code .xz}) once on a
 * thread of its own, one message per line ({@link io.quiver.connectors.file.LineReader}, Rust's
 * line rules), pausing while the runtime pauses the stream; at the end it may end the process
 * ({@code close_on_done}). {@link io.quiver.connectors.file.FileOfframp} formats events on the
 * pipeline thread and hands them to a bounded {@link io.quiver.connectors.file.FileWriterThread},
 * which writes and flushes the file on its own thread. {@link io.quiver.connectors.file.FileAccess}
 * opens the files and checks them when the config is validated, so a file that cannot be read or
 * written refuses the deployment with its path.
 *
 * <p>Depends on quiver-spi, quiver-value, SLF4J and xz (for {@code .xz} sources) only, never on the
 * runtime.
 */
package io.quiver.connectors.file;
