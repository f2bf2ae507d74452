package io.quiver.connectors.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which frames take the shortcut and which the normal path (aggregator, then the consumer), with
 * real encoded frames through Netty's decoder.
 */
class WholeMessageShortcutTest {
  private final List<String> seen = new ArrayList<>();

  /** The consumer at the end of the pipeline; records how each message reached it. */
  private final class Consumer extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      message(ctx, frame, "pipeline");
    }

    void message(ChannelHandlerContext ctx, WebSocketFrame frame, String path) {
      seen.add(path + ":" + frame.content().toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void wholeFramesTakeTheShortcutAndFragmentsTheNormalPath() {
    Consumer consumer = new Consumer();
    EmbeddedChannel channel =
        new EmbeddedChannel(maskedFrameDecoder(), new WebSocketFrameAggregator(1 << 16), consumer);
    recordShortcut(channel, consumer);

    channel.writeInbound(masked(0x81, "one"));
    channel.writeInbound(masked(0x01, "tw")); // text, not final
    channel.writeInbound(masked(0x80, "o")); // final continuation
    channel.writeInbound(masked(0x81, "three"));
    channel.writeInbound(masked(0x89, "ping")); // control frames pass on
    channel.writeInbound(masked(0x82, "four"));

    assertEquals(
        List.of("shortcut:one", "pipeline:two", "shortcut:three", "pipeline:ping", "shortcut:four"),
        seen);
    channel.finishAndReleaseAll();
  }

  @Test
  void aConsumerFailureIsRaisedWhereTheConsumerSits() {
    Consumer consumer = new Consumer();
    List<Throwable> caught = new ArrayList<>();
    EmbeddedChannel channel =
        new EmbeddedChannel(
            maskedFrameDecoder(),
            new io.netty.channel.ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught.add(new AssertionError("went through a handler before the consumer", cause));
              }
            },
            consumer,
            new io.netty.channel.ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught.add(cause);
              }
            });
    WholeMessageShortcut.install(
        channel.pipeline(),
        consumer,
        (ctx, frame) -> {
          throw new IllegalStateException("bad message");
        });

    channel.writeInbound(masked(0x81, "one"));

    assertEquals(1, caught.size());
    assertEquals("bad message", caught.get(0).getMessage());
    channel.finishAndReleaseAll();
  }

  @Test
  void aFrameWithExtensionBitsTakesTheNormalPath() {
    TextWebSocketFrame frame =
        new TextWebSocketFrame(true, 4, Unpooled.copiedBuffer("x", StandardCharsets.UTF_8));
    Consumer consumer = new Consumer();
    EmbeddedChannel channel = new EmbeddedChannel(maskedFrameDecoder(), consumer);
    recordShortcut(channel, consumer);
    channel.pipeline().fireChannelRead(frame); // as if decoded with an extension's RSV bit
    assertEquals(List.of("pipeline:x"), seen);
    channel.finishAndReleaseAll();
  }

  @Test
  void framesDecodedWhilePausedWaitAndArriveInOrderOnResume() {
    Consumer consumer = new Consumer();
    EmbeddedChannel channel =
        new EmbeddedChannel(maskedFrameDecoder(), new WebSocketFrameAggregator(1 << 16), consumer);
    WholeMessageShortcut[] self = new WholeMessageShortcut[1];
    WholeMessageShortcut.install(
        channel.pipeline(),
        consumer,
        (ctx, frame) -> {
          String text = frame.content().toString(StandardCharsets.UTF_8);
          consumer.message(ctx, frame, "shortcut");
          if (text.equals("pause-me")) {
            self[0].pause(); // as when handing the message on fills the upstream session
          }
        });
    self[0] = channel.pipeline().get(WholeMessageShortcut.class);

    // one read with five frames: the pause after the first holds the rest, fragments included
    io.netty.buffer.ByteBuf read = Unpooled.buffer();
    for (io.netty.buffer.ByteBuf frame :
        List.of(
            masked(0x81, "pause-me"),
            masked(0x81, "b"),
            masked(0x01, "c"),
            masked(0x80, "d"),
            masked(0x81, "e"))) {
      read.writeBytes(frame);
      frame.release();
    }
    channel.writeInbound(read);
    assertEquals(List.of("shortcut:pause-me"), seen);

    self[0].resume();
    assertEquals(List.of("shortcut:pause-me", "shortcut:b", "pipeline:cd", "shortcut:e"), seen);
    channel.finishAndReleaseAll();
  }

  @Test
  void framesStillWaitingWhenTheChannelClosesAreReleased() {
    Consumer consumer = new Consumer();
    EmbeddedChannel channel = new EmbeddedChannel(maskedFrameDecoder(), consumer);
    recordShortcut(channel, consumer);
    WholeMessageShortcut shortcut = channel.pipeline().get(WholeMessageShortcut.class);
    shortcut.pause();
    TextWebSocketFrame frame = new TextWebSocketFrame("late");
    channel.pipeline().fireChannelRead(frame); // as if just decoded
    assertEquals(1, frame.refCnt());
    channel.close();
    assertEquals(0, frame.refCnt()); // released, not handed on: the client is gone
    assertEquals(List.of(), seen);
    channel.finishAndReleaseAll();
  }

  /** A server-side frame decoder, as after a handshake: client frames must be masked. */
  private static WebSocket08FrameDecoder maskedFrameDecoder() {
    return new WebSocket08FrameDecoder(
        WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true).build());
  }

  /** Installs the shortcut with a consumer that records messages as taken by the shortcut. */
  private static void recordShortcut(EmbeddedChannel channel, Consumer consumer) {
    WholeMessageShortcut.install(
        channel.pipeline(), consumer, (ctx, f) -> consumer.message(ctx, f, "shortcut"));
  }

  /** One masked frame as a client sends it: first byte (FIN, opcode), short payload. */
  private static io.netty.buffer.ByteBuf masked(int firstByte, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    io.netty.buffer.ByteBuf frame = Unpooled.buffer();
    frame.writeByte(firstByte).writeByte(0x80 | payload.length).writeInt(0x01020304);
    DataFrames.writeMasked(frame, payload, 0x01020304);
    return frame;
  }

  @Test
  void continuationFramesAreNotConsumedByTheShortcut() {
    ContinuationWebSocketFrame stray =
        new ContinuationWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER);
    Consumer consumer = new Consumer();
    EmbeddedChannel channel = new EmbeddedChannel(maskedFrameDecoder(), consumer);
    recordShortcut(channel, consumer);
    channel.pipeline().fireChannelRead(stray);
    assertEquals(List.of("pipeline:"), seen);
    channel.finishAndReleaseAll();
  }
}
