package io.quiver.connectors.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The kv offramp's store: sorted byte keys to byte values in one MVStore file, {@code
 * quiver-kv.mv.db} in the configured directory (created when missing). Single writer: one thread at
 * a time calls it (the sink's worker); MVStore's file lock refuses a second process or offramp on
 * the same directory.
 *
 * <p>Durability: {@link #commit} writes the changes to the file (the operating system has them, so
 * they survive the process crashing; a power loss may lose what the OS had not written yet, like
 * sled's default of flushing every 500 ms), {@link #close} also forces them to the disk. MVStore's
 * own background commit is off: what is answered is what is written.
 */
public final class KvStore implements AutoCloseable {
  /** The store's file inside the configured directory. */
  public static final String FILE_NAME = "quiver-kv.mv.db";

  /** A stored pair, as {@link #scan} lists them. */
  public record Entry(byte[] key, byte[] value) {}

  private final MVStore store;
  private final MVMap<byte[], byte[]> map;
  private long commits;

  private KvStore(MVStore store) {
    this.store = store;
    this.map =
        store.openMap(
            "kv",
            new MVMap.Builder<byte[], byte[]>()
                .keyType(SortedBytesType.INSTANCE)
                .valueType(SortedBytesType.INSTANCE));
  }

  /** Opens (or creates) the store in {@code dir}. */
  public static KvStore open(Path dir) throws IOException {
    Files.createDirectories(dir);
    MVStore store =
        new MVStore.Builder()
            .fileName(dir.resolve(FILE_NAME).toString())
            .autoCommitDisabled()
            .open();
    return new KvStore(store);
  }

  /** The value stored under {@code key}, or null. */
  public byte[] get(byte[] key) {
    return map.get(key);
  }

  /** Stores {@code value} under {@code key}; returns the value it replaced, or null. */
  public byte[] put(byte[] key, byte[] value) {
    return map.put(key, value);
  }

  /** Removes {@code key}; returns the value it had, or null. */
  public byte[] delete(byte[] key) {
    return map.remove(key);
  }

  /**
   * Sets {@code key} to {@code proposed} (null: removes it) if it holds {@code expected} (null: is
   * absent). Returns null when swapped, else the value it holds (which may be null: absent).
   */
  public CasOutcome compareAndSwap(byte[] key, byte[] expected, byte[] proposed) {
    byte[] current = map.get(key);
    if (!Arrays.equals(current, expected)) {
      return new CasOutcome(false, current);
    }
    if (proposed == null) {
      map.remove(key);
    } else {
      map.put(key, proposed);
    }
    return new CasOutcome(true, current);
  }

  /** Whether a compare-and-swap happened, and the value the key held before. */
  public record CasOutcome(boolean swapped, byte[] current) {}

  /** The pairs with {@code start <= key < end} in byte order; a null bound is open. */
  public List<Entry> scan(byte[] start, byte[] end) {
    List<Entry> out = new ArrayList<>();
    Cursor<byte[], byte[]> cursor = map.cursor(start);
    while (cursor.hasNext()) {
      byte[] key = cursor.next();
      if (end != null && Arrays.compareUnsigned(key, end) >= 0) {
        break;
      }
      out.add(new Entry(key, cursor.getValue()));
    }
    return out;
  }

  /** Writes what changed since the last commit to the file (no fsync, see the class doc). */
  public void commit() {
    if (store.hasUnsavedChanges()) {
      store.commit();
      commits++;
    }
  }

  /** How many commits wrote something so far (the worker thread's view). */
  public long commits() {
    return commits;
  }

  /** Commits, forces the file to the disk and closes it. */
  @Override
  public void close() {
    commit();
    store.sync();
    store.close();
  }
}
