package io.quiver.connectors.rest.offramp;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole upstream response, copied out of Netty's buffers.
 *
 * @param headers lower-case name to its values, in the order they came
 * @param keepAlive whether the connection may carry another request
 */
record UpstreamResponse(
    int status, Map<String, List<String>> headers, byte[] body, boolean keepAlive) {

  static UpstreamResponse of(FullHttpResponse response) {
    LinkedHashMap<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : response.headers()) {
      headers
          .computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
          .add(h.getValue());
    }
    return new UpstreamResponse(
        response.status().code(),
        headers,
        ByteBufUtil.getBytes(response.content()),
        HttpUtil.isKeepAlive(response));
  }

  /** The first {@code content-type} value, or null. */
  String contentType() {
    List<String> values = headers.get(HttpHeaderNames.CONTENT_TYPE.toString());
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Tremor's {@code $response.headers}: lower-case name to a list of values. */
  Value headersMeta() {
    LinkedHashMap<String, Value> m = new LinkedHashMap<>(headers.size() * 2);
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      List<Value> values = new ArrayList<>(h.getValue().size());
      for (String v : h.getValue()) {
        values.add(Value.of(v));
      }
      m.put(h.getKey(), new Value.Arr(values));
    }
    return Value.obj(m);
  }
}
