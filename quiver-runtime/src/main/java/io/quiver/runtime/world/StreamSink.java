package io.quiver.runtime.world;

import io.quiver.spi.DecodedSink;
import io.quiver.value.Value;

/**
 * Sends the outcomes of one input as the deserializer hands them over, without a list or a decoded
 * object per message; one per stream, reused (a stream receives on one thread at a time).
 */
final class StreamSink implements DecodedSink {
  private final OnrampEvents events;
  private long stream;
  private Value meta;
  private long ingestNs;
  int count;

  /** Between {@link #start} and the end of the input. */
  boolean busy;

  /** Inside a send: what is thrown now is not the codec's. */
  boolean sending;

  StreamSink(OnrampEvents events) {
    this.events = events;
  }

  void start(long stream, Value meta, long ingestNs) {
    this.stream = stream;
    this.meta = meta;
    this.ingestNs = ingestNs;
    this.count = 0;
    this.busy = true;
    this.sending = false;
  }

  @Override
  public void ok(Value value, long ns) {
    count++;
    sending = true;
    events.sendOk(stream, value, ns, meta);
    sending = false;
  }

  @Override
  public void failed(String message) {
    count++;
    sending = true;
    events.sendFailed(stream, message, ingestNs);
    sending = false;
  }
}
