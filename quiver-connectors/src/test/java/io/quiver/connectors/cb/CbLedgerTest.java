package io.quiver.connectors.cb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CbLedgerTest {
  private static CbLedger sent(boolean batched, int lines) {
    CbLedger ledger = new CbLedger(batched);
    for (int i = 0; i < lines; i++) {
      ledger.sent();
    }
    return ledger;
  }

  @Test
  void oneAnswerPerEventCompletesOnceTheFileIsDoneAndIsAnnouncedOnce() {
    CbLedger ledger = sent(false, 3);
    assertThat(ledger.ack(0)).isFalse();
    assertThat(ledger.fail(1)).isFalse();
    assertThat(ledger.ack(2)).as("all in, but the file is not finished yet").isFalse();
    assertThat(ledger.complete()).isTrue();
    assertThat(ledger.finish()).as("finishing after the last answer announces").isTrue();
    assertThat(ledger.ack(2)).as("a duplicate announces nothing again").isFalse();
    assertThat(ledger.complete()).isTrue();
  }

  @Test
  void theLastAnswerAfterTheEndAnnounces() {
    CbLedger ledger = sent(false, 2);
    assertThat(ledger.finish()).isFalse();
    assertThat(ledger.ack(0)).isFalse();
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.fail(1)).isTrue();
  }

  @Test
  void missingAnswersAreReportedInTremorsWords() {
    CbLedger ledger = sent(false, 4);
    ledger.finish();
    ledger.ack(1);
    ledger.fail(0);
    ledger.ack(3);
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.missingReport())
        .containsExactly("Expected CB events up to id 3.", "Got acks: [1, 3]", "Got fails: [0]");
  }

  @Test
  void batchedNeedsAnAnswerCoveringTheLastEvent() {
    CbLedger ledger = sent(true, 5);
    ledger.finish();
    assertThat(ledger.fail(1)).isFalse();
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.ack(4)).isTrue();
    assertThat(ledger.complete()).isTrue();
  }

  @Test
  void batchedFailOfTheLastEventCountsToo() {
    CbLedger ledger = sent(true, 2);
    ledger.finish();
    assertThat(ledger.fail(1)).isTrue();
  }

  @Test
  void batchedWithNothingBackIsIncompleteEvenForOneLine() {
    CbLedger ledger = sent(true, 1);
    ledger.finish();
    assertThat(ledger.complete()).isFalse();
    assertThat(ledger.missingReport())
        .containsExactly("Expected CB events up to id 0.", "Got acks: []", "Got fails: []");
  }

  @Test
  void anEmptyFileIsComplete() {
    assertThat(sent(false, 0).finish()).isTrue();
    assertThat(sent(true, 0).finish()).isTrue();
  }
}
