package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acks, fails and circuit changes travelling from an offramp back to the onramp, in a deployment.
 */
class ContraflowWorldTest {
  @TempDir Path tmp;
  private final List<World> worlds = new ArrayList<>();

  /** The ends of the deployment {@link #start01} started. */
  private MemorySource source;

  private MemorySink sink;

  private static final String PASS = "select event from in into out;\n";

  private static String deployment(boolean transactional, boolean autoAck) {
    return """
        onramp:
          - id: in
            type: memory
            config:
              transactional: %s
        offramp:
          - id: out
            type: memory
            codec: string
            config:
              auto_ack: %s
        binding:
          - id: main
            links:
              "/onramp/in/01/out": ["/pipeline/first/01/in"]
              "/pipeline/first/01/out": ["/pipeline/second/01/in"]
              "/pipeline/second/01/out": ["/offramp/out/01/in"]
        mapping:
          /binding/main/01: {}
        """
        .formatted(transactional, autoAck);
  }

  @AfterEach
  void stop() {
    worlds.forEach(World::stop);
  }

  private World start(String yaml, Map<String, String> pipelines) throws Exception {
    List<Path> files = new ArrayList<>();
    for (var p : pipelines.entrySet()) {
      Path f = tmp.resolve(p.getKey() + ".trickle");
      Files.writeString(f, p.getValue());
      files.add(f);
    }
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, yaml);
    files.add(config);
    World world = World.load(files, Registry.load());
    worlds.add(world);
    world.start();
    return world;
  }

  /**
   * Starts in -> first (passing) -> second -> out with one instance, "01"; its ends go to {@link
   * #source} and {@link #sink}.
   */
  private World start01(boolean transactional, boolean autoAck, String second) throws Exception {
    World world =
        start(deployment(transactional, autoAck), Map.of("first", PASS, "second", second));
    source = (MemorySource) world.source("/onramp/in/01");
    sink = (MemorySink) world.sink("/offramp/out/01");
    return world;
  }

  private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
    T item = queue.poll(10, TimeUnit.SECONDS);
    assertThat(item).as("nothing arrived within 10 s").isNotNull();
    return item;
  }

  @Test
  void aTransactionalSourceGetsTheAcksAndFailsOfItsEventsThroughTwoPipelines() throws Exception {
    start01(true, false, PASS);
    long stream = source.connect();

    source.send(stream, "a");
    source.send(stream, "b");
    Event a = next(sink.events);
    Event b = next(sink.events);
    assertThat(a.transactional()).isTrue();

    sink.fail(b);
    sink.ack(a);

    assertThat(next(source.contraflow)).isEqualTo("fail 1:0:1");
    assertThat(next(source.contraflow)).isEqualTo("ack 1:0:0");
    assertThat(source.contraflow).isEmpty();
  }

  @Test
  void anAutoAckingSinkAcksEverySentEventAndANonTransactionalSourceHearsNothing() throws Exception {
    start01(true, true, PASS);
    source.send(source.connect(), "a");
    next(sink.events);
    assertThat(next(source.contraflow)).isEqualTo("ack 1:0:0");

    World quiet =
        start(deployment(false, true).replace("/01", "/02"), Map.of("first", PASS, "second", PASS));
    MemorySource quietSource = (MemorySource) quiet.source("/onramp/in/02");
    MemorySink quietSink = (MemorySink) quiet.sink("/offramp/out/02");
    quietSource.send(quietSource.connect(), "a");
    Event sent = next(quietSink.events);
    assertThat(sent.transactional()).isFalse();
    quietSink.ack(sent); // not transactional: nothing is sent
    quietSource.send(1, "b");
    next(quietSink.events);
    assertThat(quietSource.contraflow).isEmpty();
  }

  @Test
  void aBrokenCircuitPausesEveryStreamOfTheSourceUntilItIsRestored() throws Exception {
    start01(false, true, PASS);
    long first = source.connect();

    sink.breakCircuit();
    assertThat(next(source.contraflow)).isEqualTo("circuit broken");
    assertThat(next(source.flow).toString()).isEqualTo(first + " pause");
    long second = source.connect(); // opened while broken: paused at once
    assertThat(next(source.flow).toString()).isEqualTo(second + " pause");
    sink.breakCircuit(); // already broken: nothing new
    sink.restoreCircuit();

    assertThat(next(source.contraflow)).isEqualTo("circuit restored");
    assertThat(List.of(next(source.flow).toString(), next(source.flow).toString()))
        .containsExactlyInAnyOrder(first + " resume", second + " resume");
    assertThat(source.contraflow).isEmpty();
    assertThat(source.flow).isEmpty();
  }

  @Test
  void aSinkBrokenAtItsStartPausesTheSourceBeforeTheSourceStarts() throws Exception {
    World world =
        start(
            deployment(false, true)
                .replace("auto_ack: true", "auto_ack: true\n      broken_at_start: true"),
            Map.of("first", PASS, "second", PASS));
    source = (MemorySource) world.source("/onramp/in/01");
    sink = (MemorySink) world.sink("/offramp/out/01");

    // heard while starting, before the source itself started: its first stream opens paused
    assertThat(source.contraflow.poll()).isEqualTo("circuit broken");
    long first = source.connect();
    assertThat(source.flow.poll()).hasToString(first + " pause");
    sink.restoreCircuit();
    assertThat(next(source.contraflow)).isEqualTo("circuit restored");
    assertThat(next(source.flow)).hasToString(first + " resume");
  }

  @Test
  void aSinkHoldsBackTheStreamAnEventCameFromUntilEveryHoldIsReleased() throws Exception {
    start01(false, true, PASS);
    long first = source.connect();
    long second = source.connect();
    source.send(first, "a");
    source.send(second, "b");
    Event a = next(sink.events);
    Event b = next(sink.events);

    assertThat(sink.holdOrigin(a)).as("an open stream with flow control slows down").isTrue();
    assertThat(next(source.flow).toString()).isEqualTo(first + " pause");
    sink.holdOrigin(a); // counted: the stream stays paused until both are released
    sink.holdOrigin(b);
    assertThat(next(source.flow).toString()).isEqualTo(second + " pause");
    sink.breakCircuit();
    sink.restoreCircuit(); // the circuit is fine again, but the holds still stand
    assertThat(next(source.contraflow)).isEqualTo("circuit broken");
    assertThat(next(source.contraflow)).isEqualTo("circuit restored");
    sink.releaseOrigin(a);
    assertThat(source.flow).isEmpty();
    sink.releaseOrigin(a);
    assertThat(next(source.flow).toString()).isEqualTo(first + " resume");
    sink.releaseOrigin(b);
    assertThat(next(source.flow).toString()).isEqualTo(second + " resume");
    sink.releaseOrigin(b); // a release that comes before its hold (another thread) ...
    sink.holdOrigin(b); // ... and the hold: together nothing
    assertThat(source.flow).isEmpty();
    source.disconnect(first);
    assertThat(sink.holdOrigin(a)).as("a closed stream: nothing to hold").isFalse();
    assertThat(source.flow).isEmpty();
  }

  @Test
  void backpressureWithCircuitBreakerPausesTheSourceOnAFailAndResumesAfterTheBackoff()
      throws Exception {
    String bp =
        """
        define qos::backpressure operator bp with timeout = 100, steps = [1], circuit_breaker = true end;
        create operator bp;
        select event from in into bp;
        select event from bp into out;
        """;
    start01(false, false, bp);
    long stream = source.connect();
    source.send(stream, "a");
    Event a = next(sink.events);
    assertThat(a.transactional()).isTrue(); // backpressure makes it so

    sink.fail(a);

    assertThat(next(source.contraflow)).isEqualTo("circuit broken");
    assertThat(next(source.flow).toString()).isEqualTo(stream + " pause");
    // the backoff (1 ms from the event's ingest time) is over by the next tick (every 100 ms)
    assertThat(next(source.contraflow)).isEqualTo("circuit restored");
    assertThat(next(source.flow).toString()).isEqualTo(stream + " resume");
  }

  @Test
  void aWalOnDiskSendsUnackedEventsAgainAfterARestart() throws Exception {
    String wal =
        """
        define qos::wal operator wal with read_count = 10, max_elements = 100, dir = "%s" end;
        create operator wal;
        select event from in into wal;
        select event from wal into out;
        """
            .formatted(tmp.resolve("wal").toString().replace("\\", "\\\\"));
    World world = start01(false, false, wal);
    long stream = source.connect();
    source.send(stream, "a");
    source.send(stream, "b");
    source.send(stream, "c");
    Event a = next(sink.events);
    assertThat(next(sink.events).data()).isEqualTo(Value.of("b"));
    assertThat(next(sink.events).data()).isEqualTo(Value.of("c"));
    sink.ack(a);
    // the ack reaches the wal: wait until a later event shows it was processed (same queue, in
    // order)
    source.send(stream, "d");
    Event d = next(sink.events);
    assertThat(d.data()).isEqualTo(Value.of("d"));
    world.stop();
    worlds.remove(world);

    World again = start(deployment(false, false), Map.of("first", PASS, "second", wal));
    MemorySink sink2 = (MemorySink) again.sink("/offramp/out/01");
    // on the first ticks the wal sends what was never acked: b, c and d (a was confirmed)
    assertThat(next(sink2.events).data()).isEqualTo(Value.of("b"));
    assertThat(next(sink2.events).data()).isEqualTo(Value.of("c"));
    assertThat(next(sink2.events).data()).isEqualTo(Value.of("d"));
    assertThat(sink2.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void twoWalInstancesSharingADirectoryAreAProblemAtLoad() throws Exception {
    Path dir = tmp.resolve("shared-wal");
    String wal =
        """
        define qos::wal operator wal with read_count = 1, max_elements = 10, dir = "%s" end;
        create operator wal;
        select event from in into wal;
        select event from wal into out;
        """
            .formatted(dir.toString().replace("\\", "\\\\"));
    String yaml =
        """
        onramp:
          - id: in
            type: memory
        offramp:
          - id: out
            type: memory
        binding:
          - id: main
            links:
              "/onramp/in/01/out": ["/pipeline/second/01/in"]
              "/pipeline/second/01/out": ["/offramp/out/01/in"]
          - id: twice
            links:
              "/onramp/in/02/out": ["/pipeline/second/02/in"]
              "/pipeline/second/02/out": ["/offramp/out/02/in"]
        mapping:
          /binding/main/01: {}
          /binding/twice/02: {}
        """;
    List<Path> files = new ArrayList<>();
    for (var p : Map.of("first", PASS, "second", wal).entrySet()) {
      Path f = tmp.resolve(p.getKey() + ".trickle");
      Files.writeString(f, p.getValue());
      files.add(f);
    }
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, yaml);
    files.add(config);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> World.load(files, Registry.load()))
        .isInstanceOf(io.quiver.runtime.config.DeploymentException.class)
        .hasMessageContaining(
            "binding twice: qos::wal operator `wal` cannot open its log in "
                + dir
                + ": the WAL directory "
                + dir
                + " is in use by another qos::wal operator; give each one its own `dir`");
    // the failed load released the first instance's log: a new deployment can use it
    start(deployment(false, true), Map.of("first", PASS, "second", wal));
  }
}
