package io.quiver.connectors.stdio;

/**
 * Tremor's {@code stderr} offramp ({@code type: stderr}): each encoded event as a line on the
 * process's standard error, see {@link StdStreamLines}.
 */
public final class StderrProvider extends StdStreamProvider {
  public static final String NAME = "stderr";

  public StderrProvider() {
    super(NAME, StdStreams::stderr);
  }
}
