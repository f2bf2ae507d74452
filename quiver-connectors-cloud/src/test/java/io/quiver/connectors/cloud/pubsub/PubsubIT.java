package io.quiver.connectors.cloud.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.connectors.cloud.Deployment;
import io.quiver.connectors.cloud.FakeHttpService;
import io.quiver.connectors.cloud.Wal;
import io.quiver.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gpub and gsub against a protocol-level Pub/Sub v1 REST API on 127.0.0.1 (not Google itself, and
 * not Google's emulator, which ships with the gcloud CLI and not in a form that runs here), in the
 * emulators' no-auth mode (an overridden endpoint without credentials).
 */
class PubsubIT {
  private static final Duration WITHIN = Duration.ofSeconds(30);
  @TempDir Path tmp;

  private static String gpub(FakeHttpService api) {
    return "    type: gpub\n    config:\n      endpoint: \"" + api.url() + "\"\n";
  }

  private static String gsub(FakeHttpService api) {
    return "    type: gsub\n    config:\n      subscription: sub\n      project_id: proj\n      endpoint: \""
        + api.url()
        + "\"\n";
  }

  @Test
  void gpubPublishesTheEncodedDataAndRepliesWithTheMessageId() throws Exception {
    FakePubsub pubsub = new FakePubsub();
    try (var api = new FakeHttpService(pubsub);
        var d =
            Deployment.offramp(
                tmp,
                List.of(
                    "{\"command\":\"send_message\",\"project\":\"proj\",\"topic\":\"t1\",\"data\":{\"x\":1}}"),
                Wal.PASS,
                gpub(api))) {
      Await.until("a reply", WITHIN, () -> Deployment.lines(d.out).size() >= 1);
      assertThat(Deployment.lines(d.out).get(0))
          .isEqualTo("[{\"command\":\"send_message\",\"message-id\":\"1\"}]");
      var r = api.requests.get(0);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.uri()).isEqualTo("/v1/projects/proj/topics/t1:publish");
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.header("Authorization")).isNull();
      assertThat(r.text()).isEqualTo("{\"messages\":[{\"data\":\"eyJ4IjoxfQ==\"}]}");
      assertThat(pubsub.published).containsExactly("/v1/projects/proj/topics/t1:publish {\"x\":1}");
    }
  }

  @Test
  void gpubBadCommandsBecomeErrorEventsAndTheRestFlows() throws Exception {
    FakePubsub pubsub = new FakePubsub();
    try (var api = new FakeHttpService(pubsub);
        var d =
            Deployment.offramp(
                tmp,
                List.of(
                    "\"just a string\"",
                    "{\"command\":\"receive\"}",
                    "{\"command\":\"send_message\",\"project\":\"proj\",\"data\":1}",
                    "{\"command\":\"send_message\",\"project\":\"proj\",\"topic\":\"t\",\"data\":2}"),
                Wal.PASS,
                gpub(api))) {
      Await.until("three errors", WITHIN, () -> Deployment.lines(d.err).size() >= 3);
      Await.until("one reply", WITHIN, () -> Deployment.lines(d.out).size() >= 1);
      List<String> err = Deployment.lines(d.err);
      assertThat(err.get(0)).contains("\"error\":\"Invalid Command\"");
      assertThat(err.get(1))
          .contains("\"error\":\"Unknown Google Cloud PubSub command: `receive` attempted\"");
      assertThat(err.get(2)).contains("\"error\":\"Invalid Command, expected `topic` field\"");
      assertThat(pubsub.published).containsExactly("/v1/projects/proj/topics/t:publish 2");
    }
  }

  @Test
  void gpubLosesNothingWhileTheServiceIsAwayBehindAWal() throws Exception {
    int total = 20;
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      inputs.add(
          "{\"command\":\"send_message\",\"project\":\"p\",\"topic\":\"t\",\"data\":" + i + "}");
    }
    FakePubsub pubsub = new FakePubsub();
    try (var api = new FakeHttpService(pubsub)) {
      api.stop();
      try (var d = Deployment.offramp(tmp, inputs, Wal.WAL, gpub(api))) {
        Await.until("an error while away", WITHIN, () -> !Deployment.lines(d.err).isEmpty());
        api.restart();
        Await.until(
            "all " + total + " published",
            Duration.ofSeconds(60),
            () -> new HashSet<>(pubsub.published).size() == total);
      }
    }
  }

  @Test
  void gsubDeliversEachMessageWithItsIdsAcksThemAndSurvivesABadOne() throws Exception {
    FakePubsub pubsub = new FakePubsub();
    pubsub.pending.add("{\"n\":1}");
    pubsub.pending.add("{not json");
    pubsub.pending.add("{\"n\":3}");
    try (var api = new FakeHttpService(pubsub);
        var d =
            Deployment.onramp(
                tmp,
                gsub(api),
                "select {\"event\": event, \"id\": $message_id, \"ack\": $acknowledgement_id} from in into out;")) {
      Await.until("two events", WITHIN, () -> Deployment.lines(d.out).size() >= 2);
      Await.until("one error", WITHIN, () -> Deployment.lines(d.err).size() >= 1);
      Await.until("three acks", WITHIN, () -> pubsub.acked.size() >= 3);
      assertThat(Deployment.lines(d.out))
          .containsExactly(
              "{\"event\":{\"n\":1},\"id\":\"1\",\"ack\":\"ack-1\"}",
              "{\"event\":{\"n\":3},\"id\":\"3\",\"ack\":\"ack-3\"}");
      assertThat(pubsub.acked).containsExactly("ack-1", "ack-2", "ack-3");
      var pull = api.requests.get(0);
      assertThat(pull.uri()).isEqualTo("/v1/projects/proj/subscriptions/sub:pull");
      assertThat(pull.text()).isEqualTo("{\"maxMessages\":50}");
    }
  }

  @Test
  void gsubPullsAgainWhenTheServiceComesBack() throws Exception {
    FakePubsub pubsub = new FakePubsub();
    try (var api = new FakeHttpService(pubsub);
        var d = Deployment.onramp(tmp, gsub(api), Wal.PASS)) {
      Await.until("a first pull", WITHIN, () -> !api.requests.isEmpty());
      api.stop();
      pubsub.pending.add("{\"after\":true}");
      api.restart();
      Await.until(
          "the message after the restart", WITHIN, () -> Deployment.lines(d.out).size() >= 1);
      assertThat(Deployment.lines(d.out)).containsExactly("{\"after\":true}");
    }
  }

  @Test
  void gsubBadConfigIsRefusedAtStartupNamingTheKey() {
    assertThatThrownBy(
            () ->
                Deployment.onramp(
                    tmp,
                    "    type: gsub\n    config:\n      endpoint: \"http://127.0.0.1:9\"\n",
                    Wal.PASS))
        .hasMessageContaining("missing required configuration \"subscription\"");
    assertThatThrownBy(
            () ->
                Deployment.onramp(
                    tmp,
                    "    type: gsub\n    config:\n      subscription: s\n      endpoint: \"http://127.0.0.1:9\"\n",
                    Wal.PASS))
        .hasMessageContaining(
            "Error getting `project id` in gsub: set the configuration key `project_id`");
  }
}
