package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.quiver.spi.CodecException;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.Json;
import io.quiver.value.Utf8;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted websocket client of an onramp: its stream id, its read gate and its reply
 * serializer. Everything except construction runs on the channel's event loop.
 */
final class ClientConnection {
  static final AttributeKey<ClientConnection> KEY = AttributeKey.valueOf("quiver.ws.client");
  private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

  private final Channel channel;
  private final long stream;
  private final ReadGate gate;
  private final Serializer serializer;
  private final String sourceId;
  private final Value textMeta;
  private final Value binaryMeta;
  private final WsMetrics metrics;
  /** Where this client's reply frames collect until the end of the loop turn. */
  private final OutboundFrames frames;
  /** The client's idle timer (bypassed by {@link #frames}), or null. */
  private final IdleTimeoutHandler idle;
  /** Replies from any thread, written on this client's loop in order. */
  private final OrderedLoopInlet<Event> replies;

  /** @param wsMeta the {@code ws} meta record of this client's events, or {@code null} */
  ClientConnection(
      Channel channel,
      long stream,
      ReadGate gate,
      Serializer serializer,
      String sourceId,
      Value wsMeta,
      WsMetrics metrics) {
    this.channel = channel;
    this.frames = OutboundFrames.of(channel);
    this.idle = channel.pipeline().get(IdleTimeoutHandler.class);
    this.replies = new OrderedLoopInlet<>(channel.eventLoop(), this::writeReply);
    this.metrics = metrics;
    this.stream = stream;
    this.gate = gate;
    this.serializer = serializer;
    this.sourceId = sourceId;
    this.textMeta = wsMeta == null ? Value.obj("binary", Value.FALSE) : Value.obj("binary", Value.FALSE, "ws", wsMeta);
    this.binaryMeta = wsMeta == null ? Value.obj("binary", Value.TRUE) : Value.obj("binary", Value.TRUE, "ws", wsMeta);
  }

  /** The meta record of an event from a text or binary message of this client. */
  Value meta(boolean binary) {
    return binary ? binaryMeta : textMeta;
  }

  long stream() {
    return stream;
  }

  ReadGate gate() {
    return gate;
  }

  Channel channel() {
    return channel;
  }

  /**
   * Writes a reply from any thread: inline when called on this client's loop with no earlier reply
   * still queued (no task, no wake-up), else as a task behind the earlier ones, so replies keep
   * their order.
   */
  void deliver(Event reply) {
    replies.offer(reply);
  }

  /** Encodes a reply and writes one frame per chunk. Runs on the event loop. */
  void writeReply(Event reply) {
    if (!channel.isActive()) {
      LOG.debug("dropping reply {} for closed stream {}", reply.id(), stream);
      return;
    }
    boolean binary = reply.metaField("binary") instanceof Value.Bool b && b.value();
    List<byte[]> chunks;
    try {
      chunks = serializer.serialize(reply.data(), reply.ingestNs());
    } catch (CodecException e) {
      write(errorJson("Error encoding message: " + e.getMessage(), reply), binary);
      return;
    } catch (ProcessorException e) {
      write(errorJson("Error post-processing messages: Postprocessor error " + e.getMessage(), reply), true);
      return;
    } catch (RuntimeException | Error e) {
      ErrorLogGate.error(LOG, "writeReply", "internal error encoding reply " + reply.id() + " for stream " + stream + ": " + e, e);
      write(errorJson("Error encoding message: internal error: " + e, reply), binary);
      return;
    }
    for (byte[] chunk : chunks) {
      write(chunk, binary);
    }
    closeIfAsked(reply); // its close frame goes out after the frames collected so far
  }

  /**
   * A reply whose meta has {@code $ws.close} (a record with {@code code} and optional
   * {@code reason}, e.g. from an offramp with close_client_on_upstream_loss) ends the connection
   * with that close code once the reply is written.
   */
  private void closeIfAsked(Event reply) {
    if (reply.metaField("ws") instanceof Value.Obj ws && ws.fields().get("close") instanceof Value.Obj close) {
      int code = close.fields().get("code") instanceof Value.Int i ? (int) i.value() : 1000;
      String reason = close.fields().get("reason") instanceof Value.Str r ? r.value() : "";
      LOG.debug("closing stream {} with {} as its reply {} asks", stream, code, reply.id());
      Closer.close(channel, metrics, code, reason);
    }
  }

  /**
   * One frame per chunk, encoded by {@link DataFrames} (one buffer, no frame object). Valid UTF-8
   * text goes out as the serializer's bytes; invalid bytes in a text frame are replaced (U+FFFD), as
   * a lossy decode would. A failed write surfaces as the channel's exception.
   */
  private void write(byte[] data, boolean binary) {
    int opcode = binary ? DataFrames.BINARY : DataFrames.TEXT;
    byte[] payload =
        binary || Utf8.isValid(data)
            ? data
            : new String(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    if (idle != null) {
      idle.touch();
    }
    frames.append(opcode, payload, false);
  }

  private byte[] errorJson(String message, Event reply) {
    LOG.debug("reply {} for stream {} failed: {}", reply.id(), stream, message);
    return Json.writeBytes(
        Value.obj(
            "error", Value.of(message),
            "event_id", Value.of(reply.id().toString()),
            "source_id", Value.of(sourceId)));
  }
}
