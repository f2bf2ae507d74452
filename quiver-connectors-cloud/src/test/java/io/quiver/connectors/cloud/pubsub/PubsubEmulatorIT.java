package io.quiver.connectors.cloud.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.connectors.cloud.Deployment;
import io.quiver.connectors.cloud.Wal;
import io.quiver.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gpub -> Google's Pub/Sub emulator -> gsub: the official emulator (gcloud's {@code
 * pubsub-emulator} component, installed by .ci/run where Google's apt repository is configured),
 * reached over its REST API in the no-auth mode its clients use. Skipped when it is not installed.
 */
class PubsubEmulatorIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  @TempDir Path tmp;

  @Test
  void whatGpubPublishesGsubReceivesThroughTheOfficialEmulator() throws Exception {
    Path launcher = PubsubEmulator.find();
    assumeTrue(launcher != null, "gcloud's pubsub-emulator component is not installed");
    try (var emulator = PubsubEmulator.start(launcher, tmp.resolve("emulator.log"))) {
      emulator.createTopicAndSubscription("quiver-it", "topic-a", "sub-a");
      List<String> commands = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        commands.add(
            "{\"command\":\"send_message\",\"project\":\"quiver-it\",\"topic\":\"topic-a\",\"data\":{\"n\":"
                + i
                + "}}");
      }
      commands.add(
          "{\"command\":\"send_message\",\"project\":\"quiver-it\",\"topic\":\"no-such-topic\",\"data\":1}");
      try (var sub =
              Deployment.onramp(
                  tmp.resolve("sub"),
                  "    type: gsub\n    config:\n      subscription: sub-a\n      project_id: quiver-it\n      endpoint: \""
                      + emulator.url()
                      + "\"\n",
                  "select {\"n\": event.n, \"id\": $message_id} from in into out;");
          var pub =
              Deployment.offramp(
                  tmp.resolve("pub"),
                  commands,
                  Wal.PASS,
                  "    type: gpub\n    config:\n      endpoint: \"" + emulator.url() + "\"\n")) {
        Await.until("five replies", WITHIN, () -> Deployment.lines(pub.out).size() >= 5);
        Await.until(
            "the unknown topic refused", WITHIN, () -> Deployment.lines(pub.err).size() >= 1);
        assertThat(Deployment.lines(pub.err).get(0)).contains("HTTP 404");
        Await.until("five messages pulled", WITHIN, () -> Deployment.lines(sub.out).size() >= 5);
        List<String> got = Deployment.lines(sub.out);
        assertThat(got.stream().map(l -> l.substring(0, l.indexOf(','))).sorted().toList())
            .containsExactly("{\"n\":0", "{\"n\":1", "{\"n\":2", "{\"n\":3", "{\"n\":4");
        assertThat(Deployment.lines(pub.out).get(0))
            .startsWith("[{\"command\":\"send_message\",\"message-id\":\"");
      }
    }
  }
}
