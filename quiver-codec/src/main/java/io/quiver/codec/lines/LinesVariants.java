package io.quiver.codec.lines;

import io.quiver.codec.NamedPreprocessorProvider;

/**
 * The {@code lines} preprocessor variants Tremor 0.11 registers (src/preprocessor.rs), one provider
 * each.
 */
public final class LinesVariants {
  private LinesVariants() {}

  private abstract static class Variant extends NamedPreprocessorProvider {
    Variant(String name, char separator, int maxLength, boolean buffered) {
      super(name, () -> new LinesPreprocessor(name, (byte) separator, maxLength, buffered));
    }
  }

  /** {@code lines}: newline, 1 MiB, buffered. */
  public static final class Lines extends Variant {
    public Lines() {
      super("lines", '\n', LinesPreprocessor.DEFAULT_MAX_LENGTH, true);
    }
  }

  /** {@code lines-null}: NUL byte, 1 MiB, buffered. */
  public static final class Null extends Variant {
    public Null() {
      super("lines-null", '\0', LinesPreprocessor.DEFAULT_MAX_LENGTH, true);
    }
  }

  /** {@code lines-pipe}: '|', 1 MiB, buffered. */
  public static final class Pipe extends Variant {
    public Pipe() {
      super("lines-pipe", '|', LinesPreprocessor.DEFAULT_MAX_LENGTH, true);
    }
  }

  /** {@code lines-no-buffer}: newline, no limit, not buffered. */
  public static final class NoBuffer extends Variant {
    public NoBuffer() {
      super("lines-no-buffer", '\n', 0, false);
    }
  }

  /** {@code lines-cr-no-buffer}: carriage return, no limit, not buffered. */
  public static final class CrNoBuffer extends Variant {
    public CrNoBuffer() {
      super("lines-cr-no-buffer", '\r', 0, false);
    }
  }
}
