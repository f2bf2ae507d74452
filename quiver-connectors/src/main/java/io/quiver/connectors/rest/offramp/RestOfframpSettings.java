package io.quiver.connectors.rest.offramp;

import io.quiver.connectors.net.ClientTlsSettings;
import io.quiver.spi.config.Config;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rest offramp's validated configuration.
 *
 * @param endpoint the configured endpoint; {@link Endpoint#NONE} when none is given (then every
 *     event must name one in {@code $endpoint})
 * @param method the default method, upper case
 * @param headers the configured headers, in their order, names as written
 * @param concurrency requests in flight at most
 * @param tls for https endpoints
 * @param connectTimeoutMs TCP (and TLS) connect
 * @param requestTimeoutMs from taking the event to the whole response
 * @param poolSize idle keep-alive connections kept per endpoint
 * @param maxResponseSize the largest response body accepted, bytes
 */
record RestOfframpSettings(
    Endpoint endpoint,
    String method,
    Map<String, String> headers,
    int concurrency,
    ClientTlsSettings tls,
    long connectTimeoutMs,
    long requestTimeoutMs,
    int poolSize,
    int maxResponseSize) {

  RestOfframpSettings {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  static RestOfframpSettings from(Config c) {
    Value endpoint = c.get(RestOfframpProvider.ENDPOINT);
    Endpoint ep;
    try {
      ep =
          endpoint instanceof Value.Str s
              ? Endpoint.parse(s.value())
              : endpoint instanceof Value.Obj ? Endpoint.of(endpoint) : Endpoint.NONE;
    } catch (Endpoint.EndpointException e) {
      throw new IllegalArgumentException(e.getMessage(), e); // the spec's check refused it before
    }
    LinkedHashMap<String, String> headers = new LinkedHashMap<>();
    if (c.get(RestOfframpProvider.HEADERS) instanceof Value.Obj h) {
      h.fields()
          .forEach(
              (k, v) -> {
                if (v instanceof Value.Str s) {
                  headers.put(k, s.value());
                }
              });
    }
    Value tls = c.get(RestOfframpProvider.TLS);
    return new RestOfframpSettings(
        ep,
        HttpMethods.canonical(c.string(RestOfframpProvider.METHOD)),
        headers,
        (int) c.integer(RestOfframpProvider.CONCURRENCY),
        tls instanceof Value.Obj ? ClientTlsSettings.from(tls) : ClientTlsSettings.SYSTEM,
        c.integer(RestOfframpProvider.CONNECT_TIMEOUT_MS),
        c.integer(RestOfframpProvider.REQUEST_TIMEOUT_MS),
        (int) c.integer(RestOfframpProvider.POOL_SIZE),
        (int) c.integer(RestOfframpProvider.MAX_RESPONSE_SIZE));
  }
}
