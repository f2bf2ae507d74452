package io.quiver.value;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file that must be UTF-8 (a deployment file, a {@code .trickle} query, a {@code
 * .tremor} script), saying where it is not instead of the JDK's {@code Input length = 1}.
 */
public final class Utf8File {
  private Utf8File() {}

  /** A file that is not valid UTF-8; the message says where and what to do. */
  public static final class NotUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final int line;
    private final int column;

    NotUtf8Exception(long offset, int line, int column) {
      super(
          "not valid UTF-8 at byte "
              + offset
              + " (line "
              + line
              + ", column "
              + column
              + "); save the file as UTF-8");
      this.offset = offset;
      this.line = line;
      this.column = column;
    }

    /** Index of the first byte that is not part of a valid UTF-8 sequence. */
    public long offset() {
      return offset;
    }

    /** The line of that byte, from 1. */
    public int line() {
      return line;
    }

    /** Its column, from 1, counted in characters. */
    public int column() {
      return column;
    }
  }

  /** The file's text; {@link NotUtf8Exception} when its bytes are not UTF-8. */
  public static String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    Utf8.Error error = Utf8.findError(bytes, 0, bytes.length);
    if (error != null) {
      throw at(bytes, error.validUpTo());
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static NotUtf8Exception at(byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return new NotUtf8Exception(offset, line, before.codePointCount(0, before.length()) + 1);
  }
}
