package io.quiver.pipeline;

import io.quiver.value.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code qos::wal} store in a directory: an append-only log file {@code quiver-wal.log}, our own
 * format, that survives a restart. The log starts with the 8 bytes {@code QWAL\0\0\0\2} (magic and
 * format version 2), then holds records {@code [int length][int crc][byte kind][long number]
 * [payload]}: {@code length} counts kind, number and payload; {@code crc} is the CRC-32C of the
 * length and everything it counts. Kind {@code E} is an event (payload from {@link WalRecords}),
 * kind {@code C} confirms everything up to the number (no payload).
 *
 * <p>Opening reads the log back. A record that is cut short or fails its checksum with no valid
 * record after it is a torn or corrupt tail (the process stopped in the middle of a write, or the
 * disk lost the last write): it is cut off and reported at WARN with the offset and what was
 * dropped. A bad record with a valid record after it is corruption in the middle, which would
 * silently lose events: opening fails and says so. Version 1 logs (no checksums) are read as they
 * were and rewritten in version 2 at once.
 *
 * <p>Once everything stored is confirmed the log is cut back to just the confirmation, and it is
 * rewritten (to a new file swapped in atomically) when it grows beyond twice the live events plus
 * 64 KiB. Events are also kept in memory (bounded by the WAL's limits). A lock on the log keeps two
 * operators from sharing a directory.
 */
final class FileWalStore extends AbstractWalStore {
  static final String FILE = "quiver-wal.log";
  private static final Logger LOG = LoggerFactory.getLogger(FileWalStore.class);
  private static final byte[] MAGIC_V1 = {'Q', 'W', 'A', 'L', 0, 0, 0, 1};
  private static final byte[] MAGIC = {'Q', 'W', 'A', 'L', 0, 0, 0, 2};
  private static final byte EVENT = 'E';
  private static final byte CONFIRM = 'C';

  /** Kind and number: what {@code length} counts besides the payload. */
  private static final int HEADER = 1 + 8;

  /** Length and checksum in front of every version 2 record. */
  private static final int FRAME = 4 + 4;

  /**
   * What opening the log cut off: a torn or corrupt tail of {@code bytes} bytes from {@code
   * offset}, about {@code records} records (the last possibly partial).
   */
  record DroppedTail(Path file, long offset, long bytes, int records) {
    String message() {
      return "WAL log "
          + file
          + ": dropped a torn or corrupt tail at byte "
          + offset
          + ": "
          + bytes
          + " byte(s), "
          + records
          + " record(s) (the last write before the process stopped was"
          + " incomplete, or the disk lost it); those records are not replayed";
    }
  }

  private final Path dir;
  private final Path file;
  private final boolean sync;
  private FileChannel channel;
  private FileLock lock;
  private DroppedTail droppedTail;

  /**
   * Opens (or creates) the log in {@code dir}.
   *
   * @param sync force every write to disk (Tremor's {@code flush_on_evnt}); otherwise writes reach
   *     the operating system at once and the disk when it flushes (a process crash loses nothing)
   */
  FileWalStore(Path dir, boolean sync) throws IOException {
    this.dir = dir;
    this.file = dir.resolve(FILE);
    this.sync = sync;
    Files.createDirectories(dir);
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          "the WAL directory "
              + dir
              + " is in use by another qos::wal operator;"
              + " give each one its own `dir`");
    }
    try {
      load();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The tail cut off when the log was opened, or null when it was whole. */
  DroppedTail droppedTail() {
    return droppedTail;
  }

  private void load() throws IOException {
    long size = channel.size();
    if (size == 0) {
      channel.write(ByteBuffer.wrap(MAGIC), 0);
      channel.position(MAGIC.length);
      return;
    }
    ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
    channel.read(magic, 0);
    if (size >= MAGIC.length && Arrays.equals(magic.array(), MAGIC_V1)) {
      loadVersion1(size);
      rewrite(); // from now on with checksums
      return;
    }
    if (size < MAGIC.length || !Arrays.equals(magic.array(), MAGIC)) {
      throw new IOException(
          file
              + " is not a Quiver WAL log (wrong header); move it away or"
              + " point `dir` at an empty directory");
    }
    long pos = MAGIC.length;
    while (pos < size) {
      ByteBuffer body = validRecordAt(pos, size);
      if (body == null) {
        long following = nextValidRecord(pos + 1, size);
        if (following >= 0) {
          throw new IOException(
              file
                  + " is corrupt at byte "
                  + pos
                  + ": the record there is cut"
                  + " short or fails its checksum, yet a valid record follows at byte "
                  + following
                  + ", so this is not a torn last write; the events from there on cannot be trusted."
                  + " Move the file away (the WAL then starts empty) or restore it from a backup");
        }
        droppedTail = new DroppedTail(file, pos, size - pos, recordsFrom(pos, size));
        LOG.warn(droppedTail.message());
        channel.truncate(pos);
        break;
      }
      apply(body, pos);
      pos += FRAME + body.capacity();
    }
    channel.position(pos);
    if (confirmed() >= 0) {
      forgetUpTo(confirmed());
    }
  }

  /** The body of the record at {@code pos} if it is whole and its checksum holds, else null. */
  private ByteBuffer validRecordAt(long pos, long size) throws IOException {
    if (pos + FRAME + HEADER > size) {
      return null;
    }
    ByteBuffer frame = ByteBuffer.allocate(FRAME);
    channel.read(frame, pos);
    frame.flip();
    int n = frame.getInt();
    int crc = frame.getInt();
    if (n < HEADER || n > size - pos - FRAME) {
      return null;
    }
    ByteBuffer kind = ByteBuffer.allocate(1);
    channel.read(kind, pos + FRAME);
    byte k = kind.get(0);
    if ((k != EVENT && k != CONFIRM) || (k == CONFIRM && n != HEADER)) {
      return null; // checked before reading the body, so scanning past garbage stays cheap
    }
    ByteBuffer body = ByteBuffer.allocate(n);
    channel.read(body, pos + FRAME);
    return checksum(n, body.array()) == crc ? body.rewind() : null;
  }

  /** The offset of the first valid record at or after {@code from}, or -1. */
  private long nextValidRecord(long from, long size) throws IOException {
    for (long p = from; p + FRAME + HEADER <= size; p++) {
      if (validRecordAt(p, size) != null) {
        return p;
      }
    }
    return -1;
  }

  /** How many records the bytes from {@code pos} announce, following their lengths. */
  private int recordsFrom(long pos, long size) throws IOException {
    int records = 0;
    ByteBuffer len = ByteBuffer.allocate(4);
    while (pos < size) {
      records++;
      if (pos + 4 > size) {
        break;
      }
      len.clear();
      channel.read(len, pos);
      int n = len.flip().getInt();
      if (n < HEADER || n > size - pos - FRAME) {
        break;
      }
      pos += FRAME + n;
    }
    return records;
  }

  /** Takes one record's body (kind, number, payload) into memory. */
  private void apply(ByteBuffer body, long pos) throws IOException {
    int n = body.capacity();
    byte kind = body.get();
    long idx = body.getLong();
    if (kind == EVENT) {
      byte[] payload = new byte[n - HEADER];
      body.get(payload);
      Event e;
      try {
        e = WalRecords.decode(payload);
      } catch (IOException | RuntimeException ex) {
        throw new IOException(
            file
                + " is corrupt at byte "
                + pos
                + ": event "
                + idx
                + " passes its"
                + " checksum but cannot be read ("
                + ex.getMessage()
                + "); move the file away (the WAL"
                + " then starts empty) or restore it from a backup",
            ex);
      }
      keep(idx, e, FRAME + n);
    } else {
      confirmedUpTo(idx);
      numberedAtLeast(idx);
    }
  }

  /** Reads a version 1 log (records without checksums), ignoring a torn last record. */
  private void loadVersion1(long size) throws IOException {
    long pos = MAGIC_V1.length;
    ByteBuffer len = ByteBuffer.allocate(4);
    while (pos + 4 <= size) {
      len.clear();
      channel.read(len, pos);
      int n = len.flip().getInt();
      if (n < HEADER || pos + 4 + n > size) {
        break; // torn record at the end: written partly when the process died
      }
      ByteBuffer body = ByteBuffer.allocate(n);
      channel.read(body, pos + 4);
      byte kind = body.get(0);
      if (kind != EVENT && kind != CONFIRM) {
        break;
      }
      apply(body.rewind(), pos);
      pos += 4 + n;
    }
    if (pos < size) {
      LOG.warn(
          "WAL log {}: dropped a torn tail at byte {}: {} byte(s) (a version 1 log, without"
              + " checksums)",
          file,
          pos,
          size - pos);
    }
    if (confirmed() >= 0) {
      forgetUpTo(confirmed());
    }
  }

  private static int checksum(int length, byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(0, length));
    crc.update(body, 0, body.length);
    return (int) crc.getValue();
  }

  /** One record, framed: length, checksum, kind, number, payload. */
  private static ByteBuffer record(byte kind, long idx, byte[] payload) {
    int n = HEADER + payload.length;
    ByteBuffer body = ByteBuffer.allocate(n);
    body.put(kind).putLong(idx).put(payload);
    ByteBuffer b = ByteBuffer.allocate(FRAME + n);
    b.putInt(n).putInt(checksum(n, body.array())).put(body.array()).flip();
    return b;
  }

  private void write(byte kind, long idx, byte[] payload) throws IOException {
    ByteBuffer b = record(kind, idx, payload);
    while (b.hasRemaining()) {
      channel.write(b);
    }
    if (sync) {
      channel.force(false);
    }
  }

  @Override
  public long append(Event event) throws IOException {
    long idx = nextNumber();
    byte[] payload = WalRecords.encode(event);
    write(EVENT, idx, payload);
    keep(idx, event, FRAME + HEADER + payload.length);
    return idx;
  }

  @Override
  public void confirm(long idx) throws IOException {
    confirmedUpTo(idx);
    write(CONFIRM, idx, new byte[0]);
  }

  @Override
  public void removeUpTo(long idx) throws IOException {
    forgetUpTo(idx);
    long size = channel.size();
    if (count() == 0) {
      if (size > MAGIC.length + FRAME + HEADER) {
        // nothing live: start the log over with just the confirmation (cheap, in place)
        channel.truncate(MAGIC.length);
        channel.position(MAGIC.length);
        if (confirmed() >= 0) {
          write(CONFIRM, confirmed(), new byte[0]);
        }
      }
    } else if (size > 2 * (liveBytes() + MAGIC.length) + 65_536) {
      rewrite();
    }
  }

  /** Writes the live events and the confirmation to a fresh log and swaps it in atomically. */
  private void rewrite() throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(MAGIC));
      if (confirmed() >= 0) {
        ByteBuffer b = record(CONFIRM, confirmed(), new byte[0]);
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      for (var e : live()) {
        ByteBuffer b = record(EVENT, e.getKey(), WalRecords.encode(e.getValue()));
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      out.force(true);
    }
    lock.release();
    channel.close();
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    lock = channel.tryLock();
    channel.position(channel.size());
  }

  @Override
  public long bytes() {
    try {
      return channel.size();
    } catch (IOException e) {
      return liveBytes();
    }
  }

  @Override
  public void close() throws IOException {
    if (lock != null && lock.isValid()) {
      lock.release();
    }
    channel.close();
  }
}
