package io.quiver.connectors.cloud.discord;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.quiver.testkit.ws.LocalWsServer;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A protocol-level Discord gateway on 127.0.0.1 speaking the documented opcodes (JSON encoding):
 * Hello (10) with a short heartbeat interval on connect, Ready after Identify (2), Resumed after
 * Resume (6), Heartbeat ACK (11) for every Heartbeat (1), dispatches (0) with increasing sequence
 * numbers on demand. Records every payload the client sent.
 */
final class FakeGateway implements AutoCloseable {
  static final long HEARTBEAT_MS = 200;

  final List<Value.Obj> received = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final AtomicLong sequence = new AtomicLong();
  private final LocalWsServer server;

  FakeGateway() throws InterruptedException {
    server =
        LocalWsServer.start(
            ch ->
                ch.pipeline()
                    .addLast(
                        new WebSocketServerProtocolHandler(
                            WebSocketServerProtocolConfig.newBuilder()
                                .websocketPath("/")
                                .checkStartsWith(true)
                                .build()))
                    .addLast(new Peer()));
  }

  String url() {
    return server.url() + "/?v=10&encoding=json";
  }

  /** Sends a dispatch of type {@code t} with payload {@code d} (JSON) to every session. */
  void dispatch(String t, String d) {
    String frame =
        "{\"op\":0,\"t\":\"" + t + "\",\"s\":" + sequence.incrementAndGet() + ",\"d\":" + d + "}";
    channels.writeAndFlush(new TextWebSocketFrame(frame));
  }

  /** Drops every connection without a close frame (a network failure). */
  void dropConnections() {
    channels.close();
  }

  /** Closes every session with {@code code}. */
  void closeWith(int code) {
    channels.writeAndFlush(new CloseWebSocketFrame(code, "closed by test"));
  }

  /** The payloads with opcode {@code op} the client sent. */
  List<Value.Obj> sent(int op) {
    return received.stream()
        .filter(v -> v.get("op") instanceof Value.Int i && i.value() == op)
        .toList();
  }

  boolean connected() {
    return !channels.isEmpty();
  }

  @Override
  public void close() {
    server.close();
  }

  private final class Peer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        connections.incrementAndGet();
        channels.add(ctx.channel());
        send(ctx.channel(), "{\"op\":10,\"d\":{\"heartbeat_interval\":" + HEARTBEAT_MS + "}}");
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame)
        throws Exception {
      Value.Obj m = (Value.Obj) Json.parse(frame.text());
      long op = ((Value.Int) m.get("op")).value();
      // answer first, record after: a test that saw the payload dispatches after the answer
      if (op == 1) {
        send(ctx.channel(), "{\"op\":11}");
      } else if (op == 2) {
        send(
            ctx.channel(),
            "{\"op\":0,\"t\":\"READY\",\"s\":"
                + sequence.incrementAndGet()
                + ",\"d\":{\"v\":10,\"session_id\":\"sess-1\",\"user\":{\"id\":\"7\",\"username\":\"bot\"},"
                + "\"guilds\":[{\"id\":\"100\",\"unavailable\":true}]}}");
      } else if (op == 6) {
        send(
            ctx.channel(),
            "{\"op\":0,\"t\":\"RESUMED\",\"s\":" + sequence.incrementAndGet() + ",\"d\":{}}");
      }
      received.add(m);
    }

    private void send(Channel ch, String text) {
      ch.writeAndFlush(new TextWebSocketFrame(text));
    }
  }
}
