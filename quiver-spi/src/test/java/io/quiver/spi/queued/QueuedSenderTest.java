package io.quiver.spi.queued;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueuedSenderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final RecordingContext context = new RecordingContext();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final List<Long> sent = new CopyOnWriteArrayList<>();
  private final List<Integer> batches = new CopyOnWriteArrayList<>();
  private final List<Long> unsent = new CopyOnWriteArrayList<>();
  private final AtomicInteger probes = new AtomicInteger();
  private volatile boolean peerBack;
  private volatile boolean closed;
  private QueuedSender sender;

  /** Sends by recording, after the gate opened; acks every event. */
  private class Target implements SendTarget {
    @Override
    public void send(Event event) throws InterruptedException {
      gate.await();
      if (event.data().equals(Value.of("bug"))) {
        throw new IllegalStateException("a bug");
      }
      sent.add(event.id().event());
      context.ack(event);
    }

    @Override
    public void sendBatch(List<Event> events) throws InterruptedException {
      batches.add(events.size());
      SendTarget.super.sendBatch(events);
    }

    @Override
    public void probe() {
      probes.incrementAndGet();
      if (peerBack) {
        sender.circuit().restores();
      }
    }

    @Override
    public void unsent(Event event) {
      unsent.add(event.id().event());
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private QueuedSender start(SendLimits limits, SendTarget target) {
    sender = new QueuedSender("test-out-01", context, limits, target);
    context.queued = sender::queued;
    sender.start();
    return sender;
  }

  private static Event event(long n) {
    return event(n, Value.of(n));
  }

  private static Event event(long n, Value data) {
    return new Event(
        new EventId(1, 0, n), 0, data, Value.EMPTY_OBJECT, 5, Transit.NONE.withTransactional(true));
  }

  private static boolean threadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @AfterEach
  void stop() {
    gate.countDown();
    if (sender != null) {
      sender.stop();
    }
  }

  @Test
  void eventsAreSentInArrivalOrderOnTheSendersThreadAndThenItIsDrained() throws Exception {
    start(SendLimits.holdingPast(8), new Target());
    assertThat(sender.drained()).isTrue();
    for (long n = 0; n < 20; n++) {
      assertThat(sender.offer(event(n))).isTrue();
    }
    assertThat(sender.drained()).as("nothing sent before the gate opens").isFalse();
    assertThat(threadAlive("test-out-01")).isTrue();
    gate.countDown();
    Await.until("all sent", WAIT, () -> sent.size() == 20);
    Await.until("drained", WAIT, sender::drained);
    assertThat(sent).isSortedAccordingTo(Long::compare).hasSize(20);
    assertThat(context.count("ack")).isEqualTo(20);
  }

  @Test
  void sendersArePastTheHighWaterMarkHeldAndAllReleasedOnceTheQueueIsAtHalf() throws Exception {
    start(SendLimits.holdingPast(8), new Target());
    for (long n = 0; n < 20; n++) {
      sender.offer(event(n));
    }
    // the sender thread holds at most one event while it waits at the gate: 19 or 20 queued,
    // so the senders of the events queued as 9th to 20th (or 10th to 20th) are held
    assertThat(context.count("hold")).isBetween(11L, 12L);
    assertThat(context.count("release")).isZero();
    gate.countDown();
    Await.until(
        "every hold released",
        WAIT,
        () -> context.count("release") == 12 || context.count("release") == context.count("hold"));
    Await.until("drained", WAIT, sender::drained);
    assertThat(context.count("release")).isEqualTo(context.count("hold"));
    assertThat(context.queuedAtRelease).allSatisfy(q -> assertThat(q).isLessThanOrEqualTo(4));
  }

  @Test
  void anOriginThatCannotBeHeldIsNotReleased() throws Exception {
    context.holdable = false;
    start(SendLimits.holdingPast(2), new Target());
    for (long n = 0; n < 6; n++) {
      sender.offer(event(n));
    }
    assertThat(context.count("hold")).isPositive();
    gate.countDown();
    Await.until("drained", WAIT, sender::drained);
    assertThat(context.count("release")).isZero();
  }

  @Test
  void pastTheCapacityAndAfterStopEventsAreRefused() throws Exception {
    start(SendLimits.holdingPast(2).withCapacity(4), new Target());
    int taken = 0;
    for (long n = 0; n < 10; n++) {
      if (sender.offer(event(n))) {
        taken++;
      }
    }
    // four queued, and perhaps one more that the sender thread took off the queue
    assertThat(taken).isBetween(4, 5);
    gate.countDown();
    Await.until("drained", WAIT, sender::drained);
    assertThat(sent).hasSize(taken);
    sender.stop();
    assertThat(sender.offer(event(99))).isFalse();
    assertThat(sender.drained()).isTrue();
  }

  @Test
  void stopInterruptsTheSendInProgressFailsTheLeftoversReleasesTheHoldsAndEndsTheThread()
      throws Exception {
    start(SendLimits.holdingPast(2).withStopWaitMs(200), new Target());
    for (long n = 0; n < 6; n++) {
      sender.offer(event(n));
    }
    Await.until("the first event taken", WAIT, () -> sender.queued() == 5);
    sender.stop();
    assertThat(closed).isTrue();
    assertThat(threadAlive("test-out-01")).isFalse();
    assertThat(unsent).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(context.flow).contains("fail 0", "fail 1", "fail 5");
    assertThat(context.count("release")).isEqualTo(context.count("hold")).isPositive();
    // the interrupted send of event 0 was failed by the sender
    assertThat(sender.drained()).isTrue();
    assertThat(sent).isEmpty();
  }

  @Test
  void sendingQueuedOnStopSendsWhatWaitsRefusesNewEventsThenEndsTheThread() throws Exception {
    start(SendLimits.holdingPast(2).withStopWaitMs(30_000).sendingQueuedOnStop(), new Target());
    for (long n = 0; n < 5; n++) {
      sender.offer(event(n));
    }
    Thread stopper = Thread.ofPlatform().start(sender::stop);
    Await.until("stopping", WAIT, () -> !sender.running());
    assertThat(sender.offer(event(9))).as("refused while stopping").isFalse();
    gate.countDown();
    stopper.join(WAIT.toMillis());
    assertThat(stopper.isAlive()).isFalse();
    assertThat(sent).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(context.count("fail")).isZero();
    assertThat(unsent).isEmpty();
    assertThat(closed).isTrue();
    assertThat(threadAlive("test-out-01")).isFalse();
    assertThat(context.count("release")).isEqualTo(context.count("hold")).isPositive();
    assertThat(sender.drained()).isTrue();
  }

  @Test
  void aTargetThatAnswersLaterKeepsTheSenderUndrainedUntilItAnswers() throws Exception {
    List<Event> inFlight = new CopyOnWriteArrayList<>();
    start(
        SendLimits.holdingPast(8),
        new SendTarget() {
          @Override
          public void send(Event event) {
            inFlight.add(event);
          }

          @Override
          public boolean answersLater() {
            return true;
          }
        });
    sender.offer(event(1));
    sender.offer(event(2));
    Await.until("both handed over", WAIT, () -> inFlight.size() == 2);
    assertThat(sender.drained()).isFalse();
    sender.answered();
    assertThat(sender.drained()).isFalse();
    sender.answered();
    assertThat(sender.drained()).isTrue();
  }

  @Test
  void theQueueIsTakenInBatchesOfAtMostBatchMaxInOrder() throws Exception {
    start(SendLimits.holdingPast(64).withBatchMax(4), new Target());
    for (long n = 0; n < 10; n++) {
      sender.offer(event(n));
    }
    gate.countDown();
    Await.until("drained", WAIT, sender::drained);
    assertThat(sent).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(batches).isNotEmpty().allSatisfy(b -> assertThat(b).isBetween(2, 4));
  }

  @Test
  void aSendThatThrowsFailsItsEventAndTheNextOneIsSent() throws Exception {
    gate.countDown();
    start(SendLimits.holdingPast(8), new Target());
    sender.offer(event(1, Value.of("bug")));
    sender.offer(event(2));
    Await.until("drained", WAIT, sender::drained);
    assertThat(context.flow).containsSubsequence("fail 1", "ack 2");
    assertThat(sent).containsExactly(2L);
  }

  @Test
  void aBrokenCircuitIsReportedOnceProbedOnceASecondAndRestoredOnce() throws Exception {
    gate.countDown();
    start(SendLimits.holdingPast(8), new Target());
    Circuit circuit = sender.circuit();
    assertThat(circuit.broken()).isFalse();
    assertThat(circuit.restores()).as("not broken: nothing to restore").isFalse();
    assertThat(circuit.breaks()).isTrue();
    assertThat(circuit.breaks()).isFalse();
    assertThat(circuit.broken()).isTrue();
    Await.until("probed twice", WAIT, () -> probes.get() >= 2);
    assertThat(circuit.broken()).isTrue();
    peerBack = true;
    Await.until("restored by a probe", WAIT, () -> !circuit.broken());
    int probed = probes.get();
    assertThat(context.count("CIRCUIT_BROKEN")).isEqualTo(1);
    assertThat(context.count("CIRCUIT_RESTORED")).isEqualTo(1);
    // whole again: no more probes (the next would be due within a second; a send turn shows the
    // loop went on)
    sender.offer(event(1));
    Await.until("drained", WAIT, sender::drained);
    assertThat(probes.get()).isEqualTo(probed);
  }

  @Test
  void probesAreDueOnlyWhileBrokenAndOneIntervalApart() {
    Circuit circuit = new Circuit(context);
    long now = System.nanoTime();
    assertThat(circuit.probeDue(now + 5 * Circuit.PROBE_INTERVAL_NS)).isFalse();
    circuit.breaks();
    long broke = System.nanoTime();
    assertThat(circuit.probeDue(broke)).as("not at once").isFalse();
    long first = broke + 2 * Circuit.PROBE_INTERVAL_NS;
    assertThat(circuit.probeDue(first)).isTrue();
    assertThat(circuit.probeDue(first + Circuit.PROBE_INTERVAL_NS / 2)).isFalse();
    assertThat(circuit.probeDue(first + Circuit.PROBE_INTERVAL_NS)).isTrue();
    circuit.restores();
    assertThat(circuit.probeDue(first + 10 * Circuit.PROBE_INTERVAL_NS)).isFalse();
  }

  @Test
  void anErrorEventCarriesTheRequestsIdentityAndTremorsShape() {
    Event request = new Event(new EventId(3, 1, 7), 42, Value.of("x"), Value.EMPTY_OBJECT, 9);
    Event error = ErrorEvent.of(request, "it broke");
    assertThat(error.id()).isEqualTo(request.id());
    assertThat(error.ingestNs()).isEqualTo(42);
    assertThat(error.stream()).isEqualTo(9);
    assertThat(error.data())
        .isEqualTo(Value.obj("error", Value.of("it broke"), "event_id", Value.of("3:1:7")));
    assertThat(error.meta()).isEqualTo(Value.obj("error", Value.of("it broke")));
  }

  @Test
  void limitsMustBePositive() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SendLimits(0, 1, 1, 0, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("highWater 0");
  }
}
