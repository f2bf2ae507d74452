package io.quiver.testkit.ws;

import com.sun.net.httpserver.HttpServer;
import io.quiver.testkit.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real browser as a websocket client: headless Chromium from the PATH opening one page. A test
 * that needs it is skipped where there is none ({@link #require}). {@link #close} stops Chromium's
 * helper processes too (renderer, GPU, ...), which outlive a plain destroy() and keep writing into
 * the profile folder.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final List<String> NAMES =
      List.of("chromium", "chromium-browser", "google-chrome");

  private final Process chrome;

  private HeadlessChromium(Process chrome) {
    this.chrome = chrome;
  }

  /** The browser on the PATH; skips the calling test (a JUnit assumption) when there is none. */
  public static Path require() {
    Optional<Path> browser = find();
    Assumptions.assumeTrue(
        browser.isPresent(), "no chromium on the PATH (apt-get install chromium)");
    return browser.orElseThrow();
  }

  /** The first of chromium, chromium-browser, google-chrome on the PATH. */
  public static Optional<Path> find() {
    return ExternalTool.find("chromium", "chromium-browser", "google-chrome");
  }

  /**
   * Opens {@code url} in headless {@code browser} with a fresh profile in {@code profile}; what the
   * browser prints goes to {@code log}.
   */
  public static HeadlessChromium open(Path browser, Path profile, Path log, String url)
      throws IOException {
    return new HeadlessChromium(
        new ProcessBuilder(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                url)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start());
  }

  /** Serves {@code page} (HTML) at the root of {@code http} and starts it. */
  public static void servePage(HttpServer http, String page) {
    http.createContext(
        "/",
        exchange -> {
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
  }

  /** Stops the browser and its helper processes, waiting up to 10 s for each before killing it. */
  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(chrome.descendants().toList());
    tree.add(chrome.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        p.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
