package io.quiver.connectors.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import io.quiver.runtime.Registry;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.world.World;
import io.quiver.spi.Insight;
import io.quiver.spi.testing.RecordingSinkContext;
import io.quiver.testkit.Await;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The amqp onramp and offramp against a real RabbitMQ node ({@link RabbitNode}, one for the class):
 * the test publishes to the onramp's queue, the deployment passes events to the offramp, which
 * publishes to the {@code out} queue the test reads; error events go to the {@code err} queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AmqpRoundTripIT {
  @TempDir Path tmp;
  private RabbitNode node;
  private World world;
  private Connection client;
  private Channel ch;
  private int deployment;

  @BeforeAll
  void broker() throws Exception {
    node = RabbitNode.start(Files.createTempDirectory("quiver-rabbit-"));
  }

  @AfterAll
  void brokerDown() throws Exception {
    node.close();
  }

  @AfterEach
  void down() throws Exception {
    if (world != null) {
      world.stop();
      world = null;
    }
    if (client != null && client.isOpen()) {
      client.close();
    }
  }

  private void connectClient() throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setUri(node.url());
    f.setAutomaticRecoveryEnabled(false);
    client = f.newConnection();
    ch = client.createChannel();
  }

  /**
   * Deploys amqp in (queue {@code in}) -> work.trickle -> amqp out; errors -> queue {@code err}.
   */
  private void deploy(String in, String onrampExtra, String out, String err) throws Exception {
    Path dir = tmp.resolve("d" + deployment++);
    Files.createDirectories(dir);
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: in
            type: amqp
            codec: json
            config:
              amqp_addr: "ADDR"
              queue_name: IN
              queue_options: {durable: true}
        EXTRA
        offramp:
          - id: out
            type: amqp
            codec: json
            config:
              amqp_addr: "ADDR"
              routing_key: OUT
              publish_options: {}
              headers: {x-from: ["quiver"]}
          - id: errors
            type: amqp
            codec: json
            config:
              amqp_addr: "ADDR"
              routing_key: ERR
              publish_options: {mandatory: true}
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/work/{instance}/in"]
              "/pipeline/work/{instance}/out": ["/offramp/out/{instance}/in"]
              "/onramp/in/{instance}/err": ["/pipeline/errs/{instance}/in"]
              "/offramp/out/{instance}/err": ["/pipeline/errs/{instance}/in"]
              "/pipeline/errs/{instance}/out": ["/offramp/errors/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """
            .replace("ADDR", node.url())
            .replace("IN", in)
            .replace("EXTRA", onrampExtra.stripTrailing())
            .replace("OUT", out)
            .replace("ERR", err));
    Path work = Files.writeString(dir.resolve("work.trickle"), "select event from in into out;\n");
    Path errs = Files.writeString(dir.resolve("errs.trickle"), "select event from in into out;\n");
    world = World.load(List.of(work, errs, config), Registry.load());
    world.start();
  }

  private void publish(String exchange, String routingKey, String body) throws Exception {
    ch.basicPublish(
        exchange,
        routingKey,
        MessageProperties.PERSISTENT_TEXT_PLAIN,
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** Takes messages from {@code queue} until {@code n} were read (or fails after 30 s). */
  private List<GetResponse> take(String queue, int n) throws Exception {
    List<GetResponse> got = new ArrayList<>();
    Await.until(
        n + " messages on " + queue,
        Duration.ofSeconds(30),
        () -> {
          try {
            GetResponse r;
            while (got.size() < n && (r = ch.basicGet(queue, true)) != null) {
              got.add(r);
            }
            return got.size() >= n;
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    return got;
  }

  private static String body(GetResponse r) {
    return new String(r.getBody(), StandardCharsets.UTF_8);
  }

  @Test
  @Order(1)
  void roundTripThroughAnExchangeBinding() throws Exception {
    connectClient();
    ch.queueDeclare("rt-out", false, false, false, null);
    ch.queueDeclare("rt-err", false, false, false, null);
    deploy("rt-in", "      exchange: amq.direct\n      routing_key: rt-key\n", "rt-out", "rt-err");
    // the onramp declares and binds its queue in the background: wait until it is bound
    Await.until(
        "rt-in bound",
        Duration.ofSeconds(30),
        () -> {
          try (Channel probe = client.createChannel()) {
            return probe.queueDeclarePassive("rt-in").getConsumerCount() == 1;
          } catch (Exception e) {
            return false;
          }
        });
    for (int i = 0; i < 5; i++) {
      publish("amq.direct", "rt-key", "{\"n\":" + i + "}");
    }
    List<GetResponse> got = take("rt-out", 5);
    assertThat(got.stream().map(AmqpRoundTripIT::body).toList())
        .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
    AMQP.BasicProperties props = got.get(0).getProps();
    assertThat(props.getHeaders()).containsKey("x-from");
    assertThat(props.getHeaders().get("x-from").toString()).isEqualTo("[quiver]");
  }

  @Test
  @Order(2)
  void badRecordsAndNackedPublishesBecomeErrorEvents() throws Exception {
    connectClient();
    // a queue that refuses (nacks) publishes beyond two messages
    ch.queueDeclare(
        "br-out", false, false, false, Map.of("x-max-length", 2, "x-overflow", "reject-publish"));
    ch.queueDeclare("br-err", false, false, false, null);
    ch.queueDeclare("br-in", true, false, false, null);
    deploy("br-in", "", "br-out", "br-err");

    publish("", "br-in", "{not json");
    GetResponse decodeError = take("br-err", 1).get(0);
    assertThat(body(decodeError)).contains("\"error\"");

    publish("", "br-in", "{\"n\":1}");
    publish("", "br-in", "{\"n\":2}");
    publish("", "br-in", "{\"n\":3}");
    GetResponse nacked = take("br-err", 1).get(0);
    assertThat(body(nacked)).contains("failed to send message: the broker nacked the message");

    assertThat(take("br-out", 2).stream().map(AmqpRoundTripIT::body).toList())
        .containsExactly("{\"n\":1}", "{\"n\":2}");
    publish("", "br-in", "{\"n\":4}");
    assertThat(body(take("br-out", 1).get(0))).isEqualTo("{\"n\":4}");
  }

  @Test
  @Order(3)
  void brokerGoingAwayAndComingBackLosesNothingWithGuaranteedDelivery() throws Exception {
    connectClient();
    ch.queueDeclare("gd-out", true, false, false, null);
    ch.queueDeclare("gd-err", true, false, false, null);
    ch.queueDeclare("gd-in", true, false, false, null);
    deploy("gd-in", "      guaranteed_delivery: true\n", "gd-out", "gd-err");
    for (int i = 0; i < 10; i++) {
      publish("", "gd-in", "{\"n\":" + i + "}");
    }
    assertThat(take("gd-out", 10)).hasSize(10);
    client.close();

    node.stop();
    node.start();

    connectClient();
    for (int i = 10; i < 30; i++) {
      publish("", "gd-in", "{\"n\":" + i + "}");
    }
    List<String> after = new ArrayList<>();
    Await.until(
        "every message published after the restart",
        Duration.ofSeconds(60),
        () -> {
          try {
            GetResponse r;
            while ((r = ch.basicGet("gd-out", true)) != null) {
              after.add(body(r));
            }
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return after.containsAll(
              IntStream.range(10, 30).mapToObj(i -> "{\"n\":" + i + "}").toList());
        });
    // the onramp acked what reached the out queue: nothing is left behind in its own queue
    Await.until(
        "gd-in acknowledged",
        Duration.ofSeconds(30),
        () -> {
          try {
            return ch.queueDeclarePassive("gd-in").getMessageCount() == 0;
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Test
  @Order(4)
  void theOfframpAcksOnConfirmsAndBreaksItsCircuitWhileTheBrokerIsAway() throws Exception {
    connectClient();
    ch.queueDeclare("cb-out", false, false, false, null);
    client.close();
    RecordingSinkContext context = new RecordingSinkContext();
    AmqpSink sink =
        new AmqpSink(
            RecordingSinkContext.ARTEFACT,
            new AmqpOfframpSettings(node.url(), "cb-out", "", false, false, Map.of()));
    try {
      sink.start(context);
      sink.onEvent(
          new Event(new EventId(1, 0, 1), 0, Value.of("x"), Value.EMPTY_OBJECT, 0)
              .withTransit(Transit.NONE.withTransactional(true)));
      Await.until("ack", Duration.ofSeconds(20), () -> context.saw(Insight.Kind.ACK));
      assertThat(context.saw(Insight.Kind.CIRCUIT_BROKEN)).isFalse();
      node.stop();
      Await.until(
          "circuit broken", Duration.ofSeconds(20), () -> context.saw(Insight.Kind.CIRCUIT_BROKEN));
      node.start();
      Await.until(
          "circuit restored",
          Duration.ofSeconds(60),
          () -> context.saw(Insight.Kind.CIRCUIT_RESTORED));
    } finally {
      sink.stop();
    }
  }

  @Test
  @Order(5)
  void badConfigIsRefusedAtStartupNamingTheKey() throws Exception {
    Path config = tmp.resolve("bad.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: in
            type: amqp
            config:
              amqp_addr: "not a url"
              queue_options: {durable: "yes"}
        offramp:
          - id: out
            type: amqp
            config:
              amqp_addr: "http://127.0.0.1:5672"
              headers: {x: "not a list"}
        """);
    assertThatThrownBy(() -> World.load(List.of(config), Registry.load()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("amqp_addr can't be parsed as url")
        .hasMessageContaining("missing required configuration \"queue_name\"")
        .hasMessageContaining("queue_options.durable")
        .hasMessageContaining("the scheme must be amqp or amqps, not http")
        .hasMessageContaining("missing required configuration \"publish_options\"")
        .hasMessageContaining("the values of x must be lists of strings");
  }
}
