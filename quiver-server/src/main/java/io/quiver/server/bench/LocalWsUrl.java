package io.quiver.server.bench;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/**
 * The {@code --url} option shared by the bench clients ({@code quiver bench ws}, {@code quiver
 * bench abuse}): a {@code ws://} URL on this machine, since the load generators never target
 * another host.
 */
final class LocalWsUrl {
  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description = "ws://127.0.0.1:PORT/ or ws://localhost:PORT/")
  String url;

  /** What is wrong with the URL, or null when it is a ws:// URL on this machine. */
  String problem() {
    try {
      return WsLoad.problemWith(new URI(url));
    } catch (URISyntaxException e) {
      return "invalid --url " + url + ": " + e.getMessage();
    }
  }

  /** The URL; call only after {@link #problem()} returned null. */
  URI uri() {
    return URI.create(url);
  }

  @Override
  public String toString() {
    return url;
  }
}
