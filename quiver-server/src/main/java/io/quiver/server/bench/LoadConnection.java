package io.quiver.server.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of the load generator, on its event loop. Replies are matched to sends in
 * order (an echo answers each connection's messages in order); the latency of a reply is measured
 * from the send time of its message, or from its scheduled send time in open loop (so a stalled
 * server is not hidden by the client sending less: coordinated omission).
 */
final class LoadConnection extends FlushAfterReads implements LoadClient {
  private static final long NONE = Long.MIN_VALUE;

  private final WsLoad load;
  private final ByteBuf payload;
  private final boolean binary;
  private final int inFlight;
  private final long intervalNs;
  private final long phaseNs;
  private final LongFifo sendTimes;
  private ChannelHandlerContext ctx;
  private long nextDue;
  private ScheduledFuture<?> tick;

  LoadConnection(
      WsLoad load, ByteBuf payload, boolean binary, int inFlight, long intervalNs, long phaseNs) {
    this.load = load;
    this.payload = payload;
    this.binary = binary;
    this.inFlight = inFlight;
    this.intervalNs = intervalNs;
    this.phaseNs = phaseNs;
    this.sendTimes = new LongFifo(intervalNs > 0 ? 64 : inFlight);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
      this.ctx = ctx;
      load.connected(this);
    } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      load.failed("handshake timeout");
    }
    super.userEventTriggered(ctx, evt);
  }

  /** Starts sending (called on this connection's event loop once every connection is ready). */
  @Override
  public void begin(long startNs) {
    if (intervalNs > 0) {
      nextDue = startNs + phaseNs;
      scheduleTick();
    } else {
      for (int i = 0; i < inFlight; i++) {
        send(System.nanoTime());
      }
      ctx.flush();
    }
  }

  private void scheduleTick() {
    long delay = Math.max(0, nextDue - System.nanoTime());
    tick = ctx.executor().schedule(this::onTick, delay, TimeUnit.NANOSECONDS);
  }

  private void onTick() {
    if (!load.running() || !ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    boolean sent = false;
    while (nextDue - now <= 0) {
      if (!ctx.channel().isWritable()) {
        break; // sends fall behind their schedule; latency still counts from the schedule
      }
      send(nextDue);
      nextDue += intervalNs;
      sent = true;
    }
    if (sent) {
      ctx.flush();
    }
    scheduleTick();
  }

  private void send(long scheduledNs) {
    sendTimes.add(scheduledNs);
    load.sent();
    ByteBuf data = payload.retainedDuplicate();
    WebSocketFrame frame = binary ? new BinaryWebSocketFrame(data) : new TextWebSocketFrame(data);
    ctx.write(frame, ctx.voidPromise());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      switch (msg) {
        case TextWebSocketFrame f -> reply(f);
        case BinaryWebSocketFrame f -> reply(f);
        case ContinuationWebSocketFrame f -> {
          if (f.isFinalFragment()) {
            reply(f);
          }
        }
        case CloseWebSocketFrame f ->
            load.failed("server closed the connection: " + f.statusCode());
        default -> {}
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void reply(WebSocketFrame frame) {
    if (!frame.isFinalFragment()) {
      return;
    }
    long sentAt = sendTimes.poll(NONE);
    long now = System.nanoTime();
    if (sentAt == NONE) {
      load.failed("a reply nobody asked for");
      return;
    }
    if (isErrorRecord(frame)) {
      // a proxy's JSON error ({"error": ...}) in place of the echo: answered, but not an echo
      load.failed(
          "an error instead of the echo: " + frame.content().toString(StandardCharsets.UTF_8));
    } else {
      load.received(now - sentAt);
    }
    if (intervalNs == 0 && load.running()) {
      send(now);
      flushAfterReads();
    }
  }

  /** Our payloads start with 'x' (text) or byte 7 (binary); a JSON error record starts with '{'. */
  private static boolean isErrorRecord(WebSocketFrame frame) {
    ByteBuf content = frame.content();
    return content.isReadable() && content.getByte(content.readerIndex()) == '{';
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (tick != null) {
      tick.cancel(false);
    }
    load.closed(this);
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    load.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
    ctx.close();
  }

  @Override
  public ChannelHandlerContext context() {
    return ctx;
  }
}
