package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On a connection with a negotiated extension (permessage-deflate), {@link OutboundFrames} hands
 * data frames to the extension's encoder instead of encoding them itself; without one it keeps its
 * own encoding (the fast path).
 */
class OutboundFramesExtensionTest {
  /**
   * Stands in for Netty's deflate encoder: records the frames and marks them (RSV1) as it would.
   */
  private static final class RecordingExtensionEncoder extends WebSocketExtensionEncoder {
    final List<String> seen = new ArrayList<>();

    @Override
    protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
      seen.add(frame.content().toString(StandardCharsets.UTF_8));
      out.add(new TextWebSocketFrame(frame.isFinalFragment(), 4, frame.content().retain()));
    }
  }

  @Test
  void withAnExtensionDataFramesGoThroughItsEncoderInOrderAndAreFlushedAtTheEndOfTheTurn() {
    RecordingExtensionEncoder encoder = new RecordingExtensionEncoder();
    EmbeddedChannel channel = new EmbeddedChannel(new OutboundFrames(), encoder);
    OutboundFrames frames = OutboundFrames.of(channel);
    frames.append(DataFrames.TEXT, "a".getBytes(StandardCharsets.UTF_8), false);
    frames.append(DataFrames.TEXT, "b".getBytes(StandardCharsets.UTF_8), false);
    assertThat(encoder.seen).containsExactly("a", "b");
    channel.runPendingTasks();
    for (String expected : List.of("a", "b")) {
      TextWebSocketFrame f = channel.readOutbound();
      assertThat(f.rsv()).isEqualTo(4);
      assertThat(f.text()).isEqualTo(expected);
      f.release();
    }
    assertThat((Object) channel.readOutbound()).isNull();
  }

  @Test
  void withAnExtensionTheMeterCountsEachFrameUntilItIsWritten() {
    long[] held = {0};
    OutboundFrames.Meter meter =
        new OutboundFrames.Meter() {
          @Override
          public void held(int bytes) {
            held[0] += bytes;
          }

          @Override
          public void released(int bytes) {
            held[0] -= bytes;
          }
        };
    EmbeddedChannel channel =
        new EmbeddedChannel(new OutboundFrames(meter), new RecordingExtensionEncoder());
    OutboundFrames.of(channel)
        .append(DataFrames.TEXT, "abc".getBytes(StandardCharsets.UTF_8), false);
    assertThat(held[0]).isEqualTo(3);
    channel.runPendingTasks(); // the turn ends: flushed, and an embedded channel takes it at once
    assertThat(held[0]).isZero();
    ((TextWebSocketFrame) channel.readOutbound()).release();
  }

  @Test
  void withoutAnExtensionFramesAreEncodedHere() {
    EmbeddedChannel channel = new EmbeddedChannel(new OutboundFrames());
    OutboundFrames.of(channel).append(DataFrames.TEXT, "a".getBytes(StandardCharsets.UTF_8), false);
    channel.runPendingTasks();
    ByteBuf out = channel.readOutbound();
    assertThat(ByteBufUtil.hexDump(out)).isEqualTo("810161"); // RSV bits clear
    out.release();
  }
}
