package io.quiver.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.kafka.broker.KafkaBrokerProcess;
import io.quiver.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quiver up examples/23_kafka_gd} (copied, with a free port instead of 9092 and the broker's
 * data in a temporary folder): the broker runs as a service of up.yaml, and the ticks the producing
 * deployment sends are printed by the consuming one.
 */
class UpKafkaExampleIT {
  @TempDir Path root;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private final Supervisor supervisor =
      new Supervisor(
          ServerLaunch.quiverServerRun(),
          new PrintStream(log, true, StandardCharsets.UTF_8),
          new PrintStream(errors, true, StandardCharsets.UTF_8),
          Duration.ofSeconds(90));

  @AfterEach
  void stop() throws InterruptedException {
    supervisor.stop();
  }

  @Test
  void upStartsTheBrokerAndTheConsumerPrintsTheProducersTicks() throws Exception {
    int port = KafkaBrokerProcess.freePort();
    int controllerPort = KafkaBrokerProcess.freePort();
    while (controllerPort == port) {
      controllerPort = KafkaBrokerProcess.freePort();
    }
    Path example = copy(port, controllerPort);
    UpConfig config = UpConfig.load(example);

    boolean started = supervisor.start(config.servers());

    assertThat(started).as("started; output:%n%s%s", log, errors).isTrue();
    Await.until(
        "a tick printed by tremor_out",
        Duration.ofSeconds(90),
        () ->
            log.toString(StandardCharsets.UTF_8)
                .contains("[tremor_out] {\"onramp\":\"metronome\""));
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("quiver up: starting kafka (")
        .contains("[kafka] kafka-broker: starting on 127.0.0.1:" + port);
  }

  /**
   * The example with its broker on {@code port}, data under the temporary root. The KRaft
   * controller's port is free too: the broker's default, port + 1, may be some other process's
   * ephemeral port (it was once, in a full test run).
   */
  private Path copy(int port, int controllerPort) throws IOException {
    Path source = UpConfigTest.examples().resolve("23_kafka_gd");
    Path target = Files.createDirectories(root.resolve("23_kafka_gd"));
    Path script = UpConfigTest.examples().resolve("../bin/kafka-broker").normalize();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = target.resolve(source.relativize(f).toString());
        Files.createDirectories(to.getParent());
        String text =
            Files.readString(f)
                .replace("../../bin/kafka-broker", script.toString())
                .replace(
                    "\"9092\"]",
                    "\""
                        + port
                        + "\", --controller-port, \""
                        + controllerPort
                        + "\", --dir, \""
                        + root.resolve("kafka-data")
                        + "\"]")
                .replace("9092", String.valueOf(port));
        Files.writeString(to, text);
      }
    }
    return target;
  }
}
