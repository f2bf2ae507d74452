package io.quiver.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
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

/**
 * The {@code await} block of a {@code before.json}, checked every 100 ms until all hold: {@code
 * port-open} (a TCP connect to 127.0.0.1 succeeds for each port), {@code wait-for-ms} (that many
 * milliseconds passed), {@code http-ok} (a GET answers 2xx within min(max-await-secs, 5) s) and,
 * from Tremor 0.12, {@code file-exists} (each path, relative to the case folder, exists). Unknown
 * conditions are ignored, as in Tremor. Then {@code min-await-secs} are waited.
 */
final class AwaitConditions {
  private final ProcessSpec spec;
  private final Path cwd;

  AwaitConditions(ProcessSpec spec, Path cwd) {
    this.spec = spec;
    this.cwd = cwd;
  }

  /**
   * Blocks until the conditions hold.
   *
   * @param alive whether the awaited process still runs (a dead one cannot open its port)
   * @return null when met, else why not
   */
  String await(java.util.function.BooleanSupplier alive) throws InterruptedException {
    long start = System.nanoTime();
    if (!spec.await().isEmpty()) {
      Duration bound = Duration.ofSeconds(spec.maxAwaitSecs());
      while (true) {
        List<String> unmet = unmet(Duration.ofNanos(System.nanoTime() - start));
        if (unmet.isEmpty()) {
          break;
        }
        if (System.nanoTime() - start > bound.toNanos()) {
          return "Upper bound exceeded error: after "
              + spec.maxAwaitSecs()
              + " s (max-await-secs) still waiting for "
              + String.join(", ", unmet)
              + (alive.getAsBoolean() ? "" : " (the before process has exited)");
        }
        Thread.sleep(100);
      }
    }
    Thread.sleep(spec.minAwaitSecs() * 1000);
    return null;
  }

  private List<String> unmet(Duration elapsed) {
    List<String> unmet = new ArrayList<>();
    for (Map.Entry<String, List<String>> c : spec.await().entrySet()) {
      for (String arg : c.getValue()) {
        boolean ok =
            switch (c.getKey()) {
              case "port-open" -> portOpen(arg);
              case "wait-for-ms" -> waited(arg, elapsed);
              case "http-ok" -> httpOk(arg);
              case "file-exists" -> Files.exists(cwd.resolve(arg));
              default -> true;
            };
        if (!ok) {
          unmet.add(c.getKey() + " " + arg);
        }
        if (c.getKey().equals("wait-for-ms")) {
          break; // Tremor reads only the first value
        }
      }
    }
    return unmet;
  }

  private static boolean portOpen(String port) {
    int n;
    try {
      n = Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      return true; // Tremor skips ports that are no u16
    }
    if (n < 0 || n > 65535) {
      return true;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", n), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean waited(String ms, Duration elapsed) {
    try {
      return elapsed.toMillis() > Long.parseLong(ms.strip());
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private boolean httpOk(String url) {
    Duration timeout = Duration.ofSeconds(Math.max(1, Math.min(spec.maxAwaitSecs(), 5)));
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build()) {
      HttpResponse<Void> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() / 100 == 2;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
