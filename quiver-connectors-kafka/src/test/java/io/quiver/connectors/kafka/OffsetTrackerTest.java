package io.quiver.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);
  private final OffsetTracker tracker = new OffsetTracker();

  @Test
  void commitsOnlyUpToTheFirstOffsetNotAcknowledged() {
    tracker.sent(P0, 10, 0, 1);
    tracker.sent(P0, 11, 1, 1);
    tracker.sent(P0, 12, 2, 1);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 10L));
    tracker.ack(1); // covers 0 and 1
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 12L));
    assertThat(tracker.toCommit()).as("nothing new").isEmpty();
    tracker.ack(2);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 13L));
    assertThat(tracker.inFlight()).isZero();
  }

  @Test
  void aRecordOfSeveralEventsIsDoneWhenItsLastEventIsAcked() {
    tracker.sent(P0, 5, 0, 3); // ids 0, 1, 2
    tracker.ack(1);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 5L));
    tracker.ack(2);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 6L));
  }

  @Test
  void aRecordThatMadeNoEventIsDoneAtOnce() {
    tracker.sent(P0, 7, 0, 0);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 8L));
  }

  @Test
  void partitionsAreCommittedIndependently() {
    tracker.sent(P0, 0, 0, 1);
    tracker.sent(P1, 0, 1, 1);
    tracker.sent(P0, 1, 2, 1);
    tracker.ack(0);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 1L, P1, 0L));
  }

  @Test
  void aRewindForgetsTheFailedRecordAndTheLaterOnesOfItsPartition() {
    tracker.sent(P0, 0, 0, 1);
    tracker.sent(P0, 1, 1, 1);
    tracker.sent(P1, 0, 2, 1);
    tracker.sent(P0, 2, 3, 1);
    OffsetTracker.Rewind rewind = tracker.rewind(1);
    assertThat(rewind).isEqualTo(new OffsetTracker.Rewind(P0, 1));
    tracker.ack(3); // covers 0 and P1's record; 1 and 3 are forgotten
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 1L, P1, 1L));
    // read again under new ids
    tracker.sent(P0, 1, 4, 1);
    tracker.sent(P0, 2, 5, 1);
    tracker.ack(5);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 3L));
  }

  @Test
  void aRewindOfAnEventNoLongerTrackedIsNothing() {
    tracker.sent(P0, 0, 0, 1);
    tracker.ack(0);
    assertThat(tracker.rewind(0)).isNull();
    assertThat(tracker.rewind(42)).isNull();
  }

  @Test
  void aSkippedFailCountsAsDone() {
    tracker.sent(P0, 0, 0, 1);
    tracker.sent(P0, 1, 1, 1);
    tracker.skip(0);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 1L));
  }

  @Test
  void aFailedCommitIsAskedForAgain() {
    tracker.sent(P0, 0, 0, 1);
    tracker.ack(0);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 1L));
    tracker.commitFailed(List.of(P0));
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P0, 1L));
  }

  @Test
  void revokedPartitionsAreForgotten() {
    tracker.sent(P0, 0, 0, 1);
    tracker.sent(P1, 0, 1, 1);
    tracker.forget(List.of(P0));
    assertThat(tracker.partitions()).containsExactly(P1);
    tracker.ack(1);
    assertThat(tracker.toCommit()).isEqualTo(Map.of(P1, 1L));
  }
}
