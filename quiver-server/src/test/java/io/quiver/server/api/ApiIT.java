package io.quiver.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.DeploymentPlan;
import io.quiver.runtime.world.World;
import io.quiver.testkit.Await;
import io.quiver.testkit.ws.EchoWsServer;
import io.quiver.testkit.ws.TestClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API on a running ws proxy (example 33's shape) with real sockets: artefacts published
 * through the API carry traffic, deactivation closes their sockets, broken artefacts are refused
 * with the startup diagnostics, and API calls that change the live world while clients stream lose
 * and misroute nothing.
 */
class ApiIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private EchoWsServer upstream;
  private World world;
  private ApiServer api;
  private int proxyPort;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<TestClient> clients = new ArrayList<>();

  @BeforeEach
  void startProxy() throws Exception {
    upstream = EchoWsServer.echo();
    proxyPort = freePort();
    List<Path> files = new ArrayList<>();
    for (String p : List.of("pass_in", "pass_out")) {
      files.add(Files.writeString(dir.resolve(p + ".trickle"), "select event from in into out;\n"));
    }
    files.add(
        Files.writeString(
            dir.resolve("proxy.yaml"),
            """
            onramp:
              - id: ws
                type: ws
                linked: true
                codec: string
                config: {host: 127.0.0.1, port: %d}
            offramp:
              - id: upstream
                type: ws
                linked: true
                codec: string
                # generous: the ITs check the API's changes, not connect or reply timeouts, and a
                # loaded CI machine can take more than the 2 s default for 16 handshakes at once
                config: {url: "%s", connect_timeout_ms: 30000, reply_timeout_ms: 30000}
            binding:
              - id: main
                links:
                  "/onramp/ws/{instance}/out": ["/pipeline/pass_in/{instance}/in"]
                  "/pipeline/pass_in/{instance}/out": ["/offramp/upstream/{instance}/in"]
                  "/offramp/upstream/{instance}/out": ["/pipeline/pass_out/{instance}/in"]
                  "/pipeline/pass_out/{instance}/out": ["/onramp/ws/{instance}/in"]
            mapping:
              /binding/main/01: {instance: "01"}
            """
                .formatted(proxyPort, upstream.url())));
    world = World.load(files, Registry.load());
    world.start();
    Files.createDirectories(dir.resolve("storage"));
    api = ApiServer.forWorld(world, dir.resolve("storage")).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    clients.forEach(TestClient::close);
    if (api != null) {
      api.close();
    }
    if (world != null) {
      world.stop();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void publishedArtefactsCarryTrafficAndDeactivationClosesTheirSockets() throws Exception {
    int port = freePort();
    assertThat(
            call(
                "POST",
                "/pipeline",
                "application/vnd.trickle",
                "#!config id = \"fwd\"\n" + "select event from in into out;\n"))
        .startsWith("201");
    assertThat(
            call(
                "POST",
                "/offramp",
                "application/json",
                "{\"id\":\"up2\",\"type\":\"ws\",\"linked\":true,\"codec\":\"string\","
                    + "\"config\":{\"url\":\""
                    + upstream.url()
                    + "\"}}"))
        .startsWith("201");
    assertThat(
            call(
                "POST",
                "/onramp",
                "application/yaml",
                "id: ws2\ntype: ws\nlinked: true\ncodec: string\nconfig:\n  host: 127.0.0.1\n"
                    + "  port: "
                    + port
                    + "\n"))
        .startsWith("201");
    assertThat(
            call(
                "POST",
                "/binding",
                "application/yaml",
                """
                id: second
                links:
                  "/onramp/ws2/{instance}/out": ["/pipeline/fwd/{instance}/in"]
                  "/pipeline/fwd/{instance}/out": ["/offramp/up2/{instance}/in"]
                  "/offramp/up2/{instance}/out": ["/pipeline/pass_out/{instance}/in"]
                  "/pipeline/pass_out/{instance}/out": ["/onramp/ws2/{instance}/in"]
                """))
        .startsWith("201");
    assertThat(call("POST", "/binding/second/02", "application/json", "{\"instance\":\"02\"}"))
        .startsWith("201");
    assertThat(call("GET", "/ready", null, null)).startsWith("200");
    assertThat(call("GET", "/onramp/ws2", null, null)).contains("\"instances\":[\"02\"]");

    TestClient viaApi = client(port);
    viaApi.send("through the new binding");
    assertThat(viaApi.nextText(WAIT)).isEqualTo("through the new binding");
    TestClient old = client(proxyPort);
    old.send("through the old one");
    assertThat(old.nextText(WAIT)).isEqualTo("through the old one");

    assertThat(call("DELETE", "/binding/second/02", null, null)).startsWith("204");
    assertThat(viaApi.closeCode(WAIT)).isEqualTo(1001);
    Await.until("the new onramp's port is closed", WAIT, () -> !accepts(port));
    assertThat(call("GET", "/onramp/ws2", null, null)).contains("\"instances\":[]");
    assertThat(world.instances().get("offramp")).doesNotContain("/offramp/up2/02");
    assertThat(world.instances().get("pipeline")).doesNotContain("/pipeline/fwd/02");
    // what the old binding shares (pass_out, but as instance 01) still runs
    old.send("still here");
    assertThat(old.nextText(WAIT)).isEqualTo("still here");
    assertThat(call("DELETE", "/onramp/ws2", null, null)).startsWith("200");
    assertThat(call("DELETE", "/binding/second", null, null)).startsWith("200");
    // every persisting call left a snapshot: 4 publishes, 1 activation, 1 deactivation, 2 deletes
    try (var snapshots = Files.list(dir.resolve("storage"))) {
      assertThat(snapshots.count()).isEqualTo(8);
    }
  }

  @Test
  void brokenArtefactsAreRefusedWithTheStartupDiagnosticsAndTheProxyRunsOn() throws Exception {
    String onramp = "id: bad\ntype: ws\nconfig:\n  host: 127.0.0.1\n  port: -1\n";
    String startup =
        DeploymentPlan.ofTexts(
                Map.of("bad.yaml", "onramp:\n  - " + onramp.replace("\n", "\n    ")),
                Registry.load())
            .problems()
            .get(0)
            .message();
    String refused = call("POST", "/onramp", "application/yaml", onramp);
    assertThat(refused).startsWith("400");
    assertThat(refused).contains("\"error\":\"<API>:").endsWith(": " + startup + "\"}");

    String pipeline = call("POST", "/pipeline", "application/vnd.trickle", "select evnt frm in;\n");
    assertThat(pipeline).startsWith("400").contains("invalid pipeline:");
    assertThat(
            call("POST", "/pipeline", "application/vnd.trickle", "select event from in into out;"))
        .startsWith("422")
        .contains("no `#!config id = \\\"trickle-id\\\"` directive provided");

    call(
        "POST",
        "/binding",
        "application/json",
        "{\"id\":\"dangling\",\"links\":{\"/onramp/ws/{instance}/out\":"
            + "[\"/pipeline/nope/{instance}/in\"]}}");
    String activation =
        call("POST", "/binding/dangling/01", "application/json", "{\"instance\":\"01\"}");
    assertThat(activation)
        .startsWith("400")
        .contains("binding dangling: /pipeline/nope/01/in: pipeline `nope` not found");

    assertThat(call("GET", "/onramp", null, null)).isEqualTo("200 [\"ws\"]");
    assertThat(world.instances().get("pipeline")).doesNotContain("/pipeline/nope/01");
    TestClient c = client(proxyPort);
    c.send("unharmed");
    assertThat(c.nextText(WAIT)).isEqualTo("unharmed");
  }

  @Test
  void hundredApiCallsChangingTheLiveWorldLoseAndMisrouteNothing() throws Exception {
    // a binding whose instances tap the running proxy's pipeline: each activation adds a link out
    // of /pipeline/pass_in/01, each deactivation takes it away, while clients stream through it
    call(
        "POST",
        "/pipeline",
        "application/vnd.trickle",
        "#!config id = \"tap\"\nselect event from in into out;\n");
    call(
        "POST",
        "/binding",
        "application/yaml",
        "id: tap\nlinks:\n  \"/pipeline/pass_in/01/out\": [\"/pipeline/tap/{instance}/in\"]\n");
    int clientsN = 16;
    int messages = 300;
    List<TestClient> streams = new ArrayList<>();
    for (int i = 0; i < clientsN; i++) {
      streams.add(client(proxyPort));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> replies = new ArrayList<>();
      for (int i = 0; i < clientsN; i++) {
        TestClient c = streams.get(i);
        String prefix = "client" + i + "-";
        replies.add(
            pool.submit(
                () -> {
                  for (int m = 0; m < messages; m++) {
                    c.send(prefix + m);
                  }
                  return c.nextTexts(messages, WAIT);
                }));
      }
      List<Future<String>> calls = new ArrayList<>();
      for (int k = 0; k < 25; k++) {
        String id = "t" + k;
        calls.add(
            pool.submit(
                (Callable<String>)
                    () ->
                        call(
                                "POST",
                                "/binding/tap/" + id,
                                "application/json",
                                "{\"instance\":\"" + id + "\"}")
                            + " "
                            + call("GET", "/binding/tap/" + id, null, null).substring(0, 3)
                            + " "
                            + call("DELETE", "/binding/tap/" + id, null, null).substring(0, 3)
                            + " "
                            + call("GET", "/pipeline", null, null).substring(0, 3)));
      }
      for (Future<String> f : calls) {
        assertThat(f.get()).matches("201 \\{.*\\} 200 204 200");
      }
      for (int i = 0; i < clientsN; i++) {
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
          expected.add("client" + i + "-" + m);
        }
        assertThat(replies.get(i).get()).as("client %d", i).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(call("GET", "/binding/tap", null, null)).contains("\"instances\":[]");
    assertThat(world.instances().get("pipeline")).noneMatch(p -> p.startsWith("/pipeline/tap/"));
  }

  // ---- helpers ----

  /** {@code "<status> <body>"}. */
  private String call(String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(WAIT);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }

  private TestClient client(int port) throws Exception {
    TestClient c = TestClient.connect(port);
    clients.add(c);
    return c;
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
