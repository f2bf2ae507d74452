package io.quiver.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.kafka.broker.KafkaBrokerProcess;
import io.quiver.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two deployments in one consumer group share a topic's partitions and the one left takes over when
 * the other stops; a deployment whose broker is not there yet starts, and delivers once it is.
 */
class KafkaGroupIT {
  private static final Duration WITHIN = Duration.ofSeconds(120);
  @TempDir Path tmp;

  @Test
  void theGroupRebalancesWhenOneOfTwoDeploymentsStopsAndNothingIsLost() throws Exception {
    try (var broker = KafkaBrokerProcess.startEphemeral(1);
        var client = new KafkaItClient(broker.bootstrap())) {
      String in = client.topic("in", 4);
      String out = client.topic("out", 4);
      String errs = client.topic("errs", 1);
      String group = "g-" + in;
      String query = "select event from in into out;";
      var a =
          KafkaDeployment.start(
              tmp.resolve("a"),
              broker.bootstrap(),
              in,
              group,
              KafkaDeployment.GD,
              out,
              errs,
              query);
      try (var b =
              KafkaDeployment.start(
                  tmp.resolve("b"),
                  broker.bootstrap(),
                  in,
                  group,
                  KafkaDeployment.GD,
                  out,
                  errs,
                  query);
          var reader = client.reader(out)) {
        int total = 400;
        for (int i = 0; i < total / 2; i++) {
          client.send(in, i % 4, null, "{\"n\":" + i + "}", java.util.List.of());
        }
        Set<String> distinct = new HashSet<>();
        Await.until(
            "the first half in " + out,
            WITHIN,
            () -> {
              reader.poll();
              distinct.addAll(reader.values());
              return distinct.size() >= total / 2;
            });
        a.close(); // its partitions go to b
        for (int i = total / 2; i < total; i++) {
          client.send(in, i % 4, null, "{\"n\":" + i + "}", java.util.List.of());
        }
        Await.until(
            "all " + total + " in " + out,
            WITHIN,
            () -> {
              reader.poll();
              distinct.addAll(reader.values());
              return distinct.size() >= total;
            });
        for (int i = 0; i < total; i++) {
          assertThat(distinct).contains("{\"n\":" + i + "}");
        }
      } finally {
        a.close();
      }
    }
  }

  @Test
  void aDeploymentStartsWithoutItsBrokerAndDeliversOnceItIsThere() throws Exception {
    int port = KafkaBrokerProcess.freePort();
    int controller = KafkaBrokerProcess.freePort();
    String brokers = "127.0.0.1:" + port;
    try (var deployment =
        KafkaDeployment.start(
            tmp.resolve("late"),
            brokers,
            "late-in",
            "late",
            KafkaDeployment.GD,
            "late-out",
            "late-errs",
            "select event from in into out;")) {
      try (var broker = KafkaBrokerProcess.on(port, controller, tmp.resolve("broker"), 1);
          var client = new KafkaItClient(brokers)) {
        broker.start();
        client.send("late-in", "{\"late\":true}");
        try (var reader = client.reader("late-out")) {
          Await.until("the record in late-out", WITHIN, () -> reader.poll() >= 1);
          assertThat(reader.values()).containsExactly("{\"late\":true}");
        }
      }
    }
  }
}
