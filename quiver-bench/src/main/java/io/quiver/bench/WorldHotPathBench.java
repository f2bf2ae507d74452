package io.quiver.bench;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.spi.Artefact;
import io.quiver.spi.FlowControl;
import io.quiver.spi.Sink;
import io.quiver.spi.SinkContext;
import io.quiver.spi.SinkProvider;
import io.quiver.spi.Source;
import io.quiver.spi.SourceContext;
import io.quiver.spi.SourceProvider;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The runtime's share of the proxy's per-message work, without sockets: a message handed to a
 * running {@link World}'s onramp ({@code SourceContext.receiveMessage}) is decoded, sent out of the
 * onramp's {@code out} port into a pipeline ({@code select event from in into out}, run inline by
 * its runner), and out of the pipeline's {@code out} into an offramp whose sink only keeps the last
 * event. One operation = one message. What {@link WsHotPathBench} leaves out: the onramp, the port
 * tables, the pipeline runner and the offramp of the world, with their per-event counters.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class WorldHotPathBench {
  @Param({"string", "json"})
  public String codec;

  @Param({"64"})
  public int size;

  private Path dir;
  private World world;
  private SourceContext inlet;
  private long stream;
  private byte[] message;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("quiver-world-bench");
    Path pipeline =
        Files.writeString(dir.resolve("pass.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            dir.resolve("config.yaml"),
            """
            onramp:
              - id: inlet
                type: bench-inlet
                codec: %s
            offramp:
              - id: outlet
                type: bench-outlet
                codec: %s
            binding:
              - id: b
                links:
                  "/onramp/inlet/{i}/out": ["/pipeline/pass/{i}/in"]
                  "/pipeline/pass/{i}/out": ["/offramp/outlet/{i}/in"]
            mapping:
              /binding/b/01:
                i: "01"
            """
                .formatted(codec, codec));
    world = World.load(List.of(pipeline, config), Registry.load());
    world.start();
    Inlet source = (Inlet) world.source("/onramp/inlet/01");
    inlet = source.context;
    stream = inlet.openStream(FlowControl.NONE);
    message = WsHotPathBench.payload(size).getBytes(StandardCharsets.UTF_8);
    inlet.receiveMessage(stream, message, Value.EMPTY_OBJECT);
    if (((Outlet) world.sink("/offramp/outlet/01")).last == null) {
      throw new IllegalStateException("the message did not reach the offramp");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    world.stop();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  public int message() {
    return inlet.receiveMessage(stream, message, Value.EMPTY_OBJECT);
  }

  /** An onramp that only keeps its context: the benchmark pushes messages through it. */
  public static final class Inlet implements Source {
    volatile SourceContext context;

    @Override
    public void start(SourceContext context) {
      this.context = context;
    }

    @Override
    public void stop() {}
  }

  /** Registers {@link Inlet} as onramp type {@code bench-inlet}. */
  public static final class InletProvider implements SourceProvider {
    @Override
    public String name() {
      return "bench-inlet";
    }

    @Override
    public String defaultCodec() {
      return "string";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.of();
    }

    @Override
    public boolean requiresConfig() {
      return false;
    }

    @Override
    public Source create(Artefact artefact, Config config) {
      return new Inlet();
    }
  }

  /** An offramp that keeps the last event it got. */
  public static final class Outlet implements Sink {
    volatile Event last;

    @Override
    public void start(SinkContext context) {}

    @Override
    public void onEvent(Event event) {
      last = event;
    }

    @Override
    public void stop() {}
  }

  /** Registers {@link Outlet} as offramp type {@code bench-outlet}. */
  public static final class OutletProvider implements SinkProvider {
    @Override
    public String name() {
      return "bench-outlet";
    }

    @Override
    public String defaultCodec() {
      return "string";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.of();
    }

    @Override
    public boolean requiresConfig() {
      return false;
    }

    @Override
    public Sink create(Artefact artefact, Config config) {
      return new Outlet();
    }
  }
}
