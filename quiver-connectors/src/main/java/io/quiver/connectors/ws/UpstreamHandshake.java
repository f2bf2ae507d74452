package io.quiver.connectors.ws;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.Map;

/**
 * What an upstream session sends in its handshake: the configured headers plus (per-client
 * sessions) the headers and subprotocol the onramp forwarded in the first event's {@code $ws} meta,
 * which win.
 *
 * @param subprotocols comma-separated requested subprotocols, or {@code null} for none
 */
record UpstreamHandshake(HttpHeaders headers, String subprotocols) {

  static UpstreamHandshake of(WsOfframpSettings settings, Event first, boolean forward) {
    HttpHeaders headers = new DefaultHttpHeaders();
    settings.headers().forEach(headers::set);
    String subprotocols =
        settings.subprotocols().isEmpty() ? null : String.join(",", settings.subprotocols());
    if (forward && first != null && first.metaField("ws") instanceof Value.Obj ws) {
      if (ws.fields().get("headers") instanceof Value.Obj forwarded) {
        for (Map.Entry<String, Value> e : forwarded.fields().entrySet()) {
          if (e.getValue() instanceof Value.Str s) {
            headers.set(e.getKey(), s.value());
          }
        }
      }
      if (ws.fields().get("subprotocol") instanceof Value.Str s) {
        subprotocols = s.value();
      }
    }
    return new UpstreamHandshake(headers, subprotocols);
  }
}
