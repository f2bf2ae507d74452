package io.quiver.server.api;

import io.quiver.runtime.world.World;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;

/**
 * The orchestrator's probes, not in Tremor: {@code GET /health} (liveness: the process serves HTTP,
 * answered on the event loop so a long API call cannot make it fail) and {@code GET /ready}
 * (readiness: every onramp instance has started and is not stopping; 503 names those that are not).
 * Offramps do not count: an offramp still connecting to its upstream does not make the server
 * unready, as a ws or rest offramp connects when events come and reconnects on its own, and clients
 * get Tremor's error answers meanwhile.
 */
final class Probes {
  private static final String JSON = "application/json";

  private Probes() {}

  static void addTo(ApiRouter router, World world) {
    router.inline(
        "GET",
        "/health",
        req -> new ApiResponse(200, JSON, Json.writeBytes(Value.obj("status", Value.of("ok")))));
    router.add("GET", "/ready", req -> ready(world.notReady()));
  }

  static ApiResponse ready(List<String> waiting) {
    if (waiting.isEmpty()) {
      return new ApiResponse(200, JSON, Json.writeBytes(Value.obj("status", Value.of("ready"))));
    }
    Value body =
        Value.obj("status", Value.of("not ready"), "waiting", ArtefactValues.strings(waiting));
    return new ApiResponse(503, JSON, Json.writeBytes(body));
  }
}
