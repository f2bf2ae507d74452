package io.quiver.codec.lines;

import io.quiver.spi.Postprocessor;
import io.quiver.spi.PostprocessorProvider;
import java.util.List;

/** Tremor's {@code lines} postprocessor: appends {@code \n} to every chunk. */
public final class LinesPostprocessor implements Postprocessor {
  public static final String NAME = "lines";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) {
    byte[] line = new byte[data.length + 1];
    System.arraycopy(data, 0, line, 0, data.length);
    line[data.length] = '\n';
    out.add(line);
  }

  /** Registers the postprocessor as {@value #NAME}. */
  public static final class Provider implements PostprocessorProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Postprocessor create() {
      return new LinesPostprocessor();
    }
  }
}
