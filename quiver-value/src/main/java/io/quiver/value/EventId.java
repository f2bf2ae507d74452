package io.quiver.value;

/**
 * Identity of an event: the source (onramp uid), stream and per-source event counter.
 *
 * <p>Prints as {@code source:stream:event}, Tremor's format (tremor-pipeline/src/lib.rs, Display
 * for EventId). Tremor 0.11 always uses stream 0 for onramp events; Quiver does the same in the id
 * and keeps the real connection in {@link Event#stream()}.
 */
public record EventId(long source, long stream, long event) {

  @Override
  public String toString() {
    return source + ":" + stream + ":" + event;
  }
}
