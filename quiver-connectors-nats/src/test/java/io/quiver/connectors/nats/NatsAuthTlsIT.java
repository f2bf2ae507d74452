package io.quiver.connectors.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nats connectors' {@code options} against a real nats-server that demands them: a token, a
 * user and password, TLS with our own CA ({@code root_cert}). A deployment with the wrong
 * credentials starts and keeps retrying without passing anything.
 */
class NatsAuthTlsIT {
  @TempDir Path tmp;
  private NatsServer server;
  private World world;
  private Connection client;

  @AfterEach
  void down() throws Exception {
    if (world != null) {
      world.stop();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Deploys nats in -> out with {@code options} on both sides; returns what arrives on out. */
  private BlockingQueue<Message> deploy(String host, String options, Options.Builder clientOptions)
      throws Exception {
    Path config = tmp.resolve("config.yaml");
    Files.writeString(
        config,
        """
        onramp:
          - id: in
            type: nats
            config: {hosts: ["HOST"], subject: in, options: OPTIONS}
        offramp:
          - id: out
            type: nats
            config: {hosts: ["HOST"], subject: out, options: OPTIONS}
        binding:
          - id: main
            links:
              "/onramp/in/{instance}/out": ["/pipeline/work/{instance}/in"]
              "/pipeline/work/{instance}/out": ["/offramp/out/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """
            .replace("HOST", host)
            .replace("OPTIONS", options));
    Path work = Files.writeString(tmp.resolve("work.trickle"), "select event from in into out;\n");
    world = World.load(List.of(work, config), Registry.load());
    world.start();
    client = Nats.connect(clientOptions.build());
    BlockingQueue<Message> out = new LinkedBlockingQueue<>();
    client.createDispatcher(out::add).subscribe("out");
    client.flush(Duration.ofSeconds(5));
    return out;
  }

  /** Publishes until a message comes through (the onramp subscribes in the background). */
  private String roundTrip(BlockingQueue<Message> out, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      client.publish("in", "{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
      Message m = out.poll(200, TimeUnit.MILLISECONDS);
      if (m != null) {
        return new String(m.getData(), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  @Test
  void token() throws Exception {
    server = NatsServer.start(tmp, "--auth", "s3cret");
    var out =
        deploy(
            server.host(),
            "{token: s3cret}",
            new Options.Builder().server(server.url()).token("s3cret".toCharArray()));
    assertThat(roundTrip(out, 20)).isEqualTo("{\"hello\":1}");
  }

  @Test
  void userAndPassword() throws Exception {
    server = NatsServer.start(tmp, "--user", "quiver", "--pass", "pw");
    var out =
        deploy(
            server.host(),
            "{username: quiver, password: pw}",
            new Options.Builder()
                .server(server.url())
                .userInfo("quiver".toCharArray(), "pw".toCharArray()));
    assertThat(roundTrip(out, 20)).isEqualTo("{\"hello\":1}");
  }

  @Test
  void wrongCredentialsStartAndPassNothing() throws Exception {
    server = NatsServer.start(tmp, "--user", "quiver", "--pass", "pw");
    var out =
        deploy(
            server.host(),
            "{username: quiver, password: wrong}",
            new Options.Builder()
                .server(server.url())
                .userInfo("quiver".toCharArray(), "pw".toCharArray()));
    assertThat(roundTrip(out, 3)).isNull();
  }

  @Test
  void tlsWithOurOwnRootCertificate() throws Exception {
    TestCerts certs = TestCerts.generate(tmp, "nats");
    server =
        NatsServer.start(
            tmp, "--tls", "--tlscert", certs.cert.toString(), "--tlskey", certs.key.toString());
    var out =
        deploy(
            server.host(),
            "{tls: true, root_cert: \"" + certs.cert + "\"}",
            new Options.Builder()
                .server("tls://127.0.0.1:" + server.port())
                .sslContext(PemTls.context(certs.cert.toString(), null, null)));
    assertThat(roundTrip(out, 20)).isEqualTo("{\"hello\":1}");
  }
}
