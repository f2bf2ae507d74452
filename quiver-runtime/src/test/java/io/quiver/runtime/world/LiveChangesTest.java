package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.Registry;
import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import io.quiver.runtime.config.YamlConfigReader;
import io.quiver.runtime.world.ChangeRefused.Reason;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing, unpublishing, activating and deactivating on a running world of memory ramps. */
class LiveChangesTest {
  @TempDir Path tmp;
  private World world;
  private MemorySource source;
  private MemorySink sink;

  @BeforeEach
  void start() throws Exception {
    Path fwd = Files.writeString(tmp.resolve("fwd.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            tmp.resolve("config.yaml"),
            """
            onramp:
              - id: in
                type: memory
                preprocessors: [lines]
            offramp:
              - id: out
                type: memory
                codec: string
            binding:
              - id: main
                links:
                  "/onramp/in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
                  "/pipeline/fwd/{instance}/out": ["/offramp/out/{instance}/in"]
            mapping:
              /binding/main/01: {instance: "01"}
            """);
    world = World.load(List.of(fwd, config), Registry.load());
    world.start();
    source = (MemorySource) world.source("/onramp/in/01");
    sink = (MemorySink) world.sink("/offramp/out/01");
  }

  @AfterEach
  void stop() {
    world.stop();
  }

  private static RampSpec ramp(ResourceType kind, String yaml) {
    Problems problems = new Problems();
    RampSpec spec = YamlConfigReader.readRamp(kind, "<API>", yaml, problems).orElseThrow();
    assertThat(problems.list()).isEmpty();
    return spec;
  }

  private static BindingSpec binding(String yaml) {
    return YamlConfigReader.readBinding("<API>", yaml, new Problems()).orElseThrow();
  }

  /** A tap: a second path out of the running pipeline fwd/01 into a new offramp. */
  private void publishTap() throws ChangeRefused {
    world.publishPipeline("#!config id = \"tap\"\nselect event from in into out;\n");
    world.publish(ramp(ResourceType.OFFRAMP, "id: out2\ntype: memory\ncodec: string\n"));
    world.publish(
        binding(
            """
            id: tap
            links:
              "/pipeline/fwd/01/out": ["/pipeline/tap/{instance}/in"]
              "/pipeline/tap/{instance}/out": ["/offramp/out2/{instance}/in"]
            """));
  }

  @Test
  void anActivatedInstanceJoinsTheRunningPathAndLeavesItWhenDeactivated() throws Exception {
    publishTap();
    world.activate("tap", "x", Map.of("instance", "x"));
    assertThat(world.instances().get("pipeline")).contains("/pipeline/tap/x");
    assertThat(world.instances().get("offramp")).contains("/offramp/out2/x");
    MemorySink tapped = (MemorySink) world.sink("/offramp/out2/x");
    long stream = source.connect();

    source.send(stream, "a\n");
    assertThat(take(sink).data()).isEqualTo(Value.of("a"));
    assertThat(take(tapped).data()).isEqualTo(Value.of("a"));

    world.deactivate("tap", "x");
    assertThat(world.instances().get("pipeline")).doesNotContain("/pipeline/tap/x");
    assertThat(world.instances().get("offramp")).doesNotContain("/offramp/out2/x");
    source.send(stream, "b\n");
    assertThat(take(sink).data()).isEqualTo(Value.of("b"));
    assertThat(tapped.events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(world.mappings()).containsOnlyKeys("/binding/main/01");
  }

  @Test
  void anOfframpThatStartsBrokenPausesTheRunningOnrampItJoins() throws Exception {
    long stream = source.connect();
    world.publishPipeline("#!config id = \"tap\"\nselect event from in into out;\n");
    world.publish(
        ramp(
            ResourceType.OFFRAMP,
            "id: out2\ntype: memory\ncodec: string\nconfig: {broken_at_start: true}\n"));
    world.publish(
        binding(
            """
            id: tap
            links:
              "/pipeline/fwd/01/out": ["/pipeline/tap/{instance}/in"]
              "/pipeline/tap/{instance}/out": ["/offramp/out2/{instance}/in"]
            """));

    world.activate("tap", "x", Map.of("instance", "x"));

    // its start-up break went out before the link from the running pipeline existed: it is told
    // again once linked, so the running onramp waits for the new offramp too
    assertThat(source.contraflow.poll(10, TimeUnit.SECONDS)).isEqualTo("circuit broken");
    assertThat(source.flow.poll(10, TimeUnit.SECONDS)).hasToString(stream + " pause");
    ((MemorySink) world.sink("/offramp/out2/x")).restoreCircuit();
    assertThat(source.contraflow.poll(10, TimeUnit.SECONDS)).isEqualTo("circuit restored");
    assertThat(source.flow.poll(10, TimeUnit.SECONDS)).hasToString(stream + " resume");
  }

  @Test
  void deactivationDrainsForTheWorldsDrainTimeout() throws Exception {
    publishTap();
    world.activate("tap", "x", Map.of("instance", "x"));
    MemorySink tapped = (MemorySink) world.sink("/offramp/out2/x");
    tapped.busy = true; // an answer it never gets: the drain runs to its timeout
    world.drainTimeout(java.time.Duration.ofMillis(30));
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(World.class);
    var appender =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.start();
    log.addAppender(appender);
    try {
      world.deactivate("tap", "x");
    } finally {
      log.detachAppender(appender);
    }
    assertThat(appender.list)
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .contains("/binding/tap/x: events still unanswered after 30 ms get error answers");
    assertThat(world.instances().get("offramp")).doesNotContain("/offramp/out2/x");
  }

  @Test
  void deactivationStopsOnlyWhatNoOtherInstanceUses() throws Exception {
    world.activate("main", "02", Map.of("instance", "02"));
    assertThat(world.instances().get("onramp")).containsExactly("/onramp/in/01", "/onramp/in/02");
    assertThat(world.notReady()).isEmpty();
    world.deactivate("main", "02");
    assertThat(world.instances().get("onramp")).containsExactly("/onramp/in/01");
    long stream = source.connect();
    source.send(stream, "still\n");
    assertThat(take(sink).data()).isEqualTo(Value.of("still"));
  }

  @Test
  void artefactsAreCheckedAsLoadingChecksThem() {
    assertThatThrownBy(() -> world.publish(ramp(ResourceType.ONRAMP, "id: x\ntype: nope\n")))
        .isInstanceOfSatisfying(
            ChangeRefused.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID);
              assertThat(e.getMessage())
                  .startsWith("<API>:2:7: [onramp:x] Onramp type nope not known");
            });
    assertThatThrownBy(() -> world.publish(ramp(ResourceType.ONRAMP, "id: in\ntype: memory\n")))
        .hasFieldOrPropertyWithValue("reason", Reason.ALREADY_EXISTS);
    assertThatThrownBy(() -> world.publishPipeline("select event from in into out;\n"))
        .hasFieldOrPropertyWithValue("reason", Reason.NO_ID);
    assertThatThrownBy(() -> world.publishPipeline("#!config id = \"p\"\nselect evnt frm;\n"))
        .hasFieldOrPropertyWithValue("reason", Reason.INVALID)
        .hasMessageContaining("invalid pipeline:");
    assertThat(world.artefactIds(ResourceType.ONRAMP)).containsExactly("in");
  }

  @Test
  void unpublishingFollowsTremorsRules() throws Exception {
    assertThatThrownBy(() -> world.unpublish(ResourceType.PIPELINE, "system::passthrough"))
        .hasFieldOrPropertyWithValue("reason", Reason.SYSTEM_ARTEFACT);
    assertThatThrownBy(() -> world.unpublish(ResourceType.ONRAMP, "in"))
        .hasFieldOrPropertyWithValue("reason", Reason.HAS_INSTANCES);
    assertThatThrownBy(() -> world.unpublish(ResourceType.BINDING, "main"))
        .hasFieldOrPropertyWithValue("reason", Reason.HAS_INSTANCES);
    assertThatThrownBy(() -> world.unpublish(ResourceType.OFFRAMP, "nope"))
        .hasFieldOrPropertyWithValue("reason", Reason.NOT_FOUND);
    assertThat(world.ramp(ResourceType.OFFRAMP, "system::stderr").orElseThrow().type())
        .isEqualTo("stderr");
    assertThat(world.instanceIds(ResourceType.OFFRAMP, "system::stderr")).containsExactly("system");
    assertThatThrownBy(() -> world.unpublish(ResourceType.OFFRAMP, "system::stdout"))
        .hasFieldOrPropertyWithValue("reason", Reason.SYSTEM_ARTEFACT);
    world.deactivate("main", "01");
    world.unpublish(ResourceType.BINDING, "main");
    world.unpublish(ResourceType.ONRAMP, "in");
    world.unpublish(ResourceType.PIPELINE, "fwd");
    assertThat(world.artefactIds(ResourceType.PIPELINE))
        .containsExactly("system::passthrough", "system::metrics");
    assertThat(world.instances().get("onramp")).isEmpty();
  }

  @Test
  void aMappingThatDoesNotResolveLeavesTheWorldAsItWas() throws Exception {
    world.publish(
        binding(
            "id: broken\nlinks:\n  \"/pipeline/fwd/01/out\": [\"/pipeline/nope/{instance}/in\"]\n"));
    Map<String, List<String>> before = world.instances();
    assertThatThrownBy(() -> world.activate("broken", "1", Map.of("instance", "1")))
        .isInstanceOfSatisfying(
            ChangeRefused.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID);
              assertThat(e.getMessage())
                  .contains("binding broken: /pipeline/nope/1/in: pipeline `nope` not found");
            });
    assertThatThrownBy(() -> world.activate("absent", "1", Map.of()))
        .hasFieldOrPropertyWithValue("reason", Reason.NOT_FOUND);
    assertThatThrownBy(() -> world.activate("main", "01", Map.of("instance", "01")))
        .hasFieldOrPropertyWithValue("reason", Reason.ALREADY_EXISTS);
    assertThatThrownBy(() -> world.deactivate("main", "09"))
        .hasFieldOrPropertyWithValue("reason", Reason.NOT_FOUND);
    assertThat(world.instances()).isEqualTo(before);
    long stream = source.connect();
    source.send(stream, "ok\n");
    assertThat(take(sink).data()).isEqualTo(Value.of("ok"));
  }

  @Test
  void anOnrampThatRequiresItsErrLinkedIsRefusedWithoutOne() throws Exception {
    world.publish(ramp(ResourceType.ONRAMP, "id: strict\ntype: memory\nerr_required: true\n"));
    world.publish(
        binding("id: s\nlinks:\n  \"/onramp/strict/{instance}/out\": [\"/pipeline/fwd/01/in\"]\n"));
    assertThatThrownBy(() -> world.activate("s", "1", Map.of("instance", "1")))
        .isInstanceOfSatisfying(
            ChangeRefused.class,
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        "<API>:3:15: /onramp/strict: err_required is true but nothing is linked to"
                            + " /onramp/strict/1/err; link it to a pipeline or drop err_required"));
    assertThat(world.instances().get("onramp")).containsExactly("/onramp/in/01");
  }

  @Test
  void aStoppedWorldIsNotReadyAndTakesNoActivation() throws Exception {
    world.stop();
    assertThat(world.notReady()).containsExactly("deployment");
    assertThatThrownBy(() -> world.activate("main", "02", Map.of("instance", "02")))
        .hasFieldOrPropertyWithValue("reason", Reason.INVALID);
  }

  private static Event take(MemorySink sink) throws InterruptedException {
    Event e = sink.events.poll(5, TimeUnit.SECONDS);
    assertThat(e).as("event reached the sink").isNotNull();
    return e;
  }
}
