package io.quiver.pipeline;

import io.quiver.value.Event;
import java.io.IOException;
import java.util.Map;

/**
 * Where a {@code qos::wal} keeps its events: numbered from 0 in arrival order, plus the number of
 * the last confirmed (acked) one. Used by one operator on one thread at a time.
 */
interface WalStore extends AutoCloseable {

  /** Stores an event and returns its number. */
  long append(Event event) throws IOException;

  /** The stored events numbered {@code from} or higher, in order (a live view: do not modify). */
  Iterable<Map.Entry<Long, Event>> from(long from);

  /** The stored event numbered {@code idx}, or null. */
  Event get(long idx);

  /**
   * Remembers that everything up to {@code idx} was delivered (survives a restart when on disk).
   */
  void confirm(long idx) throws IOException;

  /** The last confirmed number, or -1. */
  long confirmed();

  /** Forgets the events numbered up to {@code idx}. */
  void removeUpTo(long idx) throws IOException;

  /** How many events are stored. */
  long count();

  /** How many bytes the store takes (the log file's size on disk, or the events' encoded size). */
  long bytes();

  @Override
  void close() throws IOException;
}
