package io.quiver.connectors.stdio;

/**
 * Tremor's {@code stdout} offramp ({@code type: stdout}): each encoded event as a line on the
 * process's standard output, see {@link StdStreamLines}.
 */
public final class StdoutProvider extends StdStreamProvider {
  public static final String NAME = "stdout";

  public StdoutProvider() {
    super(NAME, StdStreams::stdout);
  }
}
