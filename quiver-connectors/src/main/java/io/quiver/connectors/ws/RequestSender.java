package io.quiver.connectors.ws;

import io.netty.util.concurrent.Future;
import io.quiver.spi.CodecException;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.Value;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request on an open upstream connection: encodes it (codec and postprocessors), checks
 * it (text frames must be UTF-8, a correlation id must be present and free), writes its frames and
 * enters it in the {@link ReplyQueue}. A request that cannot go is answered with an error here.
 *
 * <p>Confined to the session's event loop.
 */
final class RequestSender {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamSession.class);

  private final WsUrl url;
  private final WsOfframpSettings settings;
  private final Serializer serializer;
  private final OfframpAnswers answers;
  private final ReplyQueue replies;
  private final Runnable onRoom;

  /**
   * @param onRoom what the session does when an unlinked request's write finished (room for more)
   */
  RequestSender(
      WsUrl url,
      WsOfframpSettings settings,
      Serializer serializer,
      OfframpAnswers answers,
      ReplyQueue replies,
      Runnable onRoom) {
    this.url = url;
    this.settings = settings;
    this.serializer = serializer;
    this.answers = answers;
    this.replies = replies;
    this.onRoom = onRoom;
  }

  /** Sends {@code event} through {@code frames} (the open connection's), or answers it. */
  void send(Event event, OutboundFrames frames) {
    boolean binary =
        event.metaField("binary") instanceof Value.Bool b ? b.value() : settings.binary();
    List<byte[]> chunks;
    try {
      chunks = serializer.serialize(event.data(), event.ingestNs());
    } catch (CodecException | ProcessorException e) {
      notSent(event, "Error during serialization (codec/postprocessors): " + e.getMessage());
      return;
    } catch (RuntimeException | Error e) {
      ErrorLogGate.error(
          LOG, "serialize", url + ": internal error serializing event " + event.id() + ": " + e, e);
      notSent(event, "Error during serialization (codec/postprocessors): internal error: " + e);
      return;
    }
    if (!binary) {
      for (byte[] chunk : chunks) {
        if (!OutgoingText.isUtf8(chunk, event.data())) {
          notSent(event, "Invalid websocket message: Invalid utf8 data for text message");
          return;
        }
      }
    }
    if (chunks.isEmpty()) {
      LOG.debug("{}: event {} encoded to nothing; nothing sent", url, event.id());
      return;
    }
    Value correlationId = null;
    if (replies.correlation() != null) {
      correlationId = replies.correlation().idOf(event.data());
      String problem = replies.correlationProblem(correlationId);
      if (problem != null) {
        answers.error(event, OfframpFailure.sending(url, problem));
        return;
      }
    }
    ReplyQueue.Pending pending = replies.sent(event, correlationId);
    int opcode = binary ? DataFrames.BINARY : DataFrames.TEXT;
    if (pending != null && !event.transactional()) {
      // linked and nobody waits for an ack: the reply (or the error when the channel dies, see
      // UpstreamSession.lost) is the answer, so nothing to be told about the write
      for (byte[] chunk : chunks) {
        frames.append(opcode, chunk, true);
      }
      return;
    }
    for (int i = 0; i < chunks.size(); i++) {
      boolean last = i == chunks.size() - 1;
      frames.append(
          opcode, chunks.get(i), true, last ? done -> written(event, pending, done) : null);
    }
  }

  private void written(Event event, ReplyQueue.Pending pending, Future<?> done) {
    if (done.isSuccess()) {
      answers.sent(event);
    }
    if (pending == null) {
      replies.writeDone();
      if (!done.isSuccess()) {
        answers.error(event, writeFailure(done));
      }
      onRoom.run();
      return;
    }
    if (!done.isSuccess() && replies.remove(pending)) {
      answers.error(event, writeFailure(done));
    }
  }

  private OfframpFailure writeFailure(Future<?> done) {
    return OfframpFailure.sending(
        url, Failures.describe(done.cause(), settings.connectTimeoutMs()));
  }

  private void notSent(Event event, String message) {
    answers.error(event, new OfframpFailure.NotSent(message));
  }
}
