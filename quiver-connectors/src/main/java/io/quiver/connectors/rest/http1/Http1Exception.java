package io.quiver.connectors.rest.http1;

/**
 * A message the HTTP/1.1 framing refuses, and the status that says how: 400 malformed, 413 a body
 * over its limit, 431 a head (or trailers) over its limit. The rest onramp answers with that
 * status; the rest offramp fails the request with its own text for each.
 */
public final class Http1Exception extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  public Http1Exception(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** A malformed message: 400. */
  public static Http1Exception malformed(String message) {
    return new Http1Exception(400, message);
  }

  public int status() {
    return status;
  }
}
