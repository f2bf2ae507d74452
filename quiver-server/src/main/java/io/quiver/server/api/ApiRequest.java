package io.quiver.server.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One API request, copied off the connection so it can be handled on another thread.
 *
 * @param method {@code GET}, {@code POST}, ...
 * @param path the decoded path, without the query
 * @param accept the last {@code Accept} value, or null
 * @param contentType the last {@code Content-Type} value, or null
 * @param params the route's path parameters, e.g. {@code aid -> main} (filled by the router)
 */
public record ApiRequest(
    String method,
    String path,
    String accept,
    String contentType,
    byte[] body,
    Map<String, String> params) {
  public ApiRequest {
    params = Map.copyOf(params);
  }

  /** A path parameter of the route, e.g. {@code aid}. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The format answers are written in. */
  ApiFormat answerFormat() {
    return ApiFormat.accepting(accept);
  }

  ApiRequest withParams(Map<String, String> found) {
    return new ApiRequest(method, path, accept, contentType, body, found);
  }
}
