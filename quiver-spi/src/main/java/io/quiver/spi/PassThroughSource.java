package io.quiver.spi;

/**
 * A {@link Source} that can forward its messages to a sink itself when the runtime linked them as a
 * pure pass-through ({@link PassThrough}). Called on the runtime's control thread, before or while
 * the source runs; the source switches for the messages it reads afterwards.
 */
public interface PassThroughSource {

  /**
   * Offers {@code route}; the source takes it only when it can forward to the route's sink with the
   * same outcome as the unfused path.
   *
   * @return null when fused, else why not (for the log)
   */
  String fuse(PassThrough route);

  /** Takes back a route given before (a binding changed): messages go the usual way again. */
  void unfuse();
}
