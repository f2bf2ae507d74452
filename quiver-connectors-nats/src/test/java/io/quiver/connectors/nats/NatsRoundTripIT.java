package io.quiver.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.quiver.runtime.Registry;
import io.quiver.runtime.config.DeploymentException;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nats onramp and offramp against a real nats-server: nats {@code in} subject -> onramp ->
 * pipeline -> offramp -> {@code out} subject; decoding errors from the onramp's {@code err} and
 * publish errors from the offramp's {@code err} go to the {@code errors} subject.
 */
class NatsRoundTripIT {
  @TempDir Path tmp;
  private NatsServer server;
  private World world;
  private Connection client;
  private final BlockingQueue<Message> out = new LinkedBlockingQueue<>();
  private final BlockingQueue<Message> errors = new LinkedBlockingQueue<>();

  @BeforeEach
  void up() throws Exception {
    server = NatsServer.start(tmp);
  }

  @AfterEach
  void down() throws Exception {
    if (world != null) {
      world.stop();
    }
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private void deploy(String query) throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: in
            type: nats
            codec: json
            config:
              hosts: ["HOST"]
              subject: "in.>"
              queue: workers
              options: {name: quiver-it}
        offramp:
          - id: out
            type: nats
            codec: json
            config:
              hosts: ["HOST"]
              subject: out
              headers: {x-from: ["quiver"]}
          - id: errors
            type: nats
            codec: json
            config:
              hosts: ["HOST"]
              subject: errors
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
            .replace("HOST", server.host()));
    Path work = Files.writeString(tmp.resolve("work.trickle"), query + "\n");
    Path errs = Files.writeString(tmp.resolve("errs.trickle"), "select event from in into out;\n");
    world = World.load(List.of(work, errs, config), Registry.load());
    world.start();
    client = Nats.connect(new Options.Builder().server(server.url()).build());
    client.createDispatcher(out::add).subscribe("out");
    client.createDispatcher(errors::add).subscribe("errors");
    client.flush(Duration.ofSeconds(5));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Message m) {
    return new String(m.getData(), StandardCharsets.UTF_8);
  }

  /** The next message on {@code out} that is not a probe of {@link #firstThrough}, or null. */
  private Message nextOut(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      long left = deadline - System.nanoTime();
      Message m = out.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
      if (m == null || !text(m).contains("\"probe\"")) {
        return m;
      }
    }
  }

  /** Publishes until the onramp has subscribed (its subscription comes in the background). */
  private Message firstThrough(String subject, byte[] data) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      client.publish(subject, data);
      Message m = out.poll(200, TimeUnit.MILLISECONDS);
      if (m != null) {
        out.clear();
        return m;
      }
    }
    throw new AssertionError("nothing came through " + subject);
  }

  @Test
  void roundTripCarriesDataReplyAndHeaders() throws Exception {
    deploy("select {\"got\": event, \"nats\": $nats} from in into out");
    firstThrough("in.probe", utf8("{\"probe\":1}"));

    Headers h = new Headers().add("trace", "t1", "t2");
    client.publish("in.a", "answers", h, utf8("{\"n\":1}"));
    Message m = nextOut(10_000);
    assertThat(m).isNotNull();
    assertThat(text(m))
        .isEqualTo(
            "{\"got\":{\"n\":1},\"nats\":{\"reply\":\"answers\",\"headers\":{\"trace\":[\"t1\",\"t2\"]}}}");
    // $nats (reply and headers) passed through the pipeline: the offramp publishes with them
    assertThat(m.getReplyTo()).isEqualTo("answers");
    assertThat(m.getHeaders().get("trace")).containsExactly("t1", "t2");
    assertThat(m.getHeaders().get("x-from")).containsExactly("quiver");

    client.publish("in.b", utf8("{\"n\":2}"));
    Message plain = nextOut(10_000);
    assertThat(plain).isNotNull();
    assertThat(text(plain)).isEqualTo("{\"got\":{\"n\":2},\"nats\":{}}");
    assertThat(plain.getReplyTo()).isNull();
  }

  @Test
  void badRecordsBecomeErrorEventsAndTheStreamGoesOn() throws Exception {
    deploy(
        """
        define script pick
        script
          let $nats = {"reply": event.reply};
          event
        end;
        create script pick;
        select event from in into pick;
        select event from pick into out""");
    firstThrough("in.probe", utf8("{\"reply\":\"fine\",\"probe\":1}"));

    client.publish("in.x", utf8("{not json"));
    Message decodeError = errors.poll(10, TimeUnit.SECONDS);
    assertThat(decodeError).isNotNull();
    assertThat(text(decodeError)).contains("\"error\"");

    client.publish("in.x", utf8("{\"reply\":\"has space\"}"));
    Message publishError = errors.poll(10, TimeUnit.SECONDS);
    assertThat(publishError).isNotNull();
    assertThat(text(publishError)).contains("failed to send message");

    client.publish("in.x", utf8("{\"reply\":\"ok\",\"n\":3}"));
    Message next = nextOut(10_000);
    assertThat(next).isNotNull();
    assertThat(text(next)).isEqualTo("{\"reply\":\"ok\",\"n\":3}");
    assertThat(next.getReplyTo()).isEqualTo("ok");
  }

  @Test
  void serverGoingAwayAndComingBack() throws Exception {
    deploy("select event from in into out");
    firstThrough("in.probe", utf8("{\"probe\":1}"));

    server.stop();
    server.start();
    // the client reconnects and resubscribes; ours does the same
    client.flush(Duration.ofSeconds(10));
    List<String> got = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int sent = 0;
    while (got.isEmpty() && System.nanoTime() < deadline) {
      client.publish("in.again", utf8("{\"again\":" + sent++ + "}"));
      Message m = nextOut(200);
      if (m != null) {
        got.add(text(m));
      }
    }
    assertThat(got).isNotEmpty();
    assertThat(got.get(0)).startsWith("{\"again\":");

    // after the reconnect every message goes through again, in order
    out.clear();
    for (int i = 0; i < 20; i++) {
      client.publish("in.seq", utf8("{\"seq\":" + i + "}"));
    }
    List<Message> seq = new ArrayList<>();
    Await.until(
        "20 messages after the reconnect",
        Duration.ofSeconds(10),
        () -> {
          out.drainTo(seq);
          seq.removeIf(m -> text(m).contains("\"probe\""));
          return seq.size() >= 20;
        });
    assertThat(seq.stream().map(NatsRoundTripIT::text).toList())
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, 20).mapToObj(i -> "{\"seq\":" + i + "}").toList());
  }

  @Test
  void badConfigIsRefusedAtStartupNamingTheKey() throws Exception {
    Path config = tmp.resolve("bad.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: in
            type: nats
            config:
              hosts: ["127.0.0.1:notaport"]
              options: {max_reconnects: -1}
        offramp:
          - id: out
            type: nats
            config:
              hosts: []
              subject: out
              headers: {x: "not a list"}
        """);
    assertThatThrownBy(() -> World.load(List.of(config), Registry.load()))
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("missing required configuration \"subject\"")
        .hasMessageContaining("Invalid host config: 127.0.0.1:notaport")
        .hasMessageContaining("options.max_reconnects")
        .hasMessageContaining("give at least one host")
        .hasMessageContaining("the values of x must be lists of strings");
  }
}
