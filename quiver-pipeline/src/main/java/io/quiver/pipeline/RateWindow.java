package io.quiver.pipeline;

/**
 * A sliding rate limit for {@code grouper::bucket}: at most {@code max} events within {@code slots}
 * consecutive time slots of {@code slotNs} each (the time range); older slots expire as time moves
 * on.
 */
final class RateWindow {
  private final long[] counts;
  private final long slotNs;
  private final long max;
  private long currentSlot = -1;
  private long total;

  RateWindow(int slots, long slotNs, long max) {
    this.counts = new long[Math.max(1, slots)];
    this.slotNs = Math.max(1, slotNs);
    this.max = max;
  }

  /** Counts an event at {@code timeNs}; false (not counted) when the limit is reached. */
  boolean tryIncrement(long timeNs) {
    long slot = timeNs / slotNs;
    if (currentSlot < 0) {
      currentSlot = slot;
    }
    if (slot > currentSlot) {
      long steps = Math.min(slot - currentSlot, counts.length);
      for (long i = 1; i <= steps; i++) {
        int index = (int) ((currentSlot + i) % counts.length);
        total -= counts[index];
        counts[index] = 0;
      }
      currentSlot = slot;
    }
    if (total >= max) {
      return false;
    }
    counts[(int) (currentSlot % counts.length)]++;
    total++;
    return true;
  }
}
