package io.quiver.server.api;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's routes: a method and a path pattern ({@code /binding/:aid/:sid}, {@code :name} matches
 * one segment) to a handler. Adding a route is one line:
 *
 * <pre>{@code router.add("GET", "/metrics", request -> ApiResponse.text(200, TEXT, scrape()));}
 * </pre>
 *
 * <p>Handlers run one at a time on the API's control thread ({@link ApiServer}); {@link #inline}
 * routes (the liveness probe) answer on the connection's event loop and must not block. A path no
 * route has gets 404 and a known path with another method 405, both without a body, as Tremor's
 * server (tide) answers them; an {@link ApiError} becomes Tremor's error body.
 */
public final class ApiRouter {
  private record Route(String method, String[] pattern, ApiHandler handler, boolean inline) {}

  /** How a request is answered: the route's handler, and whether it may run on the loop. */
  record Match(ApiRequest request, ApiHandler handler, boolean inline) {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route whose handler runs on the control thread, serialised with every other call. */
  public ApiRouter add(String method, String pattern, ApiHandler handler) {
    routes.add(new Route(method, segments(pattern), handler, false));
    return this;
  }

  /** Adds a route answered on the event loop: it must be quick and never block. */
  public ApiRouter inline(String method, String pattern, ApiHandler handler) {
    routes.add(new Route(method, segments(pattern), handler, true));
    return this;
  }

  /** The route for a request with its path parameters filled, or a handler answering 404/405. */
  Match match(ApiRequest request) {
    String[] path = segments(request.path());
    boolean pathKnown = false;
    for (Route r : routes) {
      Map<String, String> params = matches(r.pattern, path);
      if (params != null) {
        pathKnown = true;
        if (r.method.equals(request.method())) {
          return new Match(request.withParams(params), r.handler, r.inline);
        }
      }
    }
    int status = pathKnown ? 405 : 404;
    return new Match(request, req -> new ApiResponse(status, null, new byte[0]), true);
  }

  /** Answers a request: the handler's answer, or its error in Tremor's shape. */
  static ApiResponse answer(Match match) {
    ApiRequest request = match.request();
    try {
      return match.handler().handle(request);
    } catch (ApiError e) {
      return error(request.answerFormat(), e);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(ApiRouter.class)
          .warn("{} {}: {}", request.method(), request.path(), e.toString(), e);
      return error(request.answerFormat(), new ApiError(500, "Internal server error"));
    }
  }

  /**
   * Tremor's error answer ({@code serialize_error}): {@code {"code":404,"error":"..."}} as YAML
   * when YAML is accepted, else JSON.
   */
  static ApiResponse error(ApiFormat accepted, ApiError e) {
    Value body = Value.obj("code", Value.of((long) e.status()), "error", Value.of(e.getMessage()));
    ApiFormat format = accepted == ApiFormat.YAML ? ApiFormat.YAML : ApiFormat.JSON;
    try {
      return new ApiResponse(e.status(), format.mime(), format.write(body));
    } catch (ApiError impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static Map<String, String> matches(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith(":")) {
        params.put(pattern[i].substring(1), path[i]);
      } else if (!pattern[i].equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] segments(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }
}
