package io.quiver.connectors.ws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent client streams that ended, so a late event of a gone client cannot open an
 * upstream session that nobody would ever close. Stream ids are never reused, so remembering a
 * bounded number of them is enough. Thread-safe. {@link #contains} runs for every event of a {@code
 * per_client} offramp: it looks up with one reused key under the lock, allocating nothing.
 */
final class EndedStreams {
  private static final int REMEMBERED = 4096;

  /** A (source, stream) pair; the remembered ones are never changed, the probe only under lock. */
  private static final class StreamRef {
    private long source;
    private long stream;

    StreamRef(long source, long stream) {
      this.source = source;
      this.stream = stream;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StreamRef r && r.source == source && r.stream == stream;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(source) * 31 + Long.hashCode(stream);
    }
  }

  private final Map<StreamRef, Boolean> ended =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamRef, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** The lookup key of {@link #contains}, guarded by {@code this}. */
  private final StreamRef probe = new StreamRef(0, 0);

  synchronized void add(long source, long stream) {
    ended.put(new StreamRef(source, stream), Boolean.TRUE);
  }

  synchronized boolean contains(long source, long stream) {
    probe.source = source;
    probe.stream = stream;
    return ended.containsKey(probe);
  }
}
