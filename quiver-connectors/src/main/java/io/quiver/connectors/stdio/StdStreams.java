package io.quiver.connectors.stdio;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The process's two std streams, each with one {@link StdStreamWriter} shared by every offramp
 * instance writing to it (as in Tremor, all instances write to the same stream). The streams are
 * looked up at each write, so {@link System#setOut} is honoured.
 */
final class StdStreams {
  /** Blocks the hand-off to a stream's writer thread holds at most. */
  static final int CAPACITY = 8_192;

  private StdStreams() {}

  private static final class Out {
    static final StdStreamWriter WRITER =
        new StdStreamWriter("quiver-stdout", current(() -> System.out), CAPACITY);
  }

  private static final class Err {
    static final StdStreamWriter WRITER =
        new StdStreamWriter("quiver-stderr", current(() -> System.err), CAPACITY);
  }

  static StdStreamWriter stdout() {
    return Out.WRITER;
  }

  static StdStreamWriter stderr() {
    return Err.WRITER;
  }

  private static OutputStream current(Supplier<PrintStream> stream) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        stream.get().write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        stream.get().write(b, off, len);
      }

      @Override
      public void flush() {
        stream.get().flush();
      }
    };
  }
}
