package io.quiver.connectors.elastic;

import io.quiver.spi.config.Check;
import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The validated settings of one {@code elastic} offramp (Tremor 0.11.12's keys and defaults,
 * src/sink/elastic.rs).
 *
 * @param nodes the cluster's nodes, each a base URL ending in {@code /}; requests go round robin
 * @param concurrency bulk requests in flight at most
 * @param requestTimeout how long one bulk request may take (Quiver)
 */
record ElasticSettings(List<URI> nodes, int concurrency, Duration requestTimeout) {
  static final String NODES = "nodes";
  static final String CONCURRENCY = "concurrency";
  static final String REQUEST_TIMEOUT_MS = "request_timeout_ms";

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          ConfigKey.required(
                  NODES,
                  ConfigType.STRING_LIST,
                  "The cluster's nodes, each a URL such as `http://127.0.0.1:9200/`; bulk requests"
                      + " go to them in turn.")
              .withCheck(ElasticSettings::nodesProblem),
          ConfigKey.optional(
                  CONCURRENCY,
                  ConfigType.INTEGER,
                  Value.of(4L),
                  "Bulk requests in flight at most; further events wait (their senders are held).")
              .withCheck(Check.atLeast(1)),
          ConfigKey.optional(
                  REQUEST_TIMEOUT_MS,
                  ConfigType.INTEGER,
                  Value.of(30_000L),
                  "Quiver: how long one bulk request may take; then it fails (its events are"
                      + " failed and, when linked, answered on `err`).")
              .withCheck(Check.atLeast(1)));

  ElasticSettings {
    nodes = List.copyOf(nodes);
  }

  static ElasticSettings of(Config config) {
    List<URI> nodes = new ArrayList<>();
    for (String n : config.strings(NODES)) {
      nodes.add(node(n));
    }
    return new ElasticSettings(
        nodes,
        (int) Math.min(Integer.MAX_VALUE, config.integer(CONCURRENCY)),
        Duration.ofMillis(config.integer(REQUEST_TIMEOUT_MS)));
  }

  /** Why the {@code nodes} list is not usable, or null. */
  static String nodesProblem(Value value) {
    if (!(value instanceof Value.Arr a)) {
      return null;
    }
    if (a.items().isEmpty()) {
      return "give at least one node URL";
    }
    for (Value v : a.items()) {
      if (v instanceof Value.Str s) {
        try {
          node(s.value());
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      }
    }
    return null;
  }

  /** A node's base URL, with a trailing {@code /}. */
  static URI node(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("`" + text + "` is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "`" + text + "` is not an http(s) URL with a host, such as http://127.0.0.1:9200/");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    return URI.create(
        scheme.toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority() + path);
  }
}
