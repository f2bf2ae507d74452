package io.quiver.connectors.rest.offramp;

import io.quiver.spi.Decoded;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Insight;
import io.quiver.spi.LogThrottle;
import io.quiver.spi.Ports;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the offramp answers for each event, as Tremor's rest offramp: a transactional event is acked
 * on a response below 400 and failed otherwise or on an error. Linked, a response becomes events on
 * {@code out} (its body decoded by its content type, one event per decoded value, each with meta
 * {@code {correlation?, response: {status, headers, request}}}), and an error an event on {@code
 * err}: {@code {"error": <text>, "event_id": <id>}} with meta {@code {response: {status, headers:
 * {Content-Type: application/json, Server: Tremor}}, error, correlation?}} so that a linked rest
 * onramp answers its client with that status. Not linked, failures are logged (rate limited). Every
 * answer keeps the request's id and stream. Thread-safe (decoding uses the caller's {@link
 * BodyCodecs}).
 */
final class RestAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(RestAnswers.class);

  /** The request could not be built (encoding, method, endpoint): Tremor's 400. */
  static final int BAD_REQUEST = 400;

  /** The sender could not be held and too many requests wait: Tremor's 429. */
  static final int OVERLOAD = 429;

  /** The response could not be decoded: Tremor's 500. */
  static final int BAD_RESPONSE = 500;

  /** The request failed on the way (connect, send, receive): Tremor's 503. */
  static final int SEND_FAILED = 503;

  /** No whole response within {@code request_timeout_ms} (Quiver's; Tremor waits forever). */
  static final int TIMED_OUT = 504;

  private static final Value ERROR_HEADERS =
      Value.obj("Content-Type", Value.of("application/json"), "Server", Value.of("Tremor"));

  /** The keys of a response's {@code $response}, and of its meta without and with correlation. */
  private static final String[] RESPONSE_KEYS = {"status", "headers", "request"};

  private static final String[] META_KEYS = {"response"};
  private static final String[] CORRELATED_META_KEYS = {"correlation", "response"};

  /** The values of the statuses 100..599 (a response's status is one of them): made once. */
  private static final Value.Int[] STATUSES = new Value.Int[500];

  static {
    for (int i = 0; i < STATUSES.length; i++) {
      STATUSES[i] = Value.of(100 + i);
    }
  }

  private final SinkContext context;
  private final boolean linked;
  private final LogThrottle throttle = new LogThrottle(LogThrottle.TEN_SECONDS);

  RestAnswers(SinkContext context) {
    this.context = context;
    this.linked = context.artefact().linked();
  }

  /**
   * The upstream answered {@code event} (sent as {@code request}) with {@code response} after
   * {@code timeMs} (the ack's {@code time}, as Tremor's); the body is decoded with {@code codecs}
   * (the calling thread's own).
   */
  void response(
      Event event,
      OutgoingRequest request,
      UpstreamResponse response,
      double timeMs,
      BodyCodecs codecs) {
    boolean failed = response.status() >= 400;
    if (!linked) {
      if (failed) {
        warn("HTTP request to " + request.target().display() + " failed: " + response.status());
        context.fail(event);
      } else {
        ack(event, timeMs);
      }
      return;
    }
    List<Value> values = new ArrayList<>(1);
    String decodeError = decode(response, values, codecs);
    if (decodeError != null) {
      error(event, BAD_RESPONSE, decodeError);
      return;
    }
    Value correlation = event.metaField("correlation");
    Value responseMeta =
        Value.record(
            RESPONSE_KEYS,
            new Value[] {status(response.status()), response.headers(), request.meta()});
    Value metaValue =
        correlation == null
            ? Value.record(META_KEYS, new Value[] {responseMeta})
            : Value.record(CORRELATED_META_KEYS, new Value[] {correlation, responseMeta});
    for (Value v : values) {
      context.emit(
          Ports.OUT,
          new Event(
              event.id(), event.ingestNs(), v, metaValue, event.stream(), replyTransit(event)));
    }
    if (failed) {
      context.fail(event);
    } else {
      ack(event, timeMs);
    }
  }

  /** {@code status} as a value: a shared one for 100..599. */
  static Value.Int status(int status) {
    return status >= 100 && status < 600 ? STATUSES[status - 100] : Value.of(status);
  }

  private void ack(Event event, double timeMs) {
    if (event.transactional()) {
      context.insight(Insight.ack(event, timeMs));
    }
  }

  /**
   * Decodes the body into {@code out}; returns the error text when it fails. An empty body, or one
   * that decodes to nothing, is one {@code {}} (Tremor decodes an empty body and fails on it).
   */
  private static String decode(UpstreamResponse response, List<Value> out, BodyCodecs codecs) {
    if (response.body().length > 0) {
      Deserializer d = codecs.deserializer(response.contentType());
      List<Decoded> decoded = new ArrayList<>(1);
      try {
        d.deserialize(response.body(), io.quiver.spi.EpochClock.nowNs(), true, decoded);
      } catch (RuntimeException | StackOverflowError e) {
        return "cannot decode the response: " + e;
      }
      for (Decoded x : decoded) {
        switch (x) {
          case Decoded.Ok ok -> out.add(ok.value());
          case Decoded.Failed f -> {
            return f.message();
          }
        }
      }
    }
    if (out.isEmpty()) {
      out.add(Value.EMPTY_OBJECT);
    }
    return null;
  }

  /** {@code event} gets no response: an error event (linked) and a fail. */
  void error(Event event, int status, String message) {
    context.fail(event);
    if (!linked) {
      warn(message + " (event " + event.id() + ")");
      return;
    }
    LOG.debug("{}: error for event {}: {}", context.artefact().url(), event.id(), message);
    Value data = Value.obj("error", Value.of(message), "event_id", Value.of(event.id().toString()));
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    meta.put("response", Value.obj("status", Value.of(status), "headers", ERROR_HEADERS));
    meta.put("error", Value.of(message));
    Value correlation = event.metaField("correlation");
    if (correlation != null) {
      meta.put("correlation", correlation);
    }
    context.emit(
        Ports.ERR,
        new Event(
            event.id(),
            event.ingestNs(),
            data,
            Value.obj(meta),
            event.stream(),
            replyTransit(event)));
  }

  private void warn(String message) {
    long held = throttle.admit(message.length() > 64 ? message.substring(0, 64) : message);
    if (held >= 0) {
      LOG.warn("[Sink::{}] {}{}", context.artefact().url(), message, throttle.heldBackNote(held));
    }
  }

  /**
   * A reply carries the ids its request stood for (not its delivery state): after a {@code
   * qos::wal} those name the onramp request it answers.
   */
  private static io.quiver.value.Transit replyTransit(Event request) {
    return request.transit().tracked().isEmpty()
        ? io.quiver.value.Transit.NONE
        : io.quiver.value.Transit.NONE.withTrackedIds(request.transit().tracked());
  }
}
