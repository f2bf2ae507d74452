package io.quiver.connectors.cb;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code cb} onramp sent and which acks and fails came back (Tremor 0.11.12's {@code
 * ReceivedCbs}, src/source/cb.rs). Line {@code n} of the source file (from 0) is event {@code n},
 * as in Tremor, where every line becomes one event or one error event. Thread-safe: acks and fails
 * arrive on pipeline threads, lines are counted on the reader thread.
 */
final class CbLedger {
  /** Printed once every expected ack or fail has come back (Tremor's text). */
  static final String ALL_RECEIVED = "All required CB events received.";

  private final boolean expectBatched;
  private final List<Long> acks = new ArrayList<>();
  private final List<Long> fails = new ArrayList<>();
  private long sent;
  private long lastSent;
  private boolean finished;
  private boolean announced;

  /**
   * @param expectBatched only the highest event id must come back (events were batched or
   *     windowed), not one answer per event
   */
  CbLedger(boolean expectBatched) {
    this.expectBatched = expectBatched;
  }

  /** A line was sent as the next event. */
  synchronized void sent() {
    lastSent = sent;
    sent++;
  }

  /**
   * The whole file was sent.
   *
   * @return whether everything expected has already come back and nobody said so yet
   */
  synchronized boolean finish() {
    finished = true;
    return announce();
  }

  /**
   * An ack for event {@code id} came back.
   *
   * @return whether everything expected has now come back and nobody said so yet
   */
  synchronized boolean ack(long id) {
    acks.add(id);
    return announce();
  }

  /** A fail for event {@code id} came back; returns as {@link #ack}. */
  synchronized boolean fail(long id) {
    fails.add(id);
    return announce();
  }

  private boolean announce() {
    if (announced || !finished || !complete()) {
      return false;
    }
    announced = true;
    return true;
  }

  /**
   * Whether every expected answer is in: one per event sent, or with {@code expect_batched} one for
   * the last event sent (an ack or a fail covering it). Unlike Tremor, an empty ledger after a
   * non-empty file is never complete (Tremor takes a missing maximum for id 0).
   */
  synchronized boolean complete() {
    if (!expectBatched) {
      return acks.size() + fails.size() >= sent;
    }
    if (sent == 0) {
      return true;
    }
    long max = Math.max(max(acks), max(fails));
    return max >= lastSent;
  }

  private static long max(List<Long> ids) {
    long m = -1;
    for (long id : ids) {
      m = Math.max(m, id);
    }
    return m;
  }

  /** Tremor's report of what is missing, one string per stderr line. */
  synchronized List<String> missingReport() {
    return List.of(
        "Expected CB events up to id " + lastSent + ".",
        "Got acks: " + acks,
        "Got fails: " + fails);
  }

  synchronized long sentCount() {
    return sent;
  }
}
