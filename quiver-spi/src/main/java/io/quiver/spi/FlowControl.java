package io.quiver.spi;

/**
 * Backpressure handle for one source stream. The runtime pauses a stream when downstream queues are
 * full and resumes it when they drained; for a socket this is {@code setAutoRead(false/true)}. Both
 * methods may be called from any thread and must not block.
 */
public interface FlowControl {
  void pause();

  void resume();

  FlowControl NONE =
      new FlowControl() {
        @Override
        public void pause() {}

        @Override
        public void resume() {}
      };
}
