package io.quiver.server.api;

/**
 * A refused API call: its HTTP status and Tremor's error text, answered as {@code
 * {"code":<status>,"error":"<text>"}} in the accepted format (JSON when that is Trickle).
 */
public final class ApiError extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiError(int status, String text) {
    super(text);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** Tremor's 404 text. */
  static ApiError notFound() {
    return new ApiError(404, "Artefact not found");
  }
}
