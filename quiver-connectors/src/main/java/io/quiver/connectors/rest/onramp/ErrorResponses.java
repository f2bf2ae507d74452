package io.quiver.connectors.rest.onramp;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
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
  static FullHttpResponse error(HttpResponseStatus status, String message) {
    return json(status, Value.obj("error", Value.of(message)));
  }

  /** {@code value} as a compact JSON body with {@code status}. */
  static FullHttpResponse json(HttpResponseStatus status, Value value) {
    byte[] body = Json.writeBytes(value);
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return r;
  }

  /** Tremor's answer to a request on an onramp that is not linked: 202, no body. */
  static FullHttpResponse accepted() {
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.ACCEPTED);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return r;
  }

  static FullHttpResponse badRequest(String message) {
    return error(HttpResponseStatus.BAD_REQUEST, "Bad request: " + message);
  }

  static FullHttpResponse headersTooLarge(String message) {
    return error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, message);
  }

  static FullHttpResponse bodyTooLarge(int max) {
    return error(
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        "Request body larger than max_body_size (" + max + " bytes)");
  }

  static FullHttpResponse headerTimeout(long ms) {
    return error(
        HttpResponseStatus.REQUEST_TIMEOUT,
        "Request headers not received within header_timeout_ms (" + ms + " ms)");
  }

  static FullHttpResponse replyTimeout(long ms) {
    return error(
        HttpResponseStatus.GATEWAY_TIMEOUT, "No reply within reply_timeout_ms (" + ms + " ms)");
  }

  static FullHttpResponse noEvent() {
    return error(HttpResponseStatus.BAD_REQUEST, "The request body made no event");
  }

  static FullHttpResponse expectationFailed(String expect) {
    return error(HttpResponseStatus.EXPECTATION_FAILED, "Unsupported expectation: " + expect);
  }

  static FullHttpResponse shuttingDown() {
    return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "The onramp is shutting down");
  }
}
