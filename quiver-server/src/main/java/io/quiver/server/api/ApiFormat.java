package io.quiver.server.api;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;

/**
 * The formats of Tremor's API ({@code ResourceType} in tremor-api/src/api.rs): answers follow the
 * request's last {@code Accept} value (YAML, Trickle for pipelines, else JSON); bodies are read by
 * their {@code Content-Type}.
 */
enum ApiFormat {
  JSON("application/json"),
  YAML("application/yaml"),
  TRICKLE("application/vnd.trickle");

  private final String mime;

  ApiFormat(String mime) {
    this.mime = mime;
  }

  String mime() {
    return mime;
  }

  /** The answer's format for an {@code Accept} value (null when absent): JSON unless asked. */
  static ApiFormat accepting(String accept) {
    String type = mediaType(accept);
    if (YAML.mime.equals(type)) {
      return YAML;
    }
    return TRICKLE.mime.equals(type) ? TRICKLE : JSON;
  }

  /** The body's format for a {@code Content-Type} value, or null when it names none of them. */
  static ApiFormat ofContentType(String contentType) {
    String type = mediaType(contentType);
    for (ApiFormat f : values()) {
      if (f.mime.equals(type)) {
        return f;
      }
    }
    return null;
  }

  /** The media type without parameters ({@code ; charset=utf-8}), in lower case. */
  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semi = header.indexOf(';');
    String type = semi < 0 ? header : header.substring(0, semi);
    return type.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * {@code value} written in this format.
   *
   * @throws ApiError 500 {@code Unsuported formatting as trickle} (sic, Tremor's text) for Trickle
   */
  byte[] write(Value value) throws ApiError {
    return switch (this) {
      case JSON -> Json.writeBytes(value);
      case YAML -> YamlText.of(value).getBytes(StandardCharsets.UTF_8);
      case TRICKLE -> throw new ApiError(500, "Unsuported formatting as trickle");
    };
  }
}
