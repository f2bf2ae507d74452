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
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code qos::wal} store in a directory: an append-only log file {@code quiver-wal.log}, our own
 * format, that survives a restart. The log starts with the 8 bytes {@code QWAL\0\0\0\1}, then holds
 * records {@code [int length][byte kind][long number][payload]}: kind {@code E} is an event (payload
 * from {@link WalRecords}), kind {@code C} confirms everything up to the number (no payload).
 * Opening reads the log back, ignoring a torn last record; once everything stored is confirmed the
 * log is cut back to just the confirmation, and it is rewritten (to a new file swapped in
 * atomically) when it grows beyond twice the live events plus 64 KiB.
 * Events are also kept in memory (bounded by the WAL's limits). A lock on the log keeps two
 * operators from sharing a directory.
 */
final class FileWalStore implements WalStore {
  static final String FILE = "quiver-wal.log";
  private static final byte[] MAGIC = {'Q', 'W', 'A', 'L', 0, 0, 0, 1};
  private static final byte EVENT = 'E';
  private static final byte CONFIRM = 'C';
  private static final int HEADER = 1 + 8;

  private final Path dir;
  private final Path file;
  private final boolean sync;
  private final TreeMap<Long, Event> events = new TreeMap<>();
  private final TreeMap<Long, Integer> sizes = new TreeMap<>();
  private FileChannel channel;
  private FileLock lock;
  private long next;
  private long confirmed = -1;
  private long liveBytes;

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
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("the WAL directory " + dir + " is in use by another qos::wal operator;"
          + " give each one its own `dir`");
    }
    load();
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
    if (size < MAGIC.length || !java.util.Arrays.equals(magic.array(), MAGIC)) {
      throw new IOException(file + " is not a Quiver WAL log (wrong header); move it away or"
          + " point `dir` at an empty directory");
    }
    long pos = MAGIC.length;
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
      body.flip();
      byte kind = body.get();
      long idx = body.getLong();
      if (kind == EVENT) {
        byte[] payload = new byte[n - HEADER];
        body.get(payload);
        put(idx, WalRecords.decode(payload), 4 + n);
        next = Math.max(next, idx + 1);
      } else if (kind == CONFIRM) {
        confirmed = idx;
        next = Math.max(next, idx + 1);
      } else {
        break;
      }
      pos += 4 + n;
    }
    if (pos < size) {
      channel.truncate(pos);
    }
    channel.position(pos);
    if (confirmed >= 0) {
      dropUpTo(confirmed);
    }
  }

  private void put(long idx, Event e, int size) {
    events.put(idx, e);
    sizes.put(idx, size);
    liveBytes += size;
  }

  private void dropUpTo(long idx) {
    events.headMap(idx, true).clear();
    var head = sizes.headMap(idx, true);
    for (int s : head.values()) {
      liveBytes -= s;
    }
    head.clear();
  }

  private void write(byte kind, long idx, byte[] payload) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 + HEADER + payload.length);
    b.putInt(HEADER + payload.length).put(kind).putLong(idx).put(payload).flip();
    while (b.hasRemaining()) {
      channel.write(b);
    }
    if (sync) {
      channel.force(false);
    }
  }

  @Override
  public long append(Event event) throws IOException {
    long idx = next;
    byte[] payload = WalRecords.encode(event);
    write(EVENT, idx, payload);
    next++;
    put(idx, event, 4 + HEADER + payload.length);
    return idx;
  }

  @Override
  public Iterable<Map.Entry<Long, Event>> from(long from) {
    return events.tailMap(from, true).entrySet();
  }

  @Override
  public Event get(long idx) {
    return events.get(idx);
  }

  @Override
  public void confirm(long idx) throws IOException {
    confirmed = idx;
    write(CONFIRM, idx, new byte[0]);
  }

  @Override
  public long confirmed() {
    return confirmed;
  }

  @Override
  public void removeUpTo(long idx) throws IOException {
    dropUpTo(idx);
    long size = channel.size();
    if (events.isEmpty()) {
      if (size > MAGIC.length + 4 + HEADER) {
        // nothing live: start the log over with just the confirmation (cheap, in place)
        channel.truncate(MAGIC.length);
        channel.position(MAGIC.length);
        if (confirmed >= 0) {
          write(CONFIRM, confirmed, new byte[0]);
        }
      }
    } else if (size > 2 * (liveBytes + MAGIC.length) + 65_536) {
      rewrite();
    }
  }

  /** Writes the live events and the confirmation to a fresh log and swaps it in atomically. */
  private void rewrite() throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(MAGIC));
      if (confirmed >= 0) {
        ByteBuffer b = ByteBuffer.allocate(4 + HEADER);
        b.putInt(HEADER).put(CONFIRM).putLong(confirmed).flip();
        out.write(b);
      }
      for (var e : events.entrySet()) {
        byte[] payload = WalRecords.encode(e.getValue());
        ByteBuffer b = ByteBuffer.allocate(4 + HEADER + payload.length);
        b.putInt(HEADER + payload.length).put(EVENT).putLong(e.getKey()).put(payload).flip();
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
  public long count() {
    return events.size();
  }

  @Override
  public long bytes() {
    try {
      return channel.size();
    } catch (IOException e) {
      return liveBytes;
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
