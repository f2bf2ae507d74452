package io.quiver.server.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client of {@code quiver bench ws --verify}, on its event loop: every request is a JSON record
 * unique to the connection and its sequence number, {@code {"c":ID,"s":SEQ,"p":"xx..."}}, and every
 * answer is checked: the exact echo of an outstanding request, or an error record ({@code
 * {"error":...}}, taken as the answer to the oldest outstanding request). Anything else is counted
 * as unexpected. Requests still unanswered when the connection closes, or when the run's drain
 * ends, are lost. With {@code reconnectAfter > 0} the connection closes itself (close code 1000)
 * once it sent that many requests and all were answered, and {@link WsLoad} opens another.
 */
final class VerifiedConnection extends FlushAfterReads implements LoadClient {
  private final WsLoad load;
  private final int id;
  private final int size;
  private final int inFlight;
  private final long reconnectAfter;
  private final boolean initial;

  /** Outstanding requests by sequence number, oldest first, with their send time. */
  private final Map<Long, Long> outstanding = new LinkedHashMap<>();

  private ChannelHandlerContext ctx;
  private long nextSeq;
  private boolean retiring;

  /**
   * Send time of the oldest unanswered request, 0 when none (read by {@link WsLoad} at the end).
   */
  private volatile long oldestNs;

  VerifiedConnection(
      WsLoad load, int id, int size, int inFlight, long reconnectAfter, boolean initial) {
    this.load = load;
    this.id = id;
    this.size = size;
    this.inFlight = inFlight;
    this.reconnectAfter = reconnectAfter;
    this.initial = initial;
  }

  /**
   * The request {@code seq} of connection {@code id}: a JSON record of about {@code size} bytes.
   */
  static String request(int id, long seq, int size) {
    String head = "{\"c\":" + id + ",\"s\":" + seq + ",\"p\":\"";
    int pad = Math.max(0, size - head.length() - 2);
    return head + "x".repeat(pad) + "\"}";
  }

  /** The sequence number of a reply that looks like {@code request(id, seq, ...)}, or -1. */
  static long sequenceOf(String reply, int id) {
    String head = "{\"c\":" + id + ",\"s\":";
    if (!reply.startsWith(head)) {
      return -1;
    }
    long seq = 0;
    int i = head.length();
    int digits = 0;
    while (i < reply.length() && Character.isDigit(reply.charAt(i)) && digits < 18) {
      seq = seq * 10 + (reply.charAt(i++) - '0');
      digits++;
    }
    return digits == 0 ? -1 : seq;
  }

  @Override
  public boolean initial() {
    return initial;
  }

  @Override
  public ChannelHandlerContext context() {
    return ctx;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      this.ctx = ctx;
      load.connected(this);
    } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      load.connectFailed(this, "handshake timeout");
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void begin(long startNs) {
    for (int i = 0; i < inFlight; i++) {
      send();
    }
    ctx.flush();
  }

  private void send() {
    long seq = nextSeq++;
    long now = System.nanoTime();
    outstanding.put(seq, now);
    if (outstanding.size() == 1) {
      oldestNs = now;
    }
    load.sent();
    byte[] bytes = request(id, seq, size).getBytes(StandardCharsets.UTF_8);
    ctx.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)), ctx.voidPromise());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      switch (msg) {
        case TextWebSocketFrame f -> answer(f.text());
        case CloseWebSocketFrame f -> {
          if (!retiring) {
            load.failed(
                "server closed connection " + id + ": " + f.statusCode() + " " + f.reasonText());
          }
        }
        case WebSocketFrame f -> load.unexpected("a non-text frame on connection " + id + ": " + f);
        default -> {}
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void answer(String text) {
    long now = System.nanoTime();
    if (text.startsWith("{\"error\"")) {
      Iterator<Map.Entry<Long, Long>> oldest = outstanding.entrySet().iterator();
      if (!oldest.hasNext()) {
        load.unexpected(
            "an error record with no request outstanding on connection " + id + ": " + text);
        return;
      }
      oldest.next();
      oldest.remove();
      load.errorAnswer(text);
    } else {
      long seq = sequenceOf(text, id);
      Long sentAt = seq < 0 ? null : outstanding.remove(seq);
      if (sentAt == null) {
        load.unexpected(
            "not the echo of an outstanding request on connection " + id + ": " + abbreviate(text));
        return;
      }
      if (!text.equals(request(id, seq, size))) {
        // answered, but wrong: counted as unexpected, not as lost
        load.wrongAnswer(
            "a changed echo of request " + seq + " on connection " + id + ": " + abbreviate(text));
      } else {
        load.echoed(now - sentAt);
      }
    }
    oldestNs = outstanding.isEmpty() ? 0 : outstanding.values().iterator().next();
    next();
  }

  /** Send time of the oldest unanswered request, or 0. */
  long oldestUnansweredNs() {
    return oldestNs;
  }

  /** Closed loop: one answer, one new request, until the run ends or it is time to reconnect. */
  private void next() {
    if (!load.running() || retiring) {
      return;
    }
    if (reconnectAfter > 0 && nextSeq >= reconnectAfter) {
      if (outstanding.isEmpty()) {
        retiring = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(1000, ""))
            .addListener(ChannelFutureListener.CLOSE);
      }
      return;
    }
    send();
    flushAfterReads();
  }

  private static String abbreviate(String text) {
    return text.length() <= 120
        ? text
        : text.substring(0, 120) + "... (" + text.length() + " chars)";
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    int unanswered = outstanding.size();
    outstanding.clear();
    oldestNs = 0;
    load.closed(this, retiring, unanswered);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String what = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    if (this.ctx == null) {
      load.connectFailed(this, what);
    } else {
      load.failed("connection " + id + ": " + what);
    }
    ctx.close();
  }
}
