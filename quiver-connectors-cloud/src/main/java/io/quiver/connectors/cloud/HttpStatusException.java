package io.quiver.connectors.cloud;

/** A service answered with a status that is not a success; the message names status and body. */
public final class HttpStatusException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY = 512;

  private final int status;

  public HttpStatusException(String what, int status, String body) {
    super(what + ": HTTP " + status + (body.isBlank() ? "" : ": " + shorten(body.strip())));
    this.status = status;
  }

  public int status() {
    return status;
  }

  /**
   * Whether trying again later may succeed (429 and the 5xx statuses): the service is unavailable
   * rather than refusing this request.
   */
  public boolean transientStatus() {
    return status == 429 || status >= 500;
  }

  private static String shorten(String body) {
    return body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY) + "...";
  }
}
