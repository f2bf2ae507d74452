package io.quiver.server.api;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.RampSpec;
import io.quiver.runtime.world.BindingInstance;
import io.quiver.runtime.world.ChangeRefused;
import io.quiver.runtime.world.World;
import io.quiver.server.QuiverVersion;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Tremor 0.11.12's REST API (tremor-api/src/api/*.rs, routes in tremor-cli/src/server.rs) on a
 * running {@link World}: the version, the artefact repository of each kind (list, publish, fetch,
 * unpublish) and binding instances (fetch, activate with a mapping, deactivate). Every call that
 * changes something is followed by a configuration snapshot when a storage directory is set.
 */
final class TremorRoutes {
  private final World world;
  private final ConfigSnapshots snapshots;

  private TremorRoutes(World world, ConfigSnapshots snapshots) {
    this.world = world;
    this.snapshots = snapshots;
  }

  /** Adds Tremor's 20 method/route pairs to {@code router}. */
  static void addTo(ApiRouter router, World world, ConfigSnapshots snapshots) {
    TremorRoutes r = new TremorRoutes(world, snapshots);
    router.add("GET", "/version", r::version);
    for (ResourceType kind : List.of(ResourceType.ONRAMP, ResourceType.OFFRAMP)) {
      String base = "/" + kind.word();
      router.add("GET", base, req -> r.list(req, kind));
      router.add("POST", base, req -> r.publishRamp(req, kind));
      router.add("GET", base + "/:aid", req -> r.fetchRamp(req, kind));
      router.add("DELETE", base + "/:aid", req -> r.unpublishRamp(req, kind));
    }
    router.add("GET", "/pipeline", req -> r.list(req, ResourceType.PIPELINE));
    router.add("POST", "/pipeline", r::publishPipeline);
    router.add("GET", "/pipeline/:aid", r::fetchPipeline);
    router.add("DELETE", "/pipeline/:aid", r::unpublishPipeline);
    router.add("GET", "/binding", req -> r.list(req, ResourceType.BINDING));
    router.add("POST", "/binding", r::publishBinding);
    router.add("GET", "/binding/:aid", r::fetchBinding);
    router.add("DELETE", "/binding/:aid", r::unpublishBinding);
    router.add("GET", "/binding/:aid/:sid", r::fetchServant);
    router.add("POST", "/binding/:aid/:sid", r::activate);
    router.add("DELETE", "/binding/:aid/:sid", r::deactivate);
  }

  /**
   * {@code {"version":"0.11.12","debug":false,"quiver":"<version>"}}: Tremor's fields first (the
   * Tremor release whose deployments and API this server takes), then Quiver's own version.
   */
  private ApiResponse version(ApiRequest req) throws ApiError {
    return reply(
        req,
        Value.obj(
            "version",
            Value.of(QuiverVersion.tremor()),
            "debug",
            Value.FALSE,
            "quiver",
            Value.of(QuiverVersion.quiver())),
        200);
  }

  private ApiResponse list(ApiRequest req, ResourceType kind) throws ApiError {
    return reply(req, ArtefactValues.strings(world.artefactIds(kind)), 200);
  }

  // ---- onramps and offramps ----

  private ApiResponse publishRamp(ApiRequest req, ResourceType kind) throws ApiError {
    RampSpec spec = RequestBodies.ramp(kind, req);
    change(() -> world.publish(spec));
    return persisted(req, ArtefactValues.ramp(spec), 201);
  }

  private ApiResponse fetchRamp(ApiRequest req, ResourceType kind) throws ApiError {
    RampSpec spec = world.ramp(kind, req.param("aid")).orElseThrow(ApiError::notFound);
    return reply(
        req,
        ArtefactValues.wrapped(
            ArtefactValues.ramp(spec), world.instanceIds(kind, req.param("aid"))),
        200);
  }

  private ApiResponse unpublishRamp(ApiRequest req, ResourceType kind) throws ApiError {
    String id = req.param("aid");
    RampSpec spec = world.ramp(kind, id).orElse(null);
    change(() -> world.unpublish(kind, id));
    return persisted(req, spec == null ? Value.NULL : ArtefactValues.ramp(spec), 200);
  }

  // ---- pipelines: Trickle in, the source out (raw with Accept: application/vnd.trickle) ----

  private ApiResponse publishPipeline(ApiRequest req) throws ApiError {
    String source = RequestBodies.trickle(req);
    change(() -> world.publishPipeline(source));
    snapshots.save(world);
    return trickle(req, source, 201);
  }

  private ApiResponse fetchPipeline(ApiRequest req) throws ApiError {
    String id = req.param("aid");
    String source = world.pipelineSource(id).orElseThrow(ApiError::notFound);
    if (req.answerFormat() == ApiFormat.TRICKLE) {
      List<String> instances = world.instanceIds(ResourceType.PIPELINE, id);
      // Tremor's listing, byte for byte (its separator lacks a newline)
      source = source + "\n# Instances:\n#  * " + String.join("#  * ", instances);
    }
    return trickle(req, source, 200);
  }

  private ApiResponse unpublishPipeline(ApiRequest req) throws ApiError {
    String id = req.param("aid");
    String source = world.pipelineSource(id).orElse("");
    change(() -> world.unpublish(ResourceType.PIPELINE, id));
    snapshots.save(world);
    return trickle(req, source, 200);
  }

  private static ApiResponse trickle(ApiRequest req, String source, int status) throws ApiError {
    if (req.answerFormat() == ApiFormat.TRICKLE) {
      return new ApiResponse(
          status, ApiFormat.TRICKLE.mime(), source.getBytes(StandardCharsets.UTF_8));
    }
    return reply(req, Value.of(source), status);
  }

  // ---- bindings and their instances ----

  private ApiResponse publishBinding(ApiRequest req) throws ApiError {
    BindingSpec spec = RequestBodies.binding(req);
    change(() -> world.publish(spec));
    return persisted(req, ArtefactValues.binding(spec), 201);
  }

  private ApiResponse fetchBinding(ApiRequest req) throws ApiError {
    String id = req.param("aid");
    BindingSpec spec = world.binding(id).orElseThrow(ApiError::notFound);
    return reply(
        req,
        ArtefactValues.wrapped(
            ArtefactValues.binding(spec), world.instanceIds(ResourceType.BINDING, id)),
        200);
  }

  private ApiResponse unpublishBinding(ApiRequest req) throws ApiError {
    String id = req.param("aid");
    BindingSpec spec = world.binding(id).orElse(null);
    change(() -> world.unpublish(ResourceType.BINDING, id));
    return persisted(req, spec == null ? Value.NULL : ArtefactValues.binding(spec), 200);
  }

  private ApiResponse fetchServant(ApiRequest req) throws ApiError {
    BindingInstance instance =
        world.bindingInstance(req.param("aid"), req.param("sid")).orElseThrow(ApiError::notFound);
    return reply(req, servant(instance), 200);
  }

  private ApiResponse activate(ApiRequest req) throws ApiError {
    Map<String, String> values = RequestBodies.mapping(req);
    BindingInstance[] activated = new BindingInstance[1];
    change(() -> activated[0] = world.activate(req.param("aid"), req.param("sid"), values));
    return persisted(req, servant(activated[0]), 201);
  }

  /** 204 without a body, with the accepted format's content type (as Tremor answers). */
  private ApiResponse deactivate(ApiRequest req) throws ApiError {
    change(() -> world.deactivate(req.param("aid"), req.param("sid")));
    snapshots.save(world);
    ApiFormat format = req.answerFormat() == ApiFormat.YAML ? ApiFormat.YAML : ApiFormat.JSON;
    return new ApiResponse(204, format.mime(), new byte[0]);
  }

  private Value servant(BindingInstance instance) {
    String description =
        world.binding(instance.bindingId()).map(BindingSpec::description).orElse("");
    return ArtefactValues.servant(instance, description);
  }

  // ---- shared ----

  @FunctionalInterface
  private interface Change {
    void run() throws ChangeRefused;
  }

  /** Runs a change; a refusal becomes Tremor's status and text (src/errors.rs in tremor-api). */
  private static void change(Change change) throws ApiError {
    try {
      change.run();
    } catch (ChangeRefused e) {
      int status =
          switch (e.reason()) {
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, HAS_INSTANCES -> 409;
            case SYSTEM_ARTEFACT -> 403;
            case NO_ID -> 422;
            case INVALID -> 400;
          };
      throw new ApiError(status, e.getMessage());
    }
  }

  private ApiResponse persisted(ApiRequest req, Value body, int status) throws ApiError {
    snapshots.save(world);
    return reply(req, body, status);
  }

  private static ApiResponse reply(ApiRequest req, Value body, int status) throws ApiError {
    ApiFormat format = req.answerFormat();
    return new ApiResponse(status, format.mime(), format.write(body));
  }
}
