package io.quiver.connectors.postgres;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * The onramp's cursor on disk (Tremor's {@code cache}: a file of {@code size} bytes holding {@code
 * {"consume_from": ..., "consume_until": ...}} in the cursor time format). Written after every
 * window, in place, padded with blanks to {@code size} and forced to disk.
 *
 * <p>Quiver also records the configured {@code consume_from} (key {@code "configured_from"}) and,
 * when the onramp starts again with the same {@code consume_from}, resumes from the stored cursor
 * instead of querying everything from {@code consume_from} again as Tremor 0.11 does.
 */
final class CursorCache implements AutoCloseable {
  static final String TOO_LARGE = "object too large to store in memory-mapped file";

  private final Path path;
  private final int size;
  private final String configuredFrom;
  private final FileChannel file;

  private CursorCache(Path path, int size, String configuredFrom, FileChannel file) {
    this.path = path;
    this.size = size;
    this.configuredFrom = configuredFrom;
    this.file = file;
  }

  /**
   * Opens (creates) the file and returns it with the cursor to start from: the stored one when it
   * was written for the same {@code consume_from}, else {@code [consume_from, now)}, which is
   * written at once (so a file that cannot be written fails the start).
   */
  static Opened open(PostgresOnrampSettings settings, OffsetDateTime now) throws IOException {
    Path path = settings.cachePath();
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel ch =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    CursorCache cache = new CursorCache(path, settings.cacheSize(), settings.consumeFromText(), ch);
    try {
      Cursor stored = cache.read();
      boolean resumed = stored != null;
      Cursor cursor = resumed ? stored : new Cursor(settings.consumeFrom(), now);
      cache.store(cursor);
      return new Opened(cache, cursor, resumed);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The opened file and where to start. */
  record Opened(CursorCache cache, Cursor cursor, boolean resumed) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      cache.close();
    }
  }

  /** The stored cursor if the file holds one written for this {@code consume_from}, else null. */
  Cursor read() throws IOException {
    long length = Math.min(file.size(), size);
    if (length == 0) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) length);
    file.read(buf, 0);
    byte[] bytes = Arrays.copyOf(buf.array(), buf.position());
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0 || bytes[end - 1] == '\n')) {
      end--;
    }
    try {
      if (!(Json.parse(bytes, 0, end) instanceof Value.Obj o)
          || !configuredFrom.equals(text(o.get("configured_from")))) {
        return null;
      }
      String from = text(o.get("consume_from"));
      String until = text(o.get("consume_until"));
      if (from == null || until == null) {
        return null;
      }
      return new Cursor(TremorTime.parse(from), TremorTime.parse(until));
    } catch (JsonException | TremorTime.ParseException e) {
      return null;
    }
  }

  /** Writes {@code cursor} in place and forces it to disk. Blocks (the poll thread). */
  void store(Cursor cursor) throws IOException {
    Value obj =
        Value.obj(
            "consume_from", Value.of(TremorTime.cursor(cursor.from())),
            "consume_until", Value.of(TremorTime.cursor(cursor.until())),
            "configured_from", Value.of(configuredFrom));
    byte[] json = Json.writeBytes(obj);
    if (json.length > size) {
      throw new IOException(
          TOO_LARGE + " (" + path + ": cache.size " + size + " < " + json.length + ")");
    }
    byte[] padded = Arrays.copyOf(json, size);
    Arrays.fill(padded, json.length, size, (byte) ' ');
    ByteBuffer buf = ByteBuffer.wrap(padded);
    long pos = 0;
    while (buf.hasRemaining()) {
      pos += file.write(buf, pos);
    }
    if (file.size() > size) {
      file.truncate(size);
    }
    file.force(false);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  private static String text(Value v) {
    return v == null ? null : v.asString();
  }
}
