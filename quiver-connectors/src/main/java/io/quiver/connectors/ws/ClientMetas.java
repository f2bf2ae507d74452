package io.quiver.connectors.ws;

import io.netty.handler.codec.http.HttpHeaders;
import io.quiver.value.Value;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meta records of a client's events: {@code binary} and the {@code ws} record of its handshake
 * (path, query, forwarded headers, subprotocol). Clients whose handshakes give the same record
 * share one copy: most clients of a deployment connect to the same path with the same forwarded
 * headers, and each copy is three maps (about 800 bytes of heap), which 10,000 idle clients would
 * otherwise hold 10,000 times. At most {@value #MAX_SHARED} distinct handshakes are shared per
 * onramp (a query with a token per client makes every handshake distinct); later distinct ones get
 * records of their own. The records are immutable, so sharing them across loops is safe.
 */
final class ClientMetas {
  static final int MAX_SHARED = 256;

  /** The meta record of a client's events from text frames and from binary frames. */
  record ClientMeta(Value text, Value binary) {
    Value of(boolean binary) {
      return binary ? this.binary : text;
    }
  }

  private record Handshake(String requestUri, List<String> forwarded, String subprotocol) {}

  private final List<String> forwardHeaders;
  private final ConcurrentHashMap<Handshake, ClientMeta> shared = new ConcurrentHashMap<>();

  ClientMetas(List<String> forwardHeaders) {
    this.forwardHeaders = List.copyOf(forwardHeaders);
  }

  /** The meta records for a client whose handshake asked for this URI with these headers. */
  ClientMeta of(String requestUri, HttpHeaders headers, String subprotocol) {
    String[] values = new String[forwardHeaders.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = headers.get(forwardHeaders.get(i));
    }
    Handshake handshake = new Handshake(requestUri, Arrays.asList(values), subprotocol);
    ClientMeta meta = shared.get(handshake);
    if (meta != null) {
      return meta;
    }
    meta = build(handshake);
    if (shared.size() < MAX_SHARED) {
      ClientMeta raced = shared.putIfAbsent(handshake, meta);
      return raced == null ? meta : raced;
    }
    return meta;
  }

  int sharedCount() {
    return shared.size();
  }

  private ClientMeta build(Handshake handshake) {
    Value ws = wsRecord(handshake);
    return new ClientMeta(
        Value.obj("binary", Value.FALSE, "ws", ws), Value.obj("binary", Value.TRUE, "ws", ws));
  }

  /**
   * The {@code ws} meta record: the request path (and query, if any) of the handshake (so a
   * pipeline can route by path, e.g. set {@code $url} from {@code $ws.path}), the forwarded
   * handshake headers (by the name configured, first value) and the negotiated subprotocol.
   */
  private Value wsRecord(Handshake handshake) {
    String uri = handshake.requestUri();
    LinkedHashMap<String, Value> ws = new LinkedHashMap<>();
    int q = uri.indexOf('?');
    ws.put("path", Value.of(q < 0 ? uri : uri.substring(0, q)));
    if (q >= 0) {
      ws.put("query", Value.of(uri.substring(q + 1)));
    }
    if (!forwardHeaders.isEmpty()) {
      LinkedHashMap<String, Value> forwarded = new LinkedHashMap<>();
      for (int i = 0; i < forwardHeaders.size(); i++) {
        String value = handshake.forwarded().get(i);
        if (value != null) {
          forwarded.put(forwardHeaders.get(i), Value.of(value));
        }
      }
      ws.put("headers", Value.obj(forwarded));
    }
    if (handshake.subprotocol() != null) {
      ws.put("subprotocol", Value.of(handshake.subprotocol()));
    }
    return Value.obj(ws);
  }
}
