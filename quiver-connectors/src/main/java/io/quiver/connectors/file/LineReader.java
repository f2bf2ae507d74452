package io.quiver.connectors.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines as Rust's {@code BufRead::lines} does (Tremor's file onramp): a
 * line ends at {@code \n}, which is removed together with a {@code \r} right before it; a last line
 * without a newline is still a line; a file ending in a newline has no empty line after it. Reads
 * through a fixed buffer, so only the current line is held in memory, however big the file. Bytes
 * are passed on as they are, valid UTF-8 or not. One thread at a time.
 */
final class LineReader {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int pos;
  private int limit;
  private boolean eof;
  private long lines;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line without its line end, or {@code null} at the end of the input. */
  byte[] next() throws IOException {
    ByteArrayOutputStream longLine = null; // only for lines longer than what the buffer holds
    while (true) {
      if (pos == limit && !fill()) {
        if (longLine == null) {
          return null;
        }
        lines++;
        return longLine.toByteArray(); // the last line, without a newline
      }
      int nl = indexOfNewline();
      if (nl >= 0) {
        byte[] line;
        if (longLine == null) {
          line = Arrays.copyOfRange(buffer, pos, nl);
        } else {
          longLine.write(buffer, pos, nl - pos);
          line = longLine.toByteArray();
        }
        pos = nl + 1;
        lines++;
        return withoutCarriageReturn(line);
      }
      if (longLine == null) {
        longLine = new ByteArrayOutputStream(Math.max(256, (limit - pos) * 2));
      }
      longLine.write(buffer, pos, limit - pos);
      pos = limit;
    }
  }

  /** Lines returned so far. */
  long lines() {
    return lines;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buffer);
    while (n == 0) {
      n = in.read(buffer);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  private int indexOfNewline() {
    for (int i = pos; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] withoutCarriageReturn(byte[] line) {
    return line.length > 0 && line[line.length - 1] == '\r'
        ? Arrays.copyOf(line, line.length - 1)
        : line;
  }
}
