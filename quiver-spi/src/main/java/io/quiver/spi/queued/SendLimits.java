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
 * @param stopWaitMs how long {@link QueuedSender#stop} waits for the send in progress to end
 */
public record SendLimits(int highWater, int capacity, int batchMax, long stopWaitMs) {
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
    return new SendLimits(highWater, Integer.MAX_VALUE, 1, 2_000);
  }

  public SendLimits withCapacity(int capacity) {
    return new SendLimits(highWater, capacity, batchMax, stopWaitMs);
  }

  public SendLimits withBatchMax(int batchMax) {
    return new SendLimits(highWater, capacity, batchMax, stopWaitMs);
  }

  public SendLimits withStopWaitMs(long stopWaitMs) {
    return new SendLimits(highWater, capacity, batchMax, stopWaitMs);
  }
}
