package io.quiver.connectors.ws;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent client streams that ended, so a late event of a gone client cannot open an
 * upstream session that nobody would ever close. Stream ids are never reused, so remembering a
 * bounded number of them is enough. Thread-safe.
 */
final class EndedStreams {
  private static final int REMEMBERED = 4096;

  private record StreamRef(long source, long stream) {}

  private final Map<StreamRef, Boolean> ended =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StreamRef, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  synchronized void add(long source, long stream) {
    ended.put(new StreamRef(source, stream), Boolean.TRUE);
  }

  synchronized boolean contains(long source, long stream) {
    return ended.containsKey(new StreamRef(source, stream));
  }
}
