package io.quiver.runtime;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Tremor artefact URL: {@code tremor://<host>/<type>/<artefact>/<instance>/<port>}, where a
 * leading {@code /} means host {@code localhost} (src/url.rs). Instance and port are optional. A
 * URL without a leading {@code /} is Tremor's relative form: {@code type/artefact/instance/port}
 * exactly, also on host {@code localhost}.
 */
public record TremorUrl(
    String host, ResourceType type, String artefact, String instance, String port) {

  /** A URL scheme as the url crate reads one: what is not a scheme makes a URL relative. */
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  public TremorUrl {
    Objects.requireNonNull(host);
    Objects.requireNonNull(type);
    Objects.requireNonNull(artefact);
  }

  /**
   * Parses a URL.
   *
   * @throws IllegalArgumentException with Tremor's texts {@code Bad URL: <url>} or {@code Bad
   *     Resource type: <t>}
   */
  public static TremorUrl parse(String url) {
    String rest;
    String host;
    if (url.startsWith("tremor://")) {
      String afterScheme = url.substring("tremor://".length());
      int slash = afterScheme.indexOf('/');
      if (slash <= 0) {
        throw new IllegalArgumentException("Bad URL: " + url);
      }
      host = afterScheme.substring(0, slash);
      rest = afterScheme.substring(slash + 1);
    } else if (url.startsWith("/")) {
      host = "localhost";
      rest = url.substring(1);
    } else if (!SCHEME.matcher(url).lookingAt()) {
      // Tremor's relative branch (`tremor:///` + url): only its 4-segment form names a resource
      // type, `onramp/http_in/{instance}/in`; shorter ones are relative to a resource Quiver's
      // links never have
      host = "localhost";
      rest = url;
      if (rest.split("/", -1).length != 4) {
        throw new IllegalArgumentException("Bad URL: " + url);
      }
    } else {
      throw new IllegalArgumentException("Bad URL: " + url);
    }
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] parts = rest.split("/", -1);
    if (parts.length < 2 || parts.length > 4) {
      throw new IllegalArgumentException("Bad URL: " + url);
    }
    for (String p : parts) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("Bad URL: " + url);
      }
    }
    ResourceType type = ResourceType.of(parts[0]);
    if (type == null) {
      throw new IllegalArgumentException("Bad Resource type: " + parts[0]);
    }
    return new TremorUrl(
        host,
        type,
        parts[1],
        parts.length > 2 ? parts[2] : null,
        parts.length > 3 ? parts[3] : null);
  }

  public TremorUrl withInstance(String newInstance) {
    return new TremorUrl(host, type, artefact, newInstance, port);
  }

  public TremorUrl withPort(String newPort) {
    return new TremorUrl(host, type, artefact, instance, newPort);
  }

  /** The URL without its port: the instance this URL points into. */
  public TremorUrl instanceUrl() {
    return withPort(null);
  }

  /** The short form {@code /type/artefact[/instance[/port]]}. */
  public String path() {
    StringBuilder sb =
        new StringBuilder().append('/').append(type.word()).append('/').append(artefact);
    if (instance != null) {
      sb.append('/').append(instance);
      if (port != null) {
        sb.append('/').append(port);
      }
    }
    return sb.toString();
  }

  /** Tremor's display form: {@code tremor://localhost/onramp/ws/01/out}. */
  @Override
  public String toString() {
    return "tremor://" + host + path();
  }
}
