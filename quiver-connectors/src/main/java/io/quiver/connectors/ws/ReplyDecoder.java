package io.quiver.connectors.ws;

import io.quiver.spi.Decoded;
import io.quiver.spi.DecodedSink;
import io.quiver.spi.Deserializer;
import io.quiver.spi.EpochClock;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one upstream message into the answer of the request it replies to: decoded (preprocessors
 * and codec) and matched first in first out, or by {@code correlation_field}; a message that
 * answers nobody is dropped and counted.
 *
 * <p>Confined to the session's event loop.
 */
final class ReplyDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamSession.class);

  private final WsUrl url;
  private final boolean shared;
  private final Deserializer deserializer;
  private final OfframpAnswers answers;
  private final ReplyQueue replies;

  /** The sink of the FIFO path, reused: the decoder is confined to one loop. */
  private final Answer idle = new Answer();

  ReplyDecoder(
      WsUrl url,
      boolean shared,
      Deserializer deserializer,
      OfframpAnswers answers,
      ReplyQueue replies) {
    this.url = url;
    this.shared = shared;
    this.deserializer = deserializer;
    this.answers = answers;
    this.replies = replies;
  }

  /**
   * One whole upstream message.
   *
   * @return whether it may have answered a request (the session then has room for more)
   */
  boolean decode(byte[] data, boolean binary) {
    if (!answers.linked()) {
      LOG.debug(
          "{}: ignoring an upstream message of {} bytes (offramp not linked)", url, data.length);
      return false;
    }
    if (replies.correlation() != null) {
      replyById(data, binary, replies.correlation());
      return true;
    }
    ReplyQueue.Pending pending = replies.poll();
    ReplyQueue.Pending lastRequest = replies.lastRequest();
    ReplyQueue.Pending request;
    if (pending != null) {
      request = pending;
    } else if (lastRequest != null && !shared) {
      request = lastRequest; // per_client: the one client this connection serves (a push, say)
    } else {
      // shared: the last requester may be any client; nobody else may get this
      answers.dropReply(
          url, lastRequest == null ? "it came before any request" : "no request was waiting");
      return false;
    }
    Answer answer = idle;
    if (answer.request != null) {
      answer = new Answer(); // decoding inside another reply's decoding (not seen, but safe)
    }
    answer.request = request;
    answer.binary = binary;
    answer.failedOnce = false;
    try {
      // a text message was checked to be UTF-8 on arrival (TextPayloads): no second scan
      deserializer.deserialize(data, request.ingestNs(), true, !binary, answer);
    } finally {
      answer.request = null;
    }
    if (pending != null) {
      replies.reuse(pending); // answered: the next request may reuse its record
    }
    return true;
  }

  /**
   * Answers one request with what its reply decodes to: each value as a reply, the first failure as
   * its error. Reused for every reply (no list or decoded object per message).
   */
  private final class Answer implements DecodedSink {
    ReplyQueue.Pending request;
    boolean binary;
    boolean failedOnce;

    @Override
    public void ok(Value value, long ingestNs) {
      answers.reply(request, value, binary);
    }

    @Override
    public void failed(String message) {
      if (!failedOnce) {
        failedOnce = true;
        answers.error(
            request.request(),
            new OfframpFailure.BadReply(
                "Error deserializing Response message (codec/preprocessors): " + message));
      }
    }
  }

  /**
   * correlation_field: each reply decoded from {@code data} goes to the waiting request with the
   * same id, whatever their order; a reply matching none is dropped and counted.
   */
  private void replyById(byte[] data, boolean binary, ReplyCorrelation correlation) {
    List<Decoded> decoded = new ArrayList<>(1);
    deserializer.deserialize(data, EpochClock.nowNs(), true, decoded);
    String field = correlation.path();
    for (Decoded d : decoded) {
      switch (d) {
        case Decoded.Ok ok -> {
          Value id = correlation.idOf(ok.value());
          ReplyQueue.Pending pending = id == null ? null : replies.take(id);
          if (pending != null) {
            answers.reply(pending, ok.value(), binary);
          } else if (id == null) {
            answers.dropReply(url, "it has no correlation field `" + field + "`");
          } else {
            answers.dropReply(
                url, "no request with " + field + " " + Json.write(id) + " was waiting");
          }
        }
        case Decoded.Failed failed ->
            answers.dropReply(
                url, "it could not be decoded to find its " + field + ": " + failed.message());
      }
    }
  }
}
