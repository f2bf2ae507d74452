package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * udp onramp -> pipeline -> udp offramp in a real deployment, shaped like Tremor's
 * udp_postprocessors case: json datagrams in, yaml + base64 datagrams out, sent from the port the
 * deprecated {@code dst_port} moved into {@code bind} to the {@code dst_host}/{@code dst_port}
 * peer.
 */
class UdpDeploymentIT {
  private static final String LOOPBACK = "127.0.0.1";
  @TempDir Path tmp;
  private World world;
  private final List<DatagramSocket> sockets = new ArrayList<>();

  @AfterEach
  void stop() {
    if (world != null) {
      world.stop();
    }
    sockets.forEach(DatagramSocket::close);
  }

  private DatagramSocket socket() throws IOException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    s.setSoTimeout(10_000);
    sockets.add(s);
    return s;
  }

  /** A UDP port free a moment ago (the deployment binds it). */
  private static int freePort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      return s.getLocalPort();
    }
  }

  private World load(String yaml) throws Exception {
    Path pipeline = tmp.resolve("fwd.trickle");
    Files.writeString(pipeline, "select event from in into out;\n");
    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, yaml);
    return World.load(List.of(pipeline, config), Registry.load());
  }

  private static String deployment(int in, int bind, int peer) {
    return """
        onramp:
          - id: udp-in
            type: udp
            codec: json
            config:
              host: "127.0.0.1"
              port: @IN@
        offramp:
          - id: udp-out
            type: udp
            codec: yaml
            postprocessors:
              - base64
            config:
              host: "127.0.0.1"
              port: @BIND@
              dst_host: "127.0.0.1"
              dst_port: @PEER@
        binding:
          - id: main
            links:
              "/onramp/udp-in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
              "/pipeline/fwd/{instance}/out": ["/offramp/udp-out/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """
        .replace("@IN@", Integer.toString(in))
        .replace("@BIND@", Integer.toString(bind))
        .replace("@PEER@", Integer.toString(peer));
  }

  @Test
  void jsonDatagramsComeOutAsBase64YamlDatagramsFromTheBindPortToTheDestination() throws Exception {
    DatagramSocket peer = socket();
    int in = freePort();
    int bind = freePort();
    world = load(deployment(in, bind, peer.getLocalPort()));
    world.start();
    DatagramSocket client = socket();
    for (String json : List.of("{\"a\":1,\"c\":true}", "{\"b\":\"two\"}")) {
      byte[] data = json.getBytes(StandardCharsets.UTF_8);
      client.send(new DatagramPacket(data, data.length, InetAddress.getByName(LOOPBACK), in));
    }
    List<String> yaml = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      byte[] buf = new byte[65_536];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      peer.receive(p);
      assertThat(p.getPort()).as("sent from bind.port, the configured port").isEqualTo(bind);
      yaml.add(
          new String(
              Base64.getDecoder().decode(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8)),
              StandardCharsets.UTF_8));
    }
    assertThat(yaml).containsExactly("---\na: 1\nc: true\n", "---\nb: two\n");
  }

  @Test
  void badUdpAndDnsConfigsAreRefusedAtStartupAllAtOnce() {
    String yaml =
        """
        onramp:
          - id: udp-in
            type: udp
            config:
              host: "127.0.0.1"
              port: 70000
        offramp:
          - id: udp-out
            type: udp
            config:
              port: 1
          - id: lookup
            type: dns
            config:
              servers: ["dns.example"]
        binding:
          - id: main
            links:
              "/onramp/udp-in/{instance}/out": ["/pipeline/fwd/{instance}/in"]
              "/pipeline/fwd/{instance}/out": ["/offramp/udp-out/{instance}/in", "/offramp/lookup/{instance}/in"]
        mapping:
          /binding/main/1: {instance: "1"}
        """;
    assertThatThrownBy(() -> load(yaml))
        .hasMessageContaining(
            "invalid value 70000 for configuration port: value must be between 0 and 65535")
        .hasMessageContaining("missing required configuration \"host\" which has no default value")
        .hasMessageContaining("not an IP address with an optional port: dns.example");
  }
}
