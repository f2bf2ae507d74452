package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.quiver.value.Event;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The outstanding requests of a session and its one reply timer, on the test's clock. */
class ReplyQueueTest {
  private final EmbeddedChannel home = new EmbeddedChannel();
  private final RecordingSinkContext context = new RecordingSinkContext(true);
  private final WsMetrics metrics = new WsMetrics();
  private boolean readsPaused;
  private int expiries;

  private ReplyQueue queue(boolean linked, Object... config) {
    home.freezeTime();
    RecordingSinkContext ctx = linked ? context : new RecordingSinkContext(false);
    WsOfframpSettings settings = TestSettings.offramp(SessionHarness.URL, config);
    return new ReplyQueue(
        settings.url(),
        settings,
        home.eventLoop(),
        new OfframpAnswers(ctx, new DroppedReplies("test", metrics)),
        metrics,
        () -> readsPaused,
        () -> expiries++);
  }

  private void advance(long ms) {
    home.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
    home.runScheduledPendingTasks();
  }

  private List<String> errors() {
    List<RecordingSinkContext.Emitted> out = new ArrayList<>();
    context.emitted.drainTo(out);
    return out.stream()
        .map(
            e ->
                e.event().id().event()
                    + " "
                    + ((Value.Str) ((Value.Obj) e.event().data()).fields().get("error")).value())
        .toList();
  }

  @Test
  void oneTimerAnswersEachRequestAtItsOwnDeadline() {
    ReplyQueue q = queue(true, "reply_timeout_ms", 100);
    q.sent(SessionHarness.event(1), null);
    advance(40);
    q.sent(SessionHarness.event(2), null);

    advance(60);
    assertThat(errors())
        .containsExactly(
            "1 Error receiving reply from server "
                + SessionHarness.URL
                + ": no reply within 100 ms");
    assertThat(expiries).isEqualTo(1);
    advance(40);
    assertThat(errors()).hasSize(1);
    assertThat(q.isEmpty()).isTrue();
    assertThat(metrics.snapshot().replyTimeouts()).isEqualTo(2);
  }

  @Test
  void noTimeoutWhileTheSessionDoesNotRead() {
    ReplyQueue q = queue(true, "reply_timeout_ms", 100);
    q.sent(SessionHarness.event(1), null);
    readsPaused = true;
    advance(500);
    assertThat(errors()).isEmpty();
    readsPaused = false;
    advance(100);
    assertThat(errors()).hasSize(1);
  }

  @Test
  void answeredRequestsDoNotTimeOutAndClosingStopsTheTimer() {
    ReplyQueue q = queue(true, "reply_timeout_ms", 100);
    q.sent(SessionHarness.event(1), null);
    assertThat(q.poll().request().id().event()).isEqualTo(1);
    q.sent(SessionHarness.event(2), null);
    q.close();
    advance(1_000);
    assertThat(errors()).isEmpty();
    assertThat(q.lastRequest().id().event()).isEqualTo(2);
  }

  @Test
  void waitingRequestsKeepWhatTheirAnswerNeedsButNotTheirData() {
    ReplyQueue q = queue(true);
    Event sent = SessionHarness.event(1).withMeta(Value.obj("correlation", Value.of(9)));
    ReplyQueue.Pending pending = q.sent(sent, null);
    assertThat(q.lastRequest()).isSameAs(pending);
    Event answerable = q.poll().request();
    assertThat(answerable.data()).isEqualTo(Value.NULL);
    assertThat(answerable)
        .as("id, ingest time, meta, stream and delivery ids kept")
        .isEqualTo(sent.withData(Value.NULL));
    assertThat(pending.metaField("correlation")).isEqualTo(Value.of(9));
  }

  @Test
  void failAllAnswersEveryRequestOnceOldestFirst() {
    ReplyQueue q = queue(true);
    q.sent(SessionHarness.event(1), null);
    q.sent(SessionHarness.event(2), null);
    q.failAll(OfframpFailure.receiving("u", "gone"), null);
    assertThat(errors())
        .containsExactly(
            "1 Error receiving reply from server u: gone",
            "2 Error receiving reply from server u: gone");
    q.failAll(OfframpFailure.receiving("u", "again"), null);
    assertThat(errors()).isEmpty();
  }

  @Test
  void correlationIdsMustBePresentAndFree() {
    ReplyQueue q = queue(true, "correlation_field", "id");
    assertThat(q.correlationProblem(null))
        .isEqualTo("the event has no correlation field `id` (correlation_field); it was not sent");
    q.sent(SessionHarness.event(1), Value.of(7));
    assertThat(q.correlationProblem(Value.of(7)))
        .isEqualTo("an event with the same id (7) is still waiting for its reply; it was not sent");
    assertThat(q.correlationProblem(Value.of(8))).isNull();
    assertThat(q.take(Value.of(7)).request().id().event()).isEqualTo(1);
    assertThat(q.correlationProblem(Value.of(7))).isNull();
  }

  @Test
  void unlinkedWritesAreCountedUntilDone() {
    ReplyQueue q = queue(false, "correlation_field", "id");
    assertThat(q.correlation()).as("correlation needs a linked offramp").isNull();
    Event e = SessionHarness.event(1);
    assertThat(q.sent(e, null)).isNull();
    assertThat(q.sentUnanswered()).isEqualTo(1);
    q.writeDone();
    assertThat(q.sentUnanswered()).isZero();
  }

  /** Event {@code n} as {@link SessionHarness#event}, but not transactional (no write listener). */
  private static Event plain(long n) {
    return SessionHarness.event(n).withTransit(Transit.NONE);
  }

  @Test
  void anAnsweredRequestsRecordIsReusedByTheNextRequest() {
    ReplyQueue q = queue(true, "reply_timeout_ms", 100);
    ReplyQueue.Pending first = q.sent(plain(1), null);
    q.sent(plain(2), null);
    assertThat(q.poll()).isSameAs(first);
    q.reuse(first);
    assertThat(q.spareCount()).isEqualTo(1);

    ReplyQueue.Pending third = q.sent(plain(3), null);

    assertThat(third).isSameAs(first);
    assertThat(q.spareCount()).isZero();
    assertThat(third.request().id().event()).isEqualTo(3);
    assertThat(q.poll().request().id().event()).as("still first in first out").isEqualTo(2);
    assertThat(q.poll()).isSameAs(third);
    advance(200);
    assertThat(errors()).as("no timeout for answered requests").isEmpty();
  }

  @Test
  void theLastRequestAndATransactionalRequestKeepTheirRecords() {
    ReplyQueue q = queue(true);
    ReplyQueue.Pending last = q.sent(plain(1), null);
    assertThat(q.poll()).isSameAs(last);
    q.reuse(last); // still the last request: a per-client push may be answered to it
    ReplyQueue.Pending watched = q.sent(SessionHarness.event(2), null);
    q.sent(plain(3), null);
    assertThat(q.poll()).isSameAs(watched);
    q.reuse(watched); // its write listener may still remove it by identity
    assertThat(q.spareCount()).isZero();
    assertThat(q.lastRequest().request().id().event()).isEqualTo(3);
    assertThat(last.request().id().event()).isEqualTo(1);
    assertThat(watched.request().id().event()).isEqualTo(2);
  }

  @Test
  void atMostSoManySpareRecordsAreKept() {
    ReplyQueue q = queue(true);
    List<ReplyQueue.Pending> sent = new ArrayList<>();
    for (int i = 0; i <= ReplyQueue.MAX_SPARE + 1; i++) {
      sent.add(q.sent(plain(i), null));
    }
    for (int i = 0; i <= ReplyQueue.MAX_SPARE; i++) {
      q.reuse(q.poll());
    }
    assertThat(q.spareCount()).isEqualTo(ReplyQueue.MAX_SPARE);
  }
}
