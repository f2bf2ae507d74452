package io.quiver.server.api;

import java.nio.charset.StandardCharsets;

/**
 * An API answer.
 *
 * @param contentType the {@code content-type} header, or null for none
 */
public record ApiResponse(int status, String contentType, byte[] body) {

  /** A text answer, e.g. a Prometheus scrape: {@code text(200, "text/plain; version=0.0.4", s)}. */
  public static ApiResponse text(int status, String contentType, String body) {
    return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }
}
