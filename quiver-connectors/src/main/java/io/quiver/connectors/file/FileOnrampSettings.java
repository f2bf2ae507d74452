package io.quiver.connectors.file;

import java.nio.file.Path;

/**
 * The validated settings of one {@code file} onramp (Tremor 0.11.12's keys).
 *
 * @param source the file to read ({@code .xz} is decompressed), relative to the working directory
 * @param closeOnDone end the process with status 0 once the file is read (and slept on)
 * @param sleepOnDoneMs how long to wait after the last line before {@code closeOnDone} acts
 */
record FileOnrampSettings(Path source, boolean closeOnDone, long sleepOnDoneMs) {}
