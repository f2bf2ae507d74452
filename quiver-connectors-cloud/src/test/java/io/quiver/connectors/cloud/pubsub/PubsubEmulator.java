package io.quiver.connectors.cloud.pubsub;

import io.quiver.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Google's own Pub/Sub emulator (the gcloud CLI's {@code pubsub-emulator} component) as a child
 * process on 127.0.0.1, found through {@code gcloud info}; {@link #find} is empty when it is not
 * installed.
 */
final class PubsubEmulator implements AutoCloseable {
  private final Process process;
  final int port;

  private PubsubEmulator(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The emulator's launcher, or null when gcloud or the component is missing. */
  static Path find() {
    try {
      Process p =
          new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
              .redirectErrorStream(true)
              .start();
      String root = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || root.isEmpty()) {
        return null;
      }
      Path bin = Path.of(root, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator");
      return Files.isExecutable(bin) ? bin : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Starts it on a free port with this JVM's java and waits until it accepts connections. */
  static PubsubEmulator start(Path launcher, Path logFile) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ProcessBuilder pb =
        new ProcessBuilder(launcher.toString(), "--host=127.0.0.1", "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile());
    String javaHome = System.getProperty("java.home");
    pb.environment().put("JAVA_HOME", javaHome);
    pb.environment().put("PATH", javaHome + "/bin:" + pb.environment().getOrDefault("PATH", ""));
    PubsubEmulator e = new PubsubEmulator(pb.start(), port);
    try {
      Await.until(
          "the Pub/Sub emulator listening on " + port,
          Duration.ofSeconds(60),
          () -> !e.process.isAlive() || accepts(port));
    } catch (AssertionError | RuntimeException x) {
      e.close();
      throw x;
    }
    if (!e.process.isAlive()) {
      throw new IllegalStateException("the Pub/Sub emulator ended: " + Files.readString(logFile));
    }
    return e;
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates a topic and a subscription to it through the REST admin calls. */
  void createTopicAndSubscription(String project, String topic, String subscription)
      throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      put(http, "/v1/projects/" + project + "/topics/" + topic, "{}");
      put(
          http,
          "/v1/projects/" + project + "/subscriptions/" + subscription,
          "{\"topic\":\"projects/" + project + "/topics/" + topic + "\"}");
    }
  }

  private void put(HttpClient http, String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
