package io.quiver.connectors.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.Artefact;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExitOfframpTest {
  private final Recording context = new Recording();
  private final ExitOfframp sink = new ExitOfframp();

  /** Records acks, fails and exit requests; the pipeline thread is the test thread. */
  static final class Recording implements SinkContext {
    final List<String> log = new CopyOnWriteArrayList<>();
    final BlockingQueue<Thread> exitThreads = new LinkedBlockingQueue<>();

    @Override
    public Artefact artefact() {
      return new Artefact("exit", "01", "tremor://localhost/offramp/exit/01", false);
    }

    @Override
    public void emit(String port, Event event) {
      log.add("emit " + port);
    }

    @Override
    public Serializer newSerializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Deserializer newDeserializer() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void ack(Event event) {
      log.add("ack " + event.id().event());
    }

    @Override
    public void fail(Event event) {
      log.add("fail " + event.id().event());
    }

    @Override
    public void exitProcess(int status) {
      log.add("exit " + status);
      exitThreads.add(Thread.currentThread());
    }
  }

  private static Event event(long n, Value data) {
    return new Event(new EventId(1, 0, n), 0, data, Value.EMPTY_OBJECT, 0);
  }

  private static Value exit(int status, long delay) {
    return Value.obj("exit", Value.of(status), "delay", Value.of(delay));
  }

  @AfterEach
  void stop() {
    sink.stop();
  }

  @Test
  void anExitEventWithoutDelayEndsTheProcessAtOnce() {
    sink.start(context);
    assertThat(sink.autoAck()).isFalse();
    sink.onEvent(event(1, Value.obj("exit", Value.of(55))));
    assertThat(context.log).containsExactly("ack 1", "exit 55");
  }

  @Test
  void theDelayRunsOnATimerNotOnThePipelineThread() throws Exception {
    sink.start(context);
    sink.onEvent(event(1, exit(3, 200)));
    assertThat(context.log).containsExactly("ack 1"); // returned before the delay passed
    Thread exiting = context.exitThreads.poll(10, TimeUnit.SECONDS);
    assertThat(exiting).isNotNull().isNotSameAs(Thread.currentThread());
    assertThat(exiting.getName()).isEqualTo("exit-exit-01");
    assertThat(context.log).containsExactly("ack 1", "exit 3");
  }

  @Test
  void onlyTheFirstExitEventCountsAsInTremorWhereTheSinkSleepsThenExits() throws Exception {
    sink.start(context);
    sink.onEvent(event(1, exit(1, 300)));
    sink.onEvent(event(2, exit(2, 0)));
    assertThat(context.exitThreads.poll(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(context.log).containsExactly("ack 1", "ack 2", "exit 1");
  }

  @Test
  void anyOtherEventFailsWithTremorsErrorAndEndsNothing() {
    sink.start(context);
    sink.onEvent(event(1, Value.obj("done", Value.TRUE)));
    sink.onEvent(event(2, Value.of("exit")));
    assertThat(context.log).containsExactly("fail 1", "fail 2");
    assertThat(ExitOfframp.UNEXPECTED).isEqualTo("Unexpected event received in exit offramp");
    sink.onEvent(event(3, exit(7, 0))); // the offramp still works
    assertThat(context.log).containsExactly("fail 1", "fail 2", "ack 3", "exit 7");
  }

  @Test
  void ofABatchOnlyTheFirstValueCounts() {
    sink.start(context);
    Value entries = Value.array(entry(Value.obj("x", Value.of(1))), entry(exit(9, 0)));
    sink.onEvent(event(1, entries).withTransit(Transit.NONE.withBatch(true)));
    assertThat(context.log).containsExactly("fail 1");
    Value exiting = Value.array(entry(exit(4, 0)), entry(Value.of("ignored")));
    sink.onEvent(event(2, exiting).withTransit(Transit.NONE.withBatch(true)));
    assertThat(context.log).containsExactly("fail 1", "ack 2", "exit 4");
  }

  @Test
  void aStopDropsADelayedExitNotYetDue() throws Exception {
    sink.start(context);
    sink.onEvent(event(1, exit(5, 60_000)));
    sink.stop();
    assertThat(context.exitThreads.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(context.log).containsExactly("ack 1");
  }

  private static Value entry(Value value) {
    return Value.obj("data", Value.obj("value", value, "meta", Value.EMPTY_OBJECT));
  }
}
