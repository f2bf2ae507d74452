package io.quiver.connectors.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.tukaani.xz.XZInputStream;

/** The lines of a blaster's source file, loaded once into memory. */
final class ReplayData {
  private ReplayData() {}

  /**
   * Reads {@code file} ({@code .xz} is decompressed) and splits it into lines. Like Rust's {@code
   * BufRead::lines}: separators are {@code \n} or {@code \r\n}, a trailing newline ends the last
   * line rather than starting an empty one.
   *
   * @throws IOException with a message naming the file and what to do
   */
  static List<byte[]> load(Path file, boolean base64) throws IOException {
    byte[] raw;
    try (InputStream in = open(file)) {
      raw = in.readAllBytes();
    } catch (IOException e) {
      throw new IOException(
          "blaster: cannot read source file "
              + file
              + ": "
              + describe(e)
              + " (check the onramp's config.source)",
          e);
    }
    List<byte[]> lines = split(raw);
    if (base64) {
      Base64.Decoder decoder = Base64.getDecoder();
      for (int i = 0; i < lines.size(); i++) {
        try {
          lines.set(i, decoder.decode(lines.get(i)));
        } catch (IllegalArgumentException e) {
          throw new IOException(
              "blaster: line "
                  + (i + 1)
                  + " of "
                  + file
                  + " is not valid base64: "
                  + e.getMessage()
                  + " (set base64: false to send lines as they are)");
        }
      }
    }
    if (lines.isEmpty()) {
      throw new IOException("blaster: source file " + file + " has no lines to replay");
    }
    return lines;
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName() != null && file.getFileName().toString().endsWith(".xz")) {
      return new XZInputStream(in);
    }
    return in;
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  static List<byte[]> split(byte[] raw) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n') {
        int end = i > start && raw[i - 1] == '\r' ? i - 1 : i;
        lines.add(Arrays.copyOfRange(raw, start, end));
        start = i + 1;
      }
    }
    if (start < raw.length) {
      lines.add(Arrays.copyOfRange(raw, start, raw.length));
    }
    return lines;
  }
}
