package io.quiver.connectors.rest.offramp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.quiver.connectors.net.EventLoops;
import io.quiver.spi.Ports;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rest offramp dispatches each event on the event loop it was sent from, over that loop's own
 * connections, while {@code concurrency} bounds the requests in flight over all loops together.
 */
class RestOfframpLoopsIT {
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<RestSink> sinks = new ArrayList<>();
  private EventLoop loopA;
  private EventLoop loopB;
  private long nextId;

  @BeforeEach
  void twoLoops() {
    List<EventLoop> loops = new ArrayList<>();
    for (EventExecutor e : EventLoops.group()) {
      loops.add((EventLoop) e);
    }
    assumeTrue(loops.size() >= 2, "needs two event loops");
    loopA = loops.get(0);
    loopB = loops.get(1);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (RestSink s : sinks) {
      s.stop();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private TestHttpUpstream upstream() throws Exception {
    TestHttpUpstream up = TestHttpUpstream.http();
    closing.add(up);
    return up;
  }

  private RestSink sink(RestTestContext context, String configJson) throws Exception {
    RestOfframpProvider provider = new RestOfframpProvider();
    var validation = provider.configSpec().validate(Json.parse(configJson));
    assertThat(validation.problems()).isEmpty();
    RestSink sink = (RestSink) provider.create(context.artefact(), validation.config());
    sink.start(context);
    sinks.add(sink);
    return sink;
  }

  private Event event() {
    return new Event(
        new EventId(1, 0, nextId++),
        1,
        Value.EMPTY_OBJECT,
        Value.EMPTY_OBJECT,
        7,
        Transit.NONE.withTransactional(true));
  }

  /** Sends an event to {@code sink} from {@code loop}'s thread, as a pipeline run there would. */
  private void sendOn(EventLoop loop, RestSink sink) {
    Event e = event();
    loop.execute(() -> sink.onEvent(e));
  }

  /** A dispatcher's counts, read on its loop (they are confined to it). */
  private record Counts(int inFlight, int waiting) {}

  private static Counts dispatcherOf(RestSink sink, EventLoop loop) {
    for (Dispatcher d : sink.dispatchers()) {
      if (d.loop() == loop) {
        try {
          return loop.submit(() -> new Counts(d.inFlight(), d.waiting())).get();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no dispatcher on " + loop);
  }

  @Test
  void theOfframpHasADispatcherOnEveryLoop() throws Exception {
    RestSink sink = sink(new RestTestContext(true), "{\"endpoint\":\"http://127.0.0.1:1/\"}");
    Set<EventLoop> loops = new HashSet<>();
    for (Dispatcher d : sink.dispatchers()) {
      loops.add(d.loop());
    }
    assertThat(loops).contains(loopA, loopB).hasSize(sink.dispatchers().size());
  }

  @Test
  void requestsFromTwoLoopsRunOnTheirOwnLoopsOverTheirOwnConnections() throws Exception {
    TestHttpUpstream up = upstream();
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/gate\",\"concurrency\":4}");
    sendOn(loopA, sink);
    sendOn(loopB, sink);
    Await.until("both requests wait at the gate", () -> up.atGate.get() == 2);
    assertThat(dispatcherOf(sink, loopA).inFlight()).isEqualTo(1);
    assertThat(dispatcherOf(sink, loopB).inFlight()).isEqualTo(1);
    up.openGate();
    assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    assertThat(up.remotePorts).hasSize(2);
    assertThat(sink.metrics().snapshot().open()).isEqualTo(2);
    Await.until("drained", sink::drained);
  }

  @Test
  void concurrencyCountsTheRequestsOfEveryLoop() throws Exception {
    TestHttpUpstream up = upstream();
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/gate\",\"concurrency\":2}");
    for (int i = 0; i < 3; i++) {
      sendOn(loopA, sink);
      sendOn(loopB, sink);
    }
    Await.until(
        "four requests wait for a slot",
        () -> dispatcherOf(sink, loopA).waiting() + dispatcherOf(sink, loopB).waiting() == 4);
    Await.until("two requests wait at the gate", () -> up.atGate.get() == 2);
    assertThat(dispatcherOf(sink, loopA).inFlight() + dispatcherOf(sink, loopB).inFlight())
        .isEqualTo(2);
    up.openGate();
    for (int i = 0; i < 6; i++) {
      assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    }
    assertThat(up.maxAtGate.get()).isEqualTo(2);
    assertThat(up.received).hasSize(6);
    Await.until("drained", sink::drained);
  }

  @Test
  void aSlotFreedOnOneLoopStartsARequestWaitingOnAnother() throws Exception {
    TestHttpUpstream up = upstream();
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/gate\",\"concurrency\":1}");
    sendOn(loopA, sink);
    Await.until("the first request waits at the gate", () -> up.atGate.get() == 1);
    sendOn(loopB, sink);
    Await.until("the second waits for the slot", () -> dispatcherOf(sink, loopB).waiting() == 1);
    up.openGate(); // only loop A hears its response: loop B must be woken for its request
    assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    assertThat(ctx.next().port()).isEqualTo(Ports.OUT);
    assertThat(up.received).hasSize(2);
    Await.until("drained", sink::drained);
  }

  @Test
  void stoppingAnswersWhatWaitsOnEveryLoop() throws Exception {
    TestHttpUpstream up = upstream();
    RestTestContext ctx = new RestTestContext(true);
    RestSink sink =
        sink(ctx, "{\"endpoint\":\"http://127.0.0.1:" + up.port() + "/slow\",\"concurrency\":1}");
    sendOn(loopA, sink);
    sendOn(loopB, sink);
    Await.until(
        "one in flight, one waiting",
        () -> dispatcherOf(sink, loopA).waiting() + dispatcherOf(sink, loopB).waiting() == 1);
    sink.stop();
    assertThat(ctx.next().port()).isEqualTo(Ports.ERR);
    assertThat(ctx.next().port()).isEqualTo(Ports.ERR);
    assertThat(sink.drained()).isTrue();
    Await.until("every connection closed", () -> sink.metrics().snapshot().open() == 0);
  }
}
