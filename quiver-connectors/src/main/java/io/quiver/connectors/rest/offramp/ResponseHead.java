package io.quiver.connectors.rest.offramp;

import io.quiver.value.Value;

/**
 * An upstream response's head as {@link ResponseHeadParser} read it.
 *
 * @param status 100 to 599
 * @param http10 an HTTP/1.0 response (kept alive only when it says {@code keep-alive})
 * @param close the connection may carry no further request after this response
 * @param contentLength the announced body length, -1 when none
 * @param chunked the body comes in chunks ({@code Transfer-Encoding} ending in {@code chunked})
 * @param otherCoding {@code Transfer-Encoding} without {@code chunked} last: the body ends with the
 *     connection
 * @param headers Tremor's {@code $response.headers}: lower-case name to the list of its values, in
 *     the order they came
 */
record ResponseHead(
    int status,
    boolean http10,
    boolean close,
    long contentLength,
    boolean chunked,
    boolean otherCoding,
    Value.Obj headers) {

  /** An interim response (1xx other than 101): the final one follows it, on the same request. */
  boolean interim() {
    return status < 200 && status != 101;
  }
}
