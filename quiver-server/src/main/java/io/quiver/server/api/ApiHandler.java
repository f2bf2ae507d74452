package io.quiver.server.api;

/** Answers one API route; throws {@link ApiError} for Tremor's error answers. */
@FunctionalInterface
public interface ApiHandler {
  ApiResponse handle(ApiRequest request) throws ApiError;
}
