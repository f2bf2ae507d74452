package io.quiver.server.api;

import io.quiver.runtime.ResourceType;
import io.quiver.runtime.config.BindingSpec;
import io.quiver.runtime.config.Problem;
import io.quiver.runtime.config.Problems;
import io.quiver.runtime.config.RampSpec;
import io.quiver.runtime.config.YamlConfigReader;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads request bodies as Tremor's API does ({@code decode} in tremor-api/src/api.rs): JSON or YAML
 * by {@code Content-Type} (415 {@code No content type provided} otherwise), 400 {@code Could not
 * decode JSON: ...} / {@code Could not decode YAML: ...} with the problems a deployment file's
 * artefact would have. Artefacts are read by the deployment loader's own reader, so the checks and
 * texts are the same.
 */
final class RequestBodies {
  /** Where problems in a body are said to be, as Tremor names API sources. */
  static final String SOURCE = "<API>";

  private RequestBodies() {}

  static RampSpec ramp(ResourceType kind, ApiRequest request) throws ApiError {
    return read(request, p -> YamlConfigReader.readRamp(kind, SOURCE, request.bodyText(), p));
  }

  static BindingSpec binding(ApiRequest request) throws ApiError {
    return read(request, p -> YamlConfigReader.readBinding(SOURCE, request.bodyText(), p));
  }

  /** Reads an artefact in the body's format; every problem makes one 400 answer. */
  private static <T> T read(ApiRequest request, Function<Problems, Optional<T>> reader)
      throws ApiError {
    ApiFormat format = dataFormat(request);
    if (format == ApiFormat.JSON) {
      json(request);
    }
    Problems problems = new Problems();
    Optional<T> read = reader.apply(problems);
    if (read.isEmpty() || !problems.isEmpty()) {
      throw undecodable(
          format, String.join("\n", problems.list().stream().map(Problem::toString).toList()));
    }
    return read.get();
  }

  /** A mapping's values, {@code {"instance": "01"}}: strings only, as Tremor's HashMap. */
  static Map<String, String> mapping(ApiRequest request) throws ApiError {
    ApiFormat format = dataFormat(request);
    Map<String, String> values = new LinkedHashMap<>();
    if (format == ApiFormat.JSON) {
      if (!(json(request) instanceof Value.Obj obj)) {
        throw undecodable(format, "invalid type: expected a map such as {\"instance\": \"01\"}");
      }
      for (Map.Entry<String, Value> e : obj.fields().entrySet()) {
        if (!(e.getValue() instanceof Value.Str s)) {
          throw undecodable(format, "invalid type: `" + e.getKey() + "` must be a string");
        }
        values.put(e.getKey(), s.value());
      }
      return values;
    }
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().build()).loadFromString(request.bodyText());
    } catch (YamlEngineException e) {
      throw undecodable(format, e.getMessage());
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw undecodable(format, "invalid type: expected a map such as {instance: \"01\"}");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw undecodable(format, "invalid type: `" + e.getKey() + "` must be a string");
      }
      values.put(String.valueOf(e.getKey()), s);
    }
    return values;
  }

  /** A pipeline's Trickle text; 415 unless its content type is {@code application/vnd.trickle}. */
  static String trickle(ApiRequest request) throws ApiError {
    if (ApiFormat.ofContentType(request.contentType()) != ApiFormat.TRICKLE) {
      throw noContentType();
    }
    return request.bodyText();
  }

  private static ApiFormat dataFormat(ApiRequest request) throws ApiError {
    ApiFormat format = ApiFormat.ofContentType(request.contentType());
    if (format == null || format == ApiFormat.TRICKLE) {
      throw noContentType();
    }
    return format;
  }

  private static Value json(ApiRequest request) throws ApiError {
    try {
      return Json.parse(request.body());
    } catch (JsonException e) {
      throw undecodable(ApiFormat.JSON, e.getMessage());
    }
  }

  private static ApiError noContentType() {
    return new ApiError(415, "No content type provided");
  }

  private static ApiError undecodable(ApiFormat format, String why) {
    return new ApiError(
        400, "Could not decode " + (format == ApiFormat.JSON ? "JSON" : "YAML") + ": " + why);
  }
}
