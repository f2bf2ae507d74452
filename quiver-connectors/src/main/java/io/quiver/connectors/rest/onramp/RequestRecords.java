package io.quiver.connectors.rest.onramp;

import io.quiver.value.Value;

/**
 * The {@code $request.headers} and {@code $request.url} records of one connection's requests: a
 * client sends the same header lines with every request of a keep-alive connection, so a head whose
 * lines (names and values, in order) are all those of the previous head built a record for gets
 * that record again (records are immutable) instead of a string, a value and a list per header; and
 * with the same lines (so the same {@code Host}) and the same target, the same url record. Not
 * thread-safe: one per connection, on its loop (whose scheme and local address do not change).
 */
final class RequestRecords {
  private Http1Head previous;
  private Value.Obj record;

  /** The last head whose lines were found the same as those of the one before it, or null. */
  private Http1Head repeated;

  private String urlTarget;
  private Value url;

  /** The headers record of {@code head}: the previous head's when their lines are the same. */
  Value.Obj of(Http1Head head) {
    if (previous != null && head.sameHeaderLines(previous)) {
      repeated = head;
      previous = head;
      return record;
    }
    Value.Obj made = head.buildRecord();
    previous = head;
    record = made;
    repeated = null;
    url = null;
    urlTarget = null;
    return made;
  }

  /**
   * The url record of {@code head} ({@link RequestMeta#url}): the last one made when the head
   * repeats the lines of the one before and has the same target.
   */
  Value url(Http1Head head, String scheme, String localAuthority) throws RequestMeta.BadTarget {
    head.headerRecord(); // compares its lines with the previous head's
    if (url != null && repeated == head && head.target().equals(urlTarget)) {
      return url;
    }
    Value made = RequestMeta.url(head, scheme, localAuthority);
    url = made;
    urlTarget = head.target();
    return made;
  }
}
