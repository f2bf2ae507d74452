package io.quiver.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import io.quiver.runtime.world.World;
import io.quiver.testkit.ws.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy of example 33 with the offramp in Tremor 0.11's connection model ({@code session:
 * shared}): while the upstream is unreachable the offramp's circuit breaker keeps the ws onramp
 * paused, so client messages wait instead of being answered with errors, and are answered once the
 * upstream is there (Tremor's behaviour).
 */
class CircuitBreakerProxyIT {
  @TempDir Path tmp;
  private World proxy;
  private ExampleDeployment upstream;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.stop();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void messagesWaitWhileTheUpstreamIsDownAndAreAnsweredOnceItIsUp() throws Exception {
    int upstreamPort = ExampleDeployment.freePort();
    int proxyPort = ExampleDeployment.freePort();
    List<Path> files =
        ExampleDeployment.copy(
            "33_proxies_lt_ws", tmp.resolve("proxy"), 8139, upstreamPort, 9139, proxyPort);
    Path config =
        files.stream().filter(f -> f.toString().endsWith("config.yaml")).findFirst().orElseThrow();
    String yaml = Files.readString(config);
    String url = "url: \"ws://localhost:" + upstreamPort + "\"";
    assertThat(yaml).contains(url);
    Files.writeString(config, yaml.replace(url, url + "\n      session: shared"));
    proxy = World.load(files, Registry.load());
    proxy.start();

    try (TestClient client = TestClient.connect(proxyPort)) {
      client.send("hello\n");
      // the onramp is paused: neither a reply nor an error comes while the upstream is down
      assertThat(client.pending()).isEmpty();
      assertThat(pollQuietly(client, Duration.ofMillis(500))).isNull();

      upstream =
          ExampleDeployment.start("31_servers_lt_ws", tmp.resolve("upstream"), 8139, upstreamPort);

      assertThat(client.nextText(Duration.ofSeconds(15))).isEqualTo("hello");
      client.send("snot\n");
      assertThat(client.nextText()).isEqualTo("badger");
    }
  }

  private static String pollQuietly(TestClient client, Duration within)
      throws InterruptedException {
    try {
      return client.nextText(within);
    } catch (AssertionError none) {
      return null;
    }
  }
}
