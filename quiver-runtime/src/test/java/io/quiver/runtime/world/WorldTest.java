package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.Registry;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.config.Problem;
import io.quiver.spi.Signal;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding instantiation, link validation, activation and routing, with in-memory ramps. */
class WorldTest {
  @TempDir Path tmp;
  private World world;

  private static final String LINKED =
      """
      onramp:
        - id: in
          type: memory
          linked: true
          preprocessors: [lines]
      offramp:
        - id: out
          type: memory
          linked: true
          codec: string
          config:
            echo: true
      binding:
        - id: main
          links:
            "/onramp/in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
            "/pipeline/fwd/{instance}/out": ["/offramp/out/{instance}/in"]
            "/offramp/out/{instance}/out": ["/pipeline/back/{instance}/in"]
            "/pipeline/back/{instance}/out": ["/onramp/in/{instance}/in"]
        - id: error
          links:
            "/onramp/in/{instance}/err": ["/pipeline/system::passthrough/system/in"]
            "/pipeline/system::passthrough/system/out": ["/onramp/in/{instance}/in"]
      mapping:
        /binding/main/01:
          instance: "01"
        /binding/error/01:
          instance: "01"
      """;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  private World load(String yaml, String... pipelines) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String p : pipelines) {
      Path f = tmp.resolve(p + ".trickle");
      Files.writeString(f, "select event from in into out;\n");
      files.add(f);
    }
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, yaml);
    files.add(config);
    return World.load(files, Registry.load());
  }

  private List<String> problems(String yaml, String... pipelines) {
    try {
      load(yaml, pipelines);
    } catch (DeploymentException e) {
      return e.problems().stream()
          .map(Problem::toString)
          .map(s -> s.replace(tmp + "/", ""))
          .toList();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void sharedInstancesAreOneInstance() throws Exception {
    world = load(LINKED, "fwd", "back");
    assertThat(world.instances().get("onramp")).containsExactly("/onramp/in/01");
    assertThat(world.instances().get("offramp"))
        .containsExactly(
            "/offramp/system::stdout/system", "/offramp/system::stderr/system", "/offramp/out/01");
    assertThat(world.instances().get("pipeline"))
        .containsExactlyInAnyOrder(
            "/pipeline/system::metrics/system",
            "/pipeline/back/01",
            "/pipeline/fwd/01",
            "/pipeline/system::passthrough/system");
    assertThat(world.onrampUid("/onramp/in/01")).isEqualTo(1);
  }

  @Test
  void requestsFlowOutAndRepliesComeBackToTheirStreamWithTheirIds() throws Exception {
    world = load(LINKED, "fwd", "back");
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    MemorySink sink = (MemorySink) world.sink("/offramp/out/01");
    long first = source.connect();
    long second = source.connect();

    source.send(first, "a\nb\n");
    source.send(second, "c\n");

    assertThat(List.of(take(sink), take(sink), take(sink)))
        .extracting(Event::id, Event::data, Event::stream)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(new EventId(1, 0, 0), Value.of("a"), first),
            org.assertj.core.groups.Tuple.tuple(new EventId(1, 0, 1), Value.of("b"), first),
            org.assertj.core.groups.Tuple.tuple(new EventId(1, 0, 2), Value.of("c"), second));
    assertThat(List.of(take(source), take(source), take(source)))
        .extracting(e -> e.id().toString(), Event::stream)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1:0:0", first),
            org.assertj.core.groups.Tuple.tuple("1:0:1", first),
            org.assertj.core.groups.Tuple.tuple("1:0:2", second));
  }

  @Test
  void decodeErrorsBecomeErrorEventsOnErrWithTremorsShape() throws Exception {
    world = load(LINKED, "fwd", "back");
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    long stream = source.connect();
    RunnerErrorLog log = new RunnerErrorLog(OnrampInstance.class);
    source.send(stream, "ok\n");
    source.sendBytes(stream, new byte[] {(byte) 0xff, '\n'});
    source.sendBytes(stream, new byte[] {(byte) 0xfe, '\n'});
    log.close();

    Event ok = take(source);
    assertThat(ok.data()).isEqualTo(Value.of("ok"));
    Event error = take(source);
    assertThat(error.id()).isEqualTo(new EventId(1, 0, 1));
    assertThat(error.stream()).isEqualTo(stream);
    assertThat(error.data())
        .isEqualTo(
            Value.obj(
                "error", Value.of("invalid utf-8 sequence of 1 bytes from index 0"),
                "event_id", Value.of(1),
                "source_id", Value.of("tremor://localhost/onramp/in/01/in")));
    assertThat(((Value.Obj) take(source).data()).get("event_id")).isEqualTo(Value.of(2));
    // Tremor's error line (src/source.rs), once per 10 s: the second bad line is held back
    assertThat(log.errorLines())
        .containsExactly(
            "[Source::tremor://localhost/onramp/in/01] Error decoding event data:"
                + " invalid utf-8 sequence of 1 bytes from index 0");
  }

  @Test
  void withoutPreprocessorsEachStreamsEventsKeepTheirOwnStreamMetaAndIds() throws Exception {
    // no preprocessors: the per-message path, one reused sink per stream
    String yaml = LINKED.replace("    preprocessors: [lines]\n", "");
    assertThat(yaml).doesNotContain("preprocessors");
    world = load(yaml, "fwd", "back");
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    MemorySink sink = (MemorySink) world.sink("/offramp/out/01");
    long first = source.connect();
    long second = source.connect();
    RunnerErrorLog log = new RunnerErrorLog(OnrampInstance.class);

    source.send(first, "a");
    source.sendBytes(second, new byte[] {(byte) 0xff});
    source.sendBytes(second, "b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    source.send(first, "c");
    log.close();

    assertThat(List.of(take(sink), take(sink), take(sink)))
        .extracting(Event::id, Event::data, Event::stream, e -> e.metaField("binary"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                new EventId(1, 0, 0), Value.of("a"), first, Value.FALSE),
            org.assertj.core.groups.Tuple.tuple(
                new EventId(1, 0, 2), Value.of("b"), second, Value.TRUE),
            org.assertj.core.groups.Tuple.tuple(
                new EventId(1, 0, 3), Value.of("c"), first, Value.FALSE));
    List<Event> replies = List.of(take(source), take(source), take(source), take(source));
    List<Event> errors = replies.stream().filter(e -> e.data() instanceof Value.Obj).toList();
    assertThat(errors).hasSize(1);
    Event error = errors.get(0);
    assertThat(error.id()).isEqualTo(new EventId(1, 0, 1));
    assertThat(error.stream()).isEqualTo(second);
    assertThat(((Value.Obj) error.data()).get("error"))
        .isEqualTo(Value.of("invalid utf-8 sequence of 1 bytes from index 0"));
  }

  @Test
  void closingAStreamSignalsTheSinksDownstream() throws Exception {
    world = load(LINKED, "fwd", "back");
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    MemorySink sink = (MemorySink) world.sink("/offramp/out/01");
    long stream = source.connect();
    source.send(stream, "partial");
    source.disconnect(stream);

    assertThat(take(sink).data()).isEqualTo(Value.of("partial"));
    assertThat(nextSignalOtherThanTick(sink)).isEqualTo(new Signal.StreamEnded(1, stream));
    assertThat(world.openStreams("/onramp/in/01")).isZero();
  }

  /** The world's ticker may signal the sink at any time; a loaded machine sees one first. */
  private static Signal nextSignalOtherThanTick(MemorySink sink) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      Signal signal = sink.signals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (!(signal instanceof Signal.Tick)) {
        return signal;
      }
    }
  }

  @Test
  void everyMappingKeyIsSubstitutedInTheInstanceSegment() throws Exception {
    world =
        load(
            """
            onramp:
              - id: in
                type: memory
            offramp:
              - id: out
                type: memory
            binding:
              - id: b
                links:
                  "/onramp/in/{region}-{n}/out": ["/pipeline/p/{region}/in"]
                  "/pipeline/p/{region}/out": ["/offramp/out/{n}/in"]
            mapping:
              /binding/b/x:
                region: eu
                n: "7"
            """,
            "p");
    assertThat(world.instances().get("onramp")).containsExactly("/onramp/in/eu-7");
    assertThat(world.instances().get("offramp")).contains("/offramp/out/7");
  }

  @Test
  void linkProblemsAreAllReported() {
    assertThat(
            problems(
                """
                onramp:
                  - id: in
                    type: memory
                offramp:
                  - id: out
                    type: memory
                binding:
                  - id: b
                    links:
                      "/onramp/in/{instance}/out": ["/offramp/out/{instance}/in"]
                      "/onramp/in/{instance}/nope": ["/pipeline/p/{instance}/in"]
                      "/pipeline/p/{other}/out": ["/offramp/out/{instance}/in"]
                      "/pipeline/q/{instance}/out": ["/offramp/out/{instance}/in"]
                      "/ramp/x/{instance}/out": ["/pipeline/p/{instance}/in"]
                mapping:
                  /binding/b/01:
                    instance: "01"
                  /binding/c/01:
                    instance: "01"
                """,
                "p"))
        .containsExactly(
            "config.yaml:10:37: binding b: links require the form of onramp -> pipeline or pipeline -> offramp"
                + " or pipeline -> pipeline or pipeline -> onramp or offramp -> pipeline"
                + " (got /onramp/in/{instance}/out -> /offramp/out/{instance}/in)",
            "config.yaml:11:38: binding b: Invalid Onramp Port: nope. Cannot connect.",
            "config.yaml:12:35: binding b: /pipeline/p/{other}/out has a placeholder that mapping"
                + " `/binding/b/01` gives no value for (it gives: instance)",
            "config.yaml:13:38: binding b: /pipeline/q/01/out: pipeline `q` not found; known pipelines: p,"
                + " system::metrics, system::passthrough",
            "config.yaml:14:34: binding b: Bad Resource type: ramp",
            "config.yaml:18:3: binding `c` not found for mapping `/binding/c/01`; known bindings: b");
  }

  @Test
  void errRequiredNeedsAnErrLink() {
    assertThat(
            problems(
                """
                onramp:
                  - id: in
                    type: memory
                    err_required: true
                binding:
                  - id: b
                    links:
                      "/onramp/in/{instance}/out": ["/pipeline/p/{instance}/in"]
                mapping:
                  /binding/b/01:
                    instance: "01"
                """,
                "p"))
        .containsExactly(
            "config.yaml:4:19: /onramp/in: err_required is true but nothing is linked to /onramp/in/01/err;"
                + " link it to a pipeline or drop err_required");
  }

  @Test
  void ticksCloseTimeWindowsWithoutFurtherEvents() throws Exception {
    Path window = tmp.resolve("fwd.trickle");
    Files.writeString(
        window,
        """
        define tumbling window every_200ms
        with
          interval = 200000000
        end;
        select {"count": aggr::stats::count()} from in[every_200ms] into out;
        """);
    Path back = tmp.resolve("back.trickle");
    Files.writeString(back, "select event from in into out;\n");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, LINKED);
    world = World.load(List.of(window, back, config), Registry.load());
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    MemorySink sink = (MemorySink) world.sink("/offramp/out/01");
    long stream = source.connect();
    source.send(stream, "a\nb\nc\n");

    assertThat(take(sink).data()).isEqualTo(Value.obj("count", Value.of(3)));
  }

  @Test
  void pipelineIdIsTheFileStemUnlessConfigSaysOtherwise() throws Exception {
    Path renamed = tmp.resolve("whatever.trickle");
    Files.writeString(renamed, "#!config id = \"fwd\"\nselect event from in into out;\n");
    Path back = tmp.resolve("back.trickle");
    Files.writeString(back, "select event from in into out;\n");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, LINKED);
    // YAML first on the command line: pipelines still load before it
    world = World.load(List.of(config, renamed, back), Registry.load());
    assertThat(world.instances().get("pipeline")).contains("/pipeline/fwd/01", "/pipeline/back/01");
  }

  @Test
  void duplicateIdsAndUnsupportedFilesAreProblems() throws Exception {
    Path other = tmp.resolve("notes.txt");
    Files.writeString(other, "x");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config, "onramp:\n  - id: in\n    type: memory\n  - id: in\n    type: memory\n");
    assertThatThrownBy(() -> World.load(List.of(other, config), Registry.load()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining(
            "notes.txt: unsupported file type: give .trickle pipelines and .yaml/.yml artefact files")
        .hasMessageContaining("config.yaml:4:9: duplicate onramp id `in` (first declared at");
  }

  @Test
  void filesThatAreNotUtf8AreProblemsWithTheirPlace() throws Exception {
    Path config =
        Files.write(
            tmp.resolve("config.yaml"),
            new byte[] {'o', 'n', 'r', 'a', 'm', 'p', ':', '\n', ' ', ' ', '#', (byte) 0xFC, '\n'});
    Path query = Files.write(tmp.resolve("p.trickle"), new byte[] {'s', (byte) 0x80});
    assertThatThrownBy(() -> World.load(List.of(config, query), Registry.load()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining(
            config + ":2:4: not valid UTF-8 at byte 11 (line 2, column 4); save the file as UTF-8")
        .hasMessageContaining(
            query + ":1:2: not valid UTF-8 at byte 1 (line 1, column 2); save the file as UTF-8");
  }

  @Test
  void tremorsLinkFormsAndTheIngestNsPreprocessorsTimeReachTheSink() throws Exception {
    // a relative link URL, an offramp port other than `in`, and ingest-ns setting the ingest time
    world =
        load(
            """
            onramp:
              - id: in
                type: memory
                codec: string
                preprocessors: [ingest-ns]
            offramp:
              - id: out
                type: memory
            binding:
              - id: main
                links:
                  "onramp/in/{i}/out": ["/pipeline/fwd/{i}/in"]
                  "/pipeline/fwd/{i}/out": ["/offramp/out/{i}/out"]
            mapping:
              /binding/main/01:
                i: "01"
            """,
            "fwd");
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    MemorySink sink = (MemorySink) world.sink("/offramp/out/01");
    long stream = source.connect();

    byte[] stamped = new byte[11];
    java.nio.ByteBuffer.wrap(stamped).putLong(1_234_567_890_123L).put("abc".getBytes());
    source.sendBytes(stream, stamped);

    Event e = take(sink);
    assertThat(e.data()).isEqualTo(Value.of("abc"));
    assertThat(e.ingestNs()).isEqualTo(1_234_567_890_123L);
  }

  private static Event take(MemorySink sink) throws InterruptedException {
    Event e = sink.events.poll(5, TimeUnit.SECONDS);
    assertThat(e).as("event reached the sink").isNotNull();
    return e;
  }

  private static Event take(MemorySource source) throws InterruptedException {
    Event e = source.replies.poll(5, TimeUnit.SECONDS);
    assertThat(e).as("reply reached the source").isNotNull();
    return e;
  }
}
