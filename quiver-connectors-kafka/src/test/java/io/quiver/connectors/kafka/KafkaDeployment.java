package io.quiver.connectors.kafka;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A deployment for the ITs: kafka onramp {@code in} -> a pipeline -> kafka offramp {@code out}, and
 * the onramp's {@code err} port -> pass-through pipeline -> kafka offramp {@code errors}.
 */
final class KafkaDeployment implements AutoCloseable {
  private final World world;

  private KafkaDeployment(World world) {
    this.world = world;
  }

  /**
   * Loads and starts it in {@code dir}.
   *
   * @param onrampExtra extra YAML lines of the onramp's config (indented 6 spaces), e.g. options
   */
  static KafkaDeployment start(
      Path dir,
      String brokers,
      String inTopic,
      String group,
      String onrampExtra,
      String outTopic,
      String errTopic,
      String query)
      throws Exception {
    Files.createDirectories(dir);
    Path pipeline = dir.resolve("work.trickle");
    Files.writeString(pipeline, query + "\n");
    Path errs = dir.resolve("errs.trickle");
    Files.writeString(errs, "select event from in into out;\n");
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: in
            type: kafka
            codec: json
            config:
              brokers: ["@BROKERS@"]
              topics: ["@IN@"]
              group_id: "@GROUP@"
        @EXTRA@
        offramp:
          - id: out
            type: kafka
            codec: json
            config:
              brokers: ["@BROKERS@"]
              topic: "@OUT@"
          - id: errors
            type: kafka
            codec: json
            config:
              brokers: ["@BROKERS@"]
              topic: "@ERR@"
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/work/{instance}/in"]
              "/pipeline/work/{instance}/out": ["/offramp/out/{instance}/in"]
              "/onramp/in/{instance}/err": ["/pipeline/errs/{instance}/in"]
              "/pipeline/errs/{instance}/out": ["/offramp/errors/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """
            .replace("@BROKERS@", brokers)
            .replace("@IN@", inTopic)
            .replace("@GROUP@", group)
            .replace("@EXTRA@", onrampExtra.isEmpty() ? "" : onrampExtra.stripTrailing())
            .replace("@OUT@", outTopic)
            .replace("@ERR@", errTopic));
    World world = World.load(List.of(pipeline, errs, config), Registry.load());
    world.start();
    return new KafkaDeployment(world);
  }

  /** Guaranteed delivery: the onramp commits only acknowledged offsets. */
  static final String GD =
      "      rdkafka_options:\n"
          + "        enable.auto.commit: false\n"
          + "        auto.offset.reset: earliest\n";

  /** Reads the topic from its beginning (a new group). */
  static final String EARLIEST =
      "      rdkafka_options:\n" + "        auto.offset.reset: earliest\n";

  @Override
  public void close() {
    world.stop();
  }
}
