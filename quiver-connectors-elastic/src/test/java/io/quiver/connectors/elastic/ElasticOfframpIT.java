package io.quiver.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.Registry;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.world.World;
import io.quiver.search.node.SearchNodeProcess;
import io.quiver.testkit.Await;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elastic offramp against a real single-node OpenSearch 2.19 cluster (its own process, started
 * once for the class): documents indexed and read back over HTTP, per-document answers on {@code
 * out}/{@code err} with a mapping conflict among them, guaranteed delivery across a node restart,
 * bad config refused.
 */
class ElasticOfframpIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static SearchNodeProcess node;
  private static SearchClient search;
  @TempDir Path tmp;

  @BeforeAll
  static void startNode() throws Exception {
    node = SearchNodeProcess.startEphemeral();
    search = new SearchClient(node.url());
  }

  @AfterAll
  static void stopNode() {
    if (search != null) {
      search.close();
    }
    if (node != null) {
      node.close();
    }
  }

  /** Linked elastic offramp fed by a file, its out and err written to files with their meta. */
  private ElasticDeployment linked(String index, String lines) throws Exception {
    return ElasticDeployment.start(
        tmp,
        "in.json",
        lines,
        "main.trickle",
        """
        define script meta
        script
          let $elastic = {"_index": "@INDEX@", "action": event.action};
          let $correlation = event.n;
          match event of
            case %{present id} => let $elastic["_id"] = event.id
            default => null
          end;
          event
        end;
        create script meta;
        select event from in into meta;
        select event from meta into out;
        """
            .replace("@INDEX@", index),
        "config.yaml",
        linkedConfig(),
        "ok.trickle",
        "select {\"data\": event, \"meta\": $} from in into out;\n",
        "bad.trickle",
        "select {\"data\": event, \"meta\": $} from in into out;\n");
  }

  @Test
  void documentsAreIndexedAndEachIsAnsweredOnOutOrErrAndAConflictDoesNotStopTheStream()
      throws Exception {
    String lines =
        """
        {"n": 1, "flag": [true, false], "action": null}
        {"n": 2, "flag": 12, "action": null}
        {"n": 3, "flag": true, "action": "index", "id": "three"}
        {"n": 4, "flag": false, "action": "update", "id": "three"}
        {"n": 5, "action": "delete", "id": "missing"}
        """;
    try (var deployment = linked("roundtrip", lines)) {
      Await.until("4 answers on out", WITHIN, () -> lines(tmp.resolve("ok.log")).size() >= 4);
      Await.until("1 answer on err", WITHIN, () -> lines(tmp.resolve("err.log")).size() >= 1);
    }
    List<Value> ok = lines(tmp.resolve("ok.log"));
    assertThat(ok)
        .extracting(v -> path(v, "data", "payload", "n"))
        .containsExactly(Value.of(1L), Value.of(3L), Value.of(4L), Value.of(5L));
    assertThat(ok).allSatisfy(v -> assertThat(path(v, "data", "success")).isEqualTo(Value.TRUE));
    assertThat(ok)
        .extracting(v -> path(v, "meta", "correlation"))
        .containsExactly(Value.of(1L), Value.of(3L), Value.of(4L), Value.of(5L));
    Value third = ok.get(1);
    assertThat(path(third, "meta", "elastic", "_id")).isEqualTo(Value.of("three"));
    assertThat(path(third, "meta", "elastic", "_index")).isEqualTo(Value.of("roundtrip"));
    assertThat(path(third, "meta", "elastic", "index")).isEqualTo(Value.of("roundtrip"));
    assertThat(path(third, "meta", "elastic", "_type")).isEqualTo(Value.of("_doc"));
    assertThat(path(third, "meta", "elastic", "version")).isEqualTo(Value.of(1L));
    assertThat(path(ok.get(2), "meta", "elastic", "version")).isEqualTo(Value.of(2L));
    assertThat(path(third, "data", "source", "event_id").asString()).isNotEmpty();

    List<Value> err = lines(tmp.resolve("err.log"));
    assertThat(err).hasSize(1);
    Value conflict = err.get(0);
    assertThat(path(conflict, "data", "success")).isEqualTo(Value.FALSE);
    assertThat(path(conflict, "data", "payload", "n")).isEqualTo(Value.of(2L));
    assertThat(path(conflict, "data", "error", "type"))
        .isEqualTo(Value.of("mapper_parsing_exception"));
    assertThat(path(conflict, "meta", "correlation")).isEqualTo(Value.of(2L));
    assertThat(path(conflict, "meta", "elastic", "_index")).isEqualTo(Value.of("roundtrip"));

    List<Value> stored = search.sources("roundtrip");
    assertThat(stored)
        .extracting(v -> path(v, "n"))
        .containsExactlyInAnyOrder(Value.of(1L), Value.of(4L));
    assertThat(stored)
        .filteredOn(v -> path(v, "n").equals(Value.of(4L)))
        .singleElement()
        .satisfies(v -> assertThat(path(v, "flag")).isEqualTo(Value.FALSE));
  }

  @Test
  void anEventWithoutAnIndexIsAnsweredOnErrAndTheNextGoesThrough() throws Exception {
    try (var deployment =
        ElasticDeployment.start(
            tmp,
            "in.json",
            "{\"n\": 1}\n{\"n\": 2, \"ok\": true}\n",
            "main.trickle",
            """
            define script meta
            script
              match event of
                case %{present ok} => let $elastic = {"_index": "noindex"}
                default => null
              end;
              event
            end;
            create script meta;
            select event from in into meta;
            select event from meta into out;
            """,
            "ok.trickle",
            "select {\"data\": event, \"meta\": $} from in into out;\n",
            "bad.trickle",
            "select {\"data\": event, \"meta\": $} from in into out;\n",
            "config.yaml",
            linkedConfig())) {
      Await.until("1 answer on out", WITHIN, () -> lines(tmp.resolve("ok.log")).size() >= 1);
      Await.until("1 answer on err", WITHIN, () -> lines(tmp.resolve("err.log")).size() >= 1);
    }
    Value bad = lines(tmp.resolve("err.log")).get(0);
    assertThat(path(bad, "data", "error"))
        .isEqualTo(Value.of("Invalid ES Payload: 'index' not set for elastic offramp!"));
    assertThat(path(bad, "data", "payload", "n")).isEqualTo(Value.of(1L));
    assertThat(path(lines(tmp.resolve("ok.log")).get(0), "data", "payload", "n"))
        .isEqualTo(Value.of(2L));
  }

  private String linkedConfig() {
    return """
        onramp:
          - id: input
            type: file
            codec: json
            config:
              source: "@IN@"
        offramp:
          - id: es
            type: elastic
            linked: true
            config:
              nodes: ["@NODE@"]
              concurrency: 1
          - id: okfile
            type: file
            codec: json
            config:
              file: "@OK@"
          - id: errfile
            type: file
            codec: json
            config:
              file: "@ERR@"
        binding:
          - id: main
            links:
              "/onramp/input/{instance}/out": ["/pipeline/main/{instance}/in"]
              "/pipeline/main/{instance}/out": ["/offramp/es/{instance}/in"]
              "/offramp/es/{instance}/out": ["/pipeline/ok/{instance}/in"]
              "/pipeline/ok/{instance}/out": ["/offramp/okfile/{instance}/in"]
              "/offramp/es/{instance}/err": ["/pipeline/bad/{instance}/in"]
              "/pipeline/bad/{instance}/out": ["/offramp/errfile/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """
        .replace("@IN@", tmp.resolve("in.json").toString())
        .replace("@NODE@", node.url())
        .replace("@OK@", tmp.resolve("ok.log").toString())
        .replace("@ERR@", tmp.resolve("err.log").toString());
  }

  @Test
  void guaranteedDeliveryLosesNothingWhileTheNodeIsAwayAndTheCircuitBreaks() throws Exception {
    try (var deployment =
        ElasticDeployment.start(
            tmp,
            "main.trickle",
            """
            define qos::wal operator wal
            with
              read_count = 5,
              max_elements = 100000
            end;
            create operator wal;
            define script meta
            script
              let $elastic = {"_index": "gd"};
              {"n": event.id}
            end;
            create script meta;
            select event from in into meta;
            select event from meta into wal;
            select event from wal into out;
            """,
            "config.yaml",
            """
            onramp:
              - id: tick
                type: metronome
                config:
                  interval: 50
            offramp:
              - id: es
                type: elastic
                config:
                  nodes: ["@NODE@"]
                  concurrency: 4
            binding:
              - id: main
                links:
                  "/onramp/tick/{instance}/out": ["/pipeline/main/{instance}/in"]
                  "/pipeline/main/{instance}/out": ["/offramp/es/{instance}/in"]
            mapping:
              /binding/main/1: {instance: "1"}
            """
                .replace("@NODE@", node.url()))) {
      Await.until("20 documents", WITHIN, () -> numbers().size() >= 20);
      node.kill();
      // the metronome goes on ticking while the node restarts: those events wait in the wal
      node.start();
      Await.until("the index readable again", WITHIN, () -> !numbers().isEmpty());
      long beforeRestart = numbers().last();
      Await.until(
          "documents past " + (beforeRestart + 20) + " without a gap",
          Duration.ofSeconds(120),
          () -> {
            TreeSet<Long> n = numbers();
            return !n.isEmpty() && n.last() >= beforeRestart + 20;
          });
    }
    TreeSet<Long> n = numbers();
    List<Long> missing = new ArrayList<>();
    for (long i = n.first(); i <= n.last(); i++) {
      if (!n.contains(i)) {
        missing.add(i);
      }
    }
    assertThat(missing).as("ticks lost between %d and %d", n.first(), n.last()).isEmpty();
  }

  /** The numbers indexed into {@code gd} so far; none while the node cannot answer. */
  private static TreeSet<Long> numbers() {
    TreeSet<Long> out = new TreeSet<>();
    try {
      for (Value v : search.sources("gd")) {
        if (path(v, "n") instanceof Value.Int i) {
          out.add(i.value());
        }
      }
    } catch (java.io.IOException e) {
      return new TreeSet<>();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  @Test
  void badConfigIsRefusedAtStartNamingTheKeys() throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config,
        """
        offramp:
          - id: es
            type: elastic
            config:
              nodes: ["ftp://127.0.0.1:9200/"]
              concurrency: 0
        """);
    assertThatThrownBy(() -> World.load(List.of(config), Registry.load()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("nodes")
        .hasMessageContaining(
            "`ftp://127.0.0.1:9200/` is not an http(s) URL with a host, such as"
                + " http://127.0.0.1:9200/")
        .hasMessageContaining("concurrency")
        .hasMessageContaining("value must be at least 1");
  }

  /** The complete JSON lines of a file the deployment writes (a line being written is left out). */
  private static List<Value> lines(Path file) {
    List<Value> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(Json.parse(line));
        }
      }
    } catch (java.io.IOException | io.quiver.value.JsonException e) {
      return out;
    }
    return out;
  }

  private static Value path(Value v, String... keys) {
    Value at = v;
    for (String k : keys) {
      at = at instanceof Value.Obj o ? o.get(k) : null;
      if (at == null) {
        return Value.NULL;
      }
    }
    return at;
  }
}
