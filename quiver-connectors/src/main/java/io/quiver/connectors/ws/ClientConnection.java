package io.quiver.connectors.ws;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.quiver.connectors.net.OrderedLoopInlet;
import io.quiver.spi.CodecException;
import io.quiver.spi.PassThrough;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Transit;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

  /** RFC 6455 §7.4.1: the endpoint is going away (a server going down). */
  static final int GOING_AWAY = 1001;

  static final String GOING_AWAY_REASON = "server shutting down";

  private final Channel channel;
  private final long stream;
  private final ReadGate gate;
  private final Serializer serializer;
  private final String sourceId;
  private final ClientMetas.ClientMeta meta;
  private final WsMetrics metrics;

  /** Where this client's reply frames collect until the end of the loop turn. */
  private final OutboundFrames frames;

  /** What the client's reply backlog is held to, or null when its replies are not counted. */
  private final ReplyBacklog.Limits limits;

  /**
   * The bytes of replies held for the client and their limits: made at the first reply (an idle
   * client has none), null until then and when not counted. Written on the loop, read by {@link
   * #heldReplyBytes} from any thread.
   */
  private volatile ReplyBacklog backlog;

  /** The client's idle timer (bypassed by {@link #frames}), or null. */
  private final IdleTimeoutHandler idle;

  /** Replies from any thread, written on this client's loop in order. */
  private final OrderedLoopInlet<Event> replies;

  /** Whether this client's messages still become events (false once the onramp stops accepting). */
  private boolean taking = true;

  /**
   * @param meta the meta records of this client's events (shared with clients of equal handshakes)
   * @param limits what the client's reply backlog is held to, or null to count nothing
   */
  ClientConnection(
      Channel channel,
      long stream,
      ReadGate gate,
      Serializer serializer,
      String sourceId,
      ClientMetas.ClientMeta meta,
      ReplyBacklog.Limits limits,
      WsMetrics metrics) {
    this.channel = channel;
    this.frames = OutboundFrames.of(channel);
    this.limits = limits;
    this.idle = channel.pipeline().get(IdleTimeoutHandler.class);
    this.replies = new OrderedLoopInlet<>(channel.eventLoop(), this::writeReply);
    this.metrics = metrics;
    this.stream = stream;
    this.gate = gate;
    this.serializer = serializer;
    this.sourceId = sourceId;
    this.meta = meta;
  }

  /** The meta record of an event from a text or binary message of this client. */
  Value meta(boolean binary) {
    return meta.of(binary);
  }

  long stream() {
    return stream;
  }

  /** Whether the client's messages are still taken. On the event loop. */
  boolean taking() {
    return taking;
  }

  /**
   * Shutdown: the client's further messages (and those read but still held back) are dropped, not
   * taken; it is still read, for its pongs and close frame. Replies to what it sent before still go
   * out. On the event loop.
   */
  void stopTaking() {
    taking = false;
    gate.readAndDiscard();
  }

  /**
   * Shutdown, last step: ends the connection with 1001 (going away) after the replies queued so
   * far; the client has up to a second to answer the close frame. On the event loop.
   */
  void goAway() {
    stopTaking();
    Closer.close(channel, metrics, GOING_AWAY, GOING_AWAY_REASON);
  }

  ReadGate gate() {
    return gate;
  }

  Channel channel() {
    return channel;
  }

  /** Bytes of replies held for this client right now (0 if not counted). Any thread. */
  long heldReplyBytes() {
    ReplyBacklog counted = backlog;
    return counted == null ? 0 : counted.held();
  }

  /**
   * The client's reply backlog, made at the first reply, from which on the channel's collected
   * frames count in it; null when replies are not counted. On the event loop.
   */
  private ReplyBacklog backlog() {
    ReplyBacklog counted = backlog;
    if (counted == null && limits != null) {
      counted = limits.open(channel);
      frames.countWith(counted);
      backlog = counted;
    }
    return counted;
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
    ReplyBacklog counted = backlog();
    if (counted != null) {
      counted.origin(reply.id().source(), stream);
    }
    boolean binary = reply.metaField("binary") instanceof Value.Bool b && b.value();
    List<byte[]> chunks;
    try {
      chunks = serializer.serialize(reply.data(), reply.ingestNs());
    } catch (CodecException e) {
      write(errorJson("Error encoding message: " + e.getMessage(), reply), binary);
      return;
    } catch (ProcessorException e) {
      write(
          errorJson("Error post-processing messages: Postprocessor error " + e.getMessage(), reply),
          true);
      return;
    } catch (RuntimeException | Error e) {
      ErrorLogGate.error(
          LOG,
          "writeReply",
          "internal error encoding reply " + reply.id() + " for stream " + stream + ": " + e,
          e);
      write(errorJson("Error encoding message: internal error: " + e, reply), binary);
      return;
    }
    for (byte[] chunk : chunks) {
      if (!write(chunk, reply.data(), binary)) {
        return; // the client was closed: its reply queue overflowed
      }
    }
    closeIfAsked(reply); // its close frame goes out after the frames collected so far
  }

  /**
   * A reply whose meta has {@code $ws.close} (a record with {@code code} and optional {@code
   * reason}, e.g. from an offramp with close_client_on_upstream_loss) ends the connection with that
   * close code once the reply is written.
   */
  private void closeIfAsked(Event reply) {
    if (reply.metaField("ws") instanceof Value.Obj ws
        && ws.fields().get("close") instanceof Value.Obj close) {
      int code = close.fields().get("code") instanceof Value.Int i ? (int) i.value() : 1000;
      String reason = close.fields().get("reason") instanceof Value.Str r ? r.value() : "";
      LOG.debug("closing stream {} with {} as its reply {} asks", stream, code, reply.id());
      Closer.close(channel, metrics, code, reason);
    }
  }

  /**
   * One frame per chunk, encoded by {@link DataFrames} (one buffer, no frame object). Valid UTF-8
   * text goes out as the serializer's bytes; invalid bytes in a text frame are replaced (U+FFFD),
   * as a lossy decode would. A failed write surfaces as the channel's exception.
   *
   * @return false when the frame was not written because the client's reply queue overflowed (the
   *     client is being closed, see {@link ReplyBacklog#admit})
   */
  private boolean write(byte[] data, boolean binary) {
    return write(data, null, binary);
  }

  /**
   * As {@link #write(byte[], boolean)}; {@code from} is the value {@code data} was encoded from.
   */
  private boolean write(byte[] data, Value from, boolean binary) {
    int opcode = binary ? DataFrames.BINARY : DataFrames.TEXT;
    byte[] payload =
        binary || OutgoingText.isUtf8(data, from)
            ? data
            : new String(data, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    ReplyBacklog counted = backlog;
    if (counted != null && !counted.admit(payload.length)) {
      return false;
    }
    if (idle != null) {
      idle.touch();
    }
    frames.append(opcode, payload, false);
    return true;
  }

  /** The upstream session of this client's fused pass-through, once it has one. On the loop. */
  UpstreamSession fusedSession;

  /** The onramp uid of the fused pass-through's requests (their replies' origin). */
  long fusedSource;

  /**
   * A message of this client took the usual way although its pass-through is fused: no later one is
   * fused (it could overtake it). On the loop.
   */
  boolean fuseDeclined;

  /**
   * A fused pass-through's reply: one frame of the first {@code length} bytes of {@code payload} (a
   * reused array, copied now), counted in the reply backlog as any reply. Dropped when the client
   * is gone. On the event loop.
   */
  void writeFused(int opcode, byte[] payload, int length) {
    if (!channel.isActive()) {
      LOG.debug("dropping a reply for closed stream {}", stream);
      return;
    }
    ReplyBacklog counted = backlog();
    if (counted != null) {
      counted.origin(fusedSource, stream);
      if (!counted.admit(length)) {
        return;
      }
    }
    if (idle != null) {
      idle.touch();
    }
    frames.append(opcode, payload, length, false);
  }

  /** Marks the client as active (a message taken past the idle handler). On the event loop. */
  void touchIdle() {
    if (idle != null) {
      idle.touch();
    }
  }

  /**
   * The event a fused pass-through's request becomes when it cannot go out at once: what the onramp
   * would have made of the same message ({@code string}: a string keeping the bytes; {@code
   * binary}: bytes; with a {@code lines} pair, the one line without its {@code \n}), with this
   * client's meta.
   */
  Event fusedEvent(
      PassThrough route, int opcode, byte[] payload, int length, long number, long ingestNs) {
    // with a lines pair the onramp's event is the line without its \n (the offramp ends it again)
    byte[] data = Arrays.copyOf(payload, route.lineFramed() ? length - 1 : length);
    Value value = "binary".equals(route.codec()) ? Value.of(data) : Value.Str.ofUtf8(data);
    return new Event(
        new EventId(route.onrampUid(), 0, number),
        ingestNs,
        value,
        meta(opcode == DataFrames.BINARY),
        stream,
        Transit.NONE);
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
