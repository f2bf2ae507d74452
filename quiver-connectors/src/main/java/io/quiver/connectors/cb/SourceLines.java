package io.quiver.connectors.cb;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a file as Tremor's {@code cb} onramp reads them (async-std's {@code lines}): split
 * at {@code \n}, a trailing {@code \r} removed, a last line without {@code \n} still a line, no
 * empty line after a final {@code \n}. Lines that are not UTF-8 are reported as {@link
 * NotUtf8Exception} and skipped (Tremor logs them and sends nothing). Single-threaded.
 */
final class SourceLines implements Closeable {
  /** A line that is not valid UTF-8; reading goes on with the next line. */
  static final class NotUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    NotUtf8Exception(long line) {
      super("line " + line + " is not valid UTF-8; skipped");
    }
  }

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private long number;

  private SourceLines(InputStream in) {
    this.in = in;
  }

  /** Opens {@code path}; fails with the file's name and the reason. */
  static SourceLines open(Path path) throws IOException {
    return new SourceLines(new BufferedInputStream(Files.newInputStream(path)));
  }

  /** The bytes of the next line without its line end, or {@code null} at the end of the file. */
  byte[] next() throws IOException {
    line.reset();
    int b;
    boolean any = false;
    while ((b = in.read()) != -1) {
      any = true;
      if (b == '\n') {
        break;
      }
      line.write(b);
    }
    if (!any) {
      return null;
    }
    number++;
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    byte[] out = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out));
    } catch (CharacterCodingException e) {
      throw new NotUtf8Exception(number);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
