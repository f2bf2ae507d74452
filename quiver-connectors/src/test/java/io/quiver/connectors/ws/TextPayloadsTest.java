package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextPayloadsTest {

  private static ChannelHandlerContext contextOf(EmbeddedChannel channel) {
    channel.pipeline().addLast("probe", new ChannelInboundHandlerAdapter());
    return channel.pipeline().context("probe");
  }

  @Test
  void validTextIsReturnedAsItsBytes() {
    EmbeddedChannel channel = new EmbeddedChannel();
    byte[] text = "snot badger, é€😀 and a long ascii tail".getBytes(StandardCharsets.UTF_8);
    TextWebSocketFrame frame = new TextWebSocketFrame(Unpooled.wrappedBuffer(text));
    assertThat(TextPayloads.of(contextOf(channel), frame)).isEqualTo(text);
    assertThat(channel.isOpen()).isTrue();
    assertThat((Object) channel.readOutbound()).isNull();
    frame.release();
  }

  @Test
  void invalidTextClosesWith1007AndThrowsLikeNettysValidator() {
    EmbeddedChannel channel = new EmbeddedChannel();
    TextWebSocketFrame frame =
        new TextWebSocketFrame(
            Unpooled.wrappedBuffer(
                new byte[] {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', (byte) 0xff}));
    assertThatThrownBy(() -> TextPayloads.of(contextOf(channel), frame))
        .isInstanceOfSatisfying(
            CorruptedWebSocketFrameException.class,
            e -> assertThat(e.closeStatus().code()).isEqualTo(1007))
        .hasMessage("bytes are not UTF-8");
    CloseWebSocketFrame close = channel.readOutbound();
    assertThat(close.statusCode()).isEqualTo(1007);
    assertThat(close.reasonText()).isEqualTo("bytes are not UTF-8");
    close.release();
    frame.release();
    assertThat(channel.isOpen()).isFalse();
  }
}
