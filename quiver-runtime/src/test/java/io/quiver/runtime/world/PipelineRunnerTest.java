package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.runtime.TremorUrl;
import io.quiver.spi.Insight;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {

  /** Records what it runs; {@code onFirst} runs inside the first event. */
  private static final class Recording implements Pipeline {
    final List<String> ran = new ArrayList<>();
    BiConsumer<Event, Integer> during = (e, n) -> {};

    @Override
    public String id() {
      return "recording";
    }

    @Override
    public void onEvent(String inputPort, Event event, Emitter out) {
      ran.add("event " + event.id().event());
      during.accept(event, ran.size());
    }

    @Override
    public void onContraflow(Insight insight, Emitter out) {
      ran.add("insight " + insight.id().event());
    }
  }

  private static Event event(long n) {
    return new Event(new EventId(1, 0, n), 0, Value.of(n), Value.obj(), 0);
  }

  private static PipelineRunner runner(Pipeline p) {
    return new PipelineRunner(TremorUrl.parse("/pipeline/recording/01"), p);
  }

  @Test
  void anIdleRunnerRunsTheEventAtOnce() {
    Recording p = new Recording();
    PipelineRunner runner = runner(p);
    runner.submit("in", event(1));
    assertThat(p.ran).containsExactly("event 1");
    assertThat(runner.overloaded()).isFalse();
  }

  @Test
  void workQueuedDuringAnInlineRunFollowsItInsightsFirst() {
    Recording p = new Recording();
    PipelineRunner runner = runner(p);
    p.during =
        (e, n) -> {
          if (e.id().event() == 1) {
            runner.submit("in", event(2));
            runner.submit("in", event(3));
            runner.submitInsight(Insight.ack(event(9)), UpstreamTable.HOPS);
            assertThat(p.ran).containsExactly("event 1");
          }
        };
    runner.submit("in", event(1));
    assertThat(p.ran).containsExactly("event 1", "insight 9", "event 2", "event 3");
  }

  @Test
  void drainedActionsRunAfterWorkQueuedDuringAnInlineRun() {
    Recording p = new Recording();
    PipelineRunner runner = runner(p);
    p.during =
        (e, n) -> {
          if (e.id().event() == 1) {
            runner.submit("in", event(2));
            runner.whenDrained(() -> p.ran.add("drained"));
          }
        };
    runner.submit("in", event(1));
    assertThat(p.ran).containsExactly("event 1", "event 2", "drained");
  }

  @Test
  void eventsFromTwoThreadsAllRunOnceAndInOrderPerThread() throws InterruptedException {
    Recording p = new Recording();
    PipelineRunner runner = runner(p);
    int perThread = 20_000;
    sendFromTwoThreads(perThread, e -> runner.submit("in", e));
    CountDownLatch drained = new CountDownLatch(1);
    runner.whenDrained(drained::countDown);
    assertThat(drained.await(60, TimeUnit.SECONDS)).isTrue();
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();
    for (String s : p.ran) {
      long n = Long.parseLong(s.substring("event ".length()));
      (n < 1_000_000L ? first : second).add(n);
    }
    assertThat(first).hasSize(perThread).isSorted();
    assertThat(second).hasSize(perThread).isSorted();
    assertThat(runner.received().get("in").sum()).isEqualTo(2L * perThread);
  }

  @Test
  void countsWrittenByWhicheverThreadHoldsTheClaimLoseNoEvent() throws InterruptedException {
    Pipeline forwarding =
        new Pipeline() {
          @Override
          public String id() {
            return "forwarding";
          }

          @Override
          public void onEvent(String inputPort, Event event, Emitter out) {
            out.emit("out", event);
          }
        };
    PipelineRunner runner = runner(forwarding);
    PipelineRunner next = runner(new Recording());
    runner.outputs().connect("out", new Destination.ToPipeline(next, "in"));
    Destination in = new Destination.ToPipeline(runner, "in");
    int perThread = 20_000;
    sendFromTwoThreads(perThread, in::send);
    CountDownLatch drained = new CountDownLatch(2);
    runner.whenDrained(() -> next.whenDrained(drained::countDown));
    runner.whenDrained(drained::countDown);
    assertThat(drained.await(60, TimeUnit.SECONDS)).isTrue();
    List<Long> sent = new ArrayList<>();
    runner.outputs().forEachSent((port, n) -> sent.add(n));
    assertThat(runner.received().get("in").sum()).isEqualTo(2L * perThread);
    assertThat(sent).containsExactly(2L * perThread);
    assertThat(next.received().get("in").sum()).isEqualTo(2L * perThread);
  }

  @Test
  void aJavaErrorInAnInlineRunLeavesTheRunnerServingLaterEvents() {
    Recording p = new Recording();
    PipelineRunner runner = runner(p);
    p.during =
        (e, n) -> {
          if (e.id().event() == 1) {
            throw new StackOverflowError();
          }
        };

    runner.submit("in", event(1));
    runner.submit("in", event(2));

    assertThat(p.ran).containsExactly("event 1", "event 2");
    assertThat(runner.overloaded()).isFalse();
  }

  @Test
  void javaErrorsInQueuedEventsAndDrainedActionsStopNothingElse() {
    Recording p = new Recording();
    PipelineRunner runner = runner(p);
    List<String> actions = new ArrayList<>();
    p.during =
        (e, n) -> {
          if (e.id().event() == 1) {
            runner.submit("in", event(2));
            runner.submit("in", event(3));
            runner.whenDrained(
                () -> {
                  throw new OutOfMemoryError("Java heap space");
                });
            runner.whenDrained(() -> actions.add("second action"));
          }
          if (e.id().event() == 2) {
            throw new AssertionError("a bug");
          }
        };

    runner.submit("in", event(1));
    runner.submit("in", event(4));

    assertThat(p.ran).containsExactly("event 1", "event 2", "event 3", "event 4");
    assertThat(actions).containsExactly("second action");
  }

  /**
   * Two threads, started together, each send {@code perThread} events (ids from 0 and from
   * 1,000,000); returns when both are done.
   */
  private static void sendFromTwoThreads(int perThread, Consumer<Event> send)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      long base = t * 1_000_000L;
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  send.accept(event(base + i));
                }
              });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
    }
  }
}
