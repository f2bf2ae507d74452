package io.quiver.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.value.Event;
import io.quiver.value.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events that die inside a pipeline (a runtime error, or a {@link Error} thrown while running it):
 * logged at ERROR in Tremor's form, nothing sent out of the pipeline's err port (as in Tremor), the
 * linked origin answered, and the pipeline still serving every other event.
 */
class PipelineErrorsWorldTest {
  @TempDir Path tmp;
  private World world;
  @AutoClose private final RunnerErrorLog log = new RunnerErrorLog();

  /** in -> fwd -> out (echoing) -> back -> in; {@code ERR_LINKS} are added to the binding. */
  private static final String DEPLOYMENT =
      """
      onramp:
        - id: in
          type: memory
          linked: true
          codec: json
          preprocessors: [lines]
      offramp:
        - id: out
          type: memory
          linked: true
          codec: json
          config:
            echo: true
            overflow_on: "overflow"
      binding:
        - id: main
          links:
            "/onramp/in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
            "/pipeline/fwd/{instance}/out": ["/offramp/out/{instance}/in"]
            "/offramp/out/{instance}/out": ["/pipeline/back/{instance}/in"]
            "/pipeline/back/{instance}/out": ["/onramp/in/{instance}/in"]
            ERR_LINKS
      mapping:
        /binding/main/01:
          instance: "01"
      """;

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
  }

  private MemorySource deploy(String fwd, String errLinks) throws Exception {
    List<Path> files = new ArrayList<>();
    Files.writeString(tmp.resolve("fwd.trickle"), fwd);
    Files.writeString(tmp.resolve("back.trickle"), "select event from in into out;\n");
    files.add(tmp.resolve("fwd.trickle"));
    files.add(tmp.resolve("back.trickle"));
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, DEPLOYMENT.replace("ERR_LINKS", errLinks.indent(6).strip()));
    files.add(config);
    world = World.load(files, Registry.load());
    world.start();
    return (MemorySource) world.source("/onramp/in/01");
  }

  private static String reply(MemorySource source) throws InterruptedException {
    Event e = source.replies.poll(5, TimeUnit.SECONDS);
    assertThat(e).as("a reply reached the source").isNotNull();
    return e.stream() + " " + Json.write(e.data());
  }

  @Test
  void aFailingSelectAnswersTheLinkedClientWhenNoErrLinkLeadsBackToIt() throws Exception {
    MemorySource source = deploy("select event.foo from in into out;\n", "");
    long client = source.connect();

    source.send(client, "{}\n");
    source.send(client, "{\"foo\":1}\n");

    assertThat(reply(source))
        .isEqualTo(
            client
                + " {\"error\":\"fwd.trickle:1:14: Trying to access a non existing event key `foo`\",\"event_id\":\"1:0:0\"}");
    assertThat(reply(source)).isEqualTo(client + " 1");
    assertThat(log.errorLines())
        .containsExactly(
            "[Pipeline::tremor://localhost/pipeline/fwd/01] Error handling event 1:0:0:\n"
                + "Error: \n"
                + "    1 | select event.foo from in into out;\n"
                + "      |              ^^^ Trying to access a non existing event key `foo`\n"
                + "\n");
  }

  @Test
  void tooManyWindowGroupsIsLoggedInTremorsWordsWithTheEventOnTheNextLine() throws Exception {
    MemorySource source =
        deploy(
            """
            define tumbling window w with size = 2, max_groups = 1 end;
            select aggr::stats::count() from in[w] group by event.g into out;
            """,
            "");
    long client = source.connect();

    source.send(client, "{\"g\":1}\n");
    source.send(client, "{\"g\":2}\n");
    source.send(client, "{\"g\":3}\n");

    assertThat(reply(source))
        .isEqualTo(
            client
                + " {\"error\":\"Maxmimum amount of groups reached (1). Ignoring group [2]\","
                + "\"event_id\":\"1:0:1\"}");
    assertThat(reply(source)).contains("Ignoring group [3]");
    // one cause whatever the group: the second line is held back
    assertThat(log.errorLines())
        .containsExactly(
            "[Pipeline::tremor://localhost/pipeline/fwd/01] Error handling event: Maxmimum amount"
                + " of groups reached (1). Ignoring group [2]\n  event 1:0:1");
  }

  @Test
  void aFailingSelectSendsNothingOutOfErrAsInTremorAndTheRuntimeAnswersOnce() throws Exception {
    MemorySource source =
        deploy(
            "select event.foo from in into out;\n",
            """
        "/pipeline/fwd/{instance}/err": ["/pipeline/system::passthrough/system/in"]
        "/pipeline/system::passthrough/system/out": ["/onramp/in/{instance}/in"]
        """);
    long client = source.connect();

    source.send(client, "{}\n");
    source.send(client, "{\"foo\":2}\n");

    assertThat(reply(source))
        .isEqualTo(
            client
                + " {\"error\":\"fwd.trickle:1:14: Trying to access a non existing event key"
                + " `foo`\",\"event_id\":\"1:0:0\"}");
    // one answer only: the next reply is the next event's
    assertThat(reply(source)).isEqualTo(client + " 2");
  }

  @Test
  void aJavaErrorInOneEventIsLoggedAnsweredAndEveryOtherClientIsStillServed() throws Exception {
    MemorySource source = deploy("select event from in into out;\n", "");
    long a = source.connect();
    long b = source.connect();

    source.send(a, "\"overflow\"\n");
    source.send(b, "\"hello\"\n");
    source.send(a, "\"again\"\n");

    assertThat(reply(source))
        .isEqualTo(
            a
                + " {\"error\":\"internal error in /pipeline/fwd/01 while sending it"
                + " out of out: java.lang.StackOverflowError\",\"event_id\":\"1:0:0\"}");
    assertThat(reply(source)).isEqualTo(b + " \"hello\"");
    assertThat(reply(source)).isEqualTo(a + " \"again\"");
    assertThat(log.errorLines())
        .containsExactly(
            "[Pipeline::tremor://localhost/pipeline/fwd/01] Error handling event 1:0:0: internal"
                + " error in /pipeline/fwd/01 while sending it out of out: java.lang.StackOverflowError");
  }

  @Test
  void repeatedFailuresOfOneCauseAreLoggedOnceInTheInterval() throws Exception {
    MemorySource source = deploy("select event.foo from in into out;\n", "");
    long client = source.connect();

    for (int i = 0; i < 5; i++) {
      source.send(client, "{}\n");
    }

    for (int i = 0; i < 5; i++) {
      assertThat(reply(source)).contains("Trying to access a non existing event key `foo`");
    }
    assertThat(log.errorLines()).hasSize(1);
  }

  @Test
  void aJavaErrorWhileDecodingBecomesAnErrorEventAndTheConnectionGoesOn() throws Exception {
    Files.writeString(tmp.resolve("fwd.trickle"), "select event from in into out;\n");
    Files.writeString(tmp.resolve("back.trickle"), "select event from in into out;\n");
    Path config =
        Files.writeString(
            tmp.resolve("config.yaml"),
            """
        onramp:
          - id: in
            type: memory
            linked: true
            codec: test_overflow
            preprocessors: [lines]
        offramp:
          - id: out
            type: memory
            linked: true
            codec: json
            config: {echo: true}
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
              "/pipeline/fwd/{instance}/out": ["/offramp/out/{instance}/in"]
              "/offramp/out/{instance}/out": ["/pipeline/back/{instance}/in"]
              "/pipeline/back/{instance}/out": ["/onramp/in/{instance}/in"]
              "/onramp/in/{instance}/err": ["/pipeline/system::passthrough/system/in"]
              "/pipeline/system::passthrough/system/out": ["/onramp/in/{instance}/in"]
        mapping:
          /binding/main/01: {instance: "01"}
        """);
    world =
        World.load(
            List.of(tmp.resolve("fwd.trickle"), tmp.resolve("back.trickle"), config),
            Registry.load());
    world.start();
    MemorySource source = (MemorySource) world.source("/onramp/in/01");
    long client = source.connect();

    source.send(client, "overflow\n");

    assertThat(reply(source))
        .isEqualTo(
            client
                + " {\"error\":\"internal error decoding the event:"
                + " java.lang.StackOverflowError\",\"event_id\":0,\"source_id\":\"tremor://localhost/onramp/in/01/in\"}");
    source.send(client, "after\n");
    assertThat(reply(source)).isEqualTo(client + " \"after\"");
  }
}
