package io.quiver.connectors.ws;

import io.quiver.spi.Ports;
import io.quiver.spi.SinkContext;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and emits what the offramp answers to a request: reply events on {@code out} and error
 * events on {@code err}. An offramp that is not linked has nowhere to send them, so errors are
 * logged instead (the first at warn, the rest at debug).
 */
final class OfframpAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(OfframpAnswers.class);

  private final SinkContext context;
  private final boolean linked;
  private final AtomicBoolean warned = new AtomicBoolean();
  private final DroppedReplies dropped;

  private static final Value TEXT_REPLY_META = Value.obj("binary", Value.FALSE);
  private static final Value BINARY_REPLY_META = Value.obj("binary", Value.TRUE);

  OfframpAnswers(SinkContext context, DroppedReplies dropped) {
    this.context = context;
    this.linked = context.artefact().linked();
    this.dropped = dropped;
  }

  /** An upstream message of {@code url} that answers no waiting request: dropped and counted. */
  void dropReply(WsUrl url, String why) {
    dropped.drop(url, why);
  }

  boolean linked() {
    return linked;
  }

  /** The request went out (Tremor's ws offramp acks on send): acks it if it is transactional. */
  void sent(Event request) {
    context.ack(request);
  }

  /** The sender of {@code request} is to be held back: the session is full. */
  boolean holdOrigin(Event request) {
    return context.holdOrigin(request);
  }

  /** Releases one {@link #holdOrigin}. */
  void releaseOrigin(Event request) {
    context.releaseOrigin(request);
  }

  /**
   * The offramp's upstream (the configured url, shared session) is down: sources feeding it pause.
   */
  void upstreamDown() {
    context.circuitBroken();
  }

  /** The offramp's upstream is connected again: sources resume. */
  void upstreamUp() {
    context.circuitRestored();
  }

  /** A reply decoded from an upstream message, answering the waiting {@code request}. */
  void reply(ReplyQueue.Pending request, Value data, boolean binary) {
    context.emit(
        Ports.OUT,
        new Event(
            request.id(),
            request.ingestNs(),
            data,
            replyMeta(request.metaField("correlation"), binary),
            request.stream(),
            replyTransit(request.transit())));
  }

  private static Value replyMeta(Value correlation, boolean binary) {
    if (correlation == null) {
      return binary ? BINARY_REPLY_META : TEXT_REPLY_META; // immutable, so shared by all replies
    }
    LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
    fields.put("binary", Value.of(binary));
    fields.put("correlation", correlation);
    return Value.obj(fields);
  }

  /** An error event for {@code request}. */
  void error(Event request, OfframpFailure failure) {
    error(request, failure, null);
  }

  /**
   * An error event for {@code request}, and a fail for it when the kind of {@code failure} says so;
   * with {@code clientClose} (a record {@code {code, reason}}) its meta asks the onramp to close
   * the client after delivering it, as {@code $ws.close}.
   */
  void error(Event request, OfframpFailure failure, Value clientClose) {
    switch (failure) {
      // as Tremor: a request that went out was acked on send; its missing reply fails nothing
      case OfframpFailure.NoReply noReply -> {}
      case OfframpFailure.NotSent notSent -> context.fail(request);
      case OfframpFailure.BadReply badReply -> context.fail(request);
    }
    String message = failure.message();
    if (!linked) {
      if (warned.compareAndSet(false, true)) {
        LOG.warn(
            "{}: {} (event {}); the offramp is not linked, so further errors are only logged at debug level",
            context.artefact().url(),
            message,
            request.id());
      } else {
        LOG.debug("{}: {} (event {})", context.artefact().url(), message, request.id());
      }
      return;
    }
    LOG.debug("{}: error for event {}: {}", context.artefact().url(), request.id(), message);
    Value data =
        Value.obj("error", Value.of(message), "event_id", Value.of(request.id().toString()));
    LinkedHashMap<String, Value> meta = new LinkedHashMap<>();
    meta.put("error", Value.of(message));
    Value correlation = request.metaField("correlation");
    if (correlation != null) {
      meta.put("correlation", correlation);
    }
    if (clientClose != null) {
      meta.put("ws", Value.obj("close", clientClose));
    }
    context.emit(
        Ports.ERR,
        new Event(
            request.id(),
            request.ingestNs(),
            data,
            Value.obj(meta),
            request.stream(),
            replyTransit(request.transit())));
  }

  /**
   * A reply carries the ids its request stood for (not its delivery state): after a {@code
   * qos::wal} those name the onramp request it answers.
   */
  private static io.quiver.value.Transit replyTransit(io.quiver.value.Transit request) {
    return request.tracked().isEmpty()
        ? io.quiver.value.Transit.NONE
        : io.quiver.value.Transit.NONE.withTrackedIds(request.tracked());
  }
}
