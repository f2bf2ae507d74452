package io.quiver.spi.queued;

/**
 * How much a {@link QueuedSender} keeps and how it stops.
 *
 * @param highWater events queued beyond which the sender of each further event is held ({@link
 *     io.quiver.spi.SinkContext#holdOrigin}); all holds are released once the queue is down to half
 *     of it
 * @param capacity events queued at most: {@link QueuedSender#offer} refuses more
 * @param batchMax events the sender thread takes from the queue at once for {@link
 *     SendTarget#sendBatch} (1: one {@link SendTarget#send} per event)
 * @param stopWaitMs how long {@link QueuedSender#stop} waits for the send in progress to end (and,
 *     with {@code sendQueuedOnStop}, for the queue to be sent)
 * @param sendQueuedOnStop whether {@link QueuedSender#stop} first lets the sender thread send what
 *     is queued (within {@code stopWaitMs}) rather than failing it at once
 */
public record SendLimits(
    int highWater, int capacity, int batchMax, long stopWaitMs, boolean sendQueuedOnStop) {
  public SendLimits {
    if (highWater < 1 || capacity < 1 || batchMax < 1 || stopWaitMs < 0) {
      throw new IllegalArgumentException(
          "limits must be positive: highWater "
              + highWater
              + ", capacity "
              + capacity
              + ", batchMax "
              + batchMax
              + ", stopWaitMs "
              + stopWaitMs);
    }
  }

  /** Senders held past {@code highWater} queued; no other bound; one event at a time; 2 s stop. */
  public static SendLimits holdingPast(int highWater) {
    return new SendLimits(highWater, Integer.MAX_VALUE, 1, 2_000, false);
  }

  public SendLimits withCapacity(int capacity) {
    return new SendLimits(highWater, capacity, batchMax, stopWaitMs, sendQueuedOnStop);
  }

  public SendLimits withBatchMax(int batchMax) {
    return new SendLimits(highWater, capacity, batchMax, stopWaitMs, sendQueuedOnStop);
  }

  public SendLimits withStopWaitMs(long stopWaitMs) {
    return new SendLimits(highWater, capacity, batchMax, stopWaitMs, sendQueuedOnStop);
  }

  /** {@link QueuedSender#stop} sends what is queued first, for up to {@code stopWaitMs}. */
  public SendLimits sendingQueuedOnStop() {
    return new SendLimits(highWater, capacity, batchMax, stopWaitMs, true);
  }
}
