package io.quiver.connectors.rest.onramp;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quiver.value.Json;
import io.quiver.value.Value;

/**
 * The onramp's own answers: a JSON body {@code {"error": "<what went wrong>"}} (the form of
 * Tremor's error events) with the status that says why, and Tremor's {@code 202 Accepted} for an
 * onramp that is not linked.
 */
final class ErrorResponses {
  private ErrorResponses() {}

  static final String BATCHED = "Batched events not supported in linked REST source.";

  /** A JSON error answer. */
  static Answer error(HttpResponseStatus status, String message) {
    return json(status, Value.obj("error", Value.of(message)));
  }

  /** {@code value} as a compact JSON body with {@code status}. */
  static Answer json(HttpResponseStatus status, Value value) {
    return new Answer(status.code(), Json.writeBytes(value))
        .header("content-type", "application/json");
  }

  /** Tremor's answer to a request on an onramp that is not linked: 202, no body. */
  static Answer accepted() {
    return new Answer(HttpResponseStatus.ACCEPTED.code(), NO_BODY, 0);
  }

  private static final byte[] NO_BODY = new byte[0];

  static Answer badRequest(String message) {
    return error(HttpResponseStatus.BAD_REQUEST, "Bad request: " + message);
  }

  static Answer headersTooLarge(String message) {
    return error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, message);
  }

  static Answer bodyTooLarge(int max) {
    return error(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "Request body larger than max_body_size (" + max + " bytes)");
  }

  static Answer headerTimeout(long ms) {
    return error(
        HttpResponseStatus.REQUEST_TIMEOUT,
        "Request headers not received within header_timeout_ms (" + ms + " ms)");
  }

  static Answer replyTimeout(long ms) {
    return error(
        HttpResponseStatus.GATEWAY_TIMEOUT, "No reply within reply_timeout_ms (" + ms + " ms)");
  }

  static Answer noEvent() {
    return error(HttpResponseStatus.BAD_REQUEST, "The request body made no event");
  }

  static Answer expectationFailed(String expect) {
    return error(HttpResponseStatus.EXPECTATION_FAILED, "Unsupported expectation: " + expect);
  }

  static Answer shuttingDown() {
    return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "The onramp is shutting down");
  }
}
