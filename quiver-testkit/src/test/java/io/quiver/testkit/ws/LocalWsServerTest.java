package io.quiver.testkit.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.quiver.testkit.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The shared listening half: handlers in the given order, a loopback port, stop and close. */
class LocalWsServerTest {
  private static SimpleChannelInboundHandler<TextWebSocketFrame> upperCase() {
    return new SimpleChannelInboundHandler<>() {
      @Override
      protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        ctx.writeAndFlush(new TextWebSocketFrame(frame.text().toUpperCase()));
      }
    };
  }

  @Test
  void servesWebsocketConnectionsWithTheHandlersAddedBehindTheHttpCodec() throws Exception {
    try (LocalWsServer server =
            LocalWsServer.start(
                ch ->
                    ch.pipeline()
                        .addLast(new WebSocketServerProtocolHandler("/"))
                        .addLast(upperCase()));
        TestClient client = TestClient.connect(server.port())) {
      assertThat(server.url()).isEqualTo("ws://127.0.0.1:" + server.port());
      client.send("abc");
      assertThat(client.nextText()).isEqualTo("ABC");
    }
  }

  @Test
  void addsTheBeforeHandlersInFrontOfTheHttpCodec() throws Exception {
    List<String> names = new CopyOnWriteArrayList<>();
    try (LocalWsServer server =
            LocalWsServer.start(
                2,
                0,
                ch -> ch.pipeline().addLast("first", upperCase()),
                ch -> names.addAll(ch.pipeline().names()));
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      Await.until("the connection is initialised", () -> !names.isEmpty());
      // the initializer is still in the pipeline while it runs, and names() lists the tail
      assertThat(names)
          .filteredOn(name -> !name.startsWith("LocalWsServer$") && !name.contains("TailContext"))
          .containsExactly("first", "HttpServerCodec#0", "HttpObjectAggregator#0");
    }
  }

  @Test
  void stopListeningRefusesNewConnections() throws Exception {
    try (LocalWsServer server = LocalWsServer.start(ch -> {})) {
      int port = server.port();
      server.stopListening();
      // NIO may finish closing a listening socket registered with a selector only on the loop's
      // next turn, so a connect right after can still land in its backlog: wait for the refusal
      Await.until("a connect to the closed listener is refused", () -> refused(port));
    }
  }

  private static boolean refused(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
