package io.quiver.connectors.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

class ExtensionFrameGuardTest {
  private final WsMetrics metrics = new WsMetrics();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new ExtensionFrameGuard(10, "client", metrics));

  private int closeCode() {
    CloseWebSocketFrame close = channel.readOutbound();
    try {
      return close.statusCode();
    } finally {
      close.release();
    }
  }

  @Test
  void framesWithinTheLimitAndWithoutReservedBitsPass() {
    channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[6])));
    channel.writeInbound(
        new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[4])));
    channel.writeInbound(
        new TextWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[10]))); // a new message
    for (int i = 0; i < 3; i++) {
      WebSocketFrame f = channel.readInbound();
      f.release();
    }
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void aReservedBitLeftAfterTheExtensionsIsAProtocolError() {
    channel.writeInbound(new TextWebSocketFrame(true, 4, Unpooled.wrappedBuffer(new byte[1])));
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(closeCode()).isEqualTo(1002);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void fragmentsThatAddUpToMoreThanTheLimitAreRefusedWith1009() {
    channel.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[6])));
    channel.writeInbound(
        new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[5])));
    WebSocketFrame first = channel.readInbound();
    first.release();
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(closeCode()).isEqualTo(1009);
    assertThat(metrics.snapshot().closesByCode()).containsEntry(1009, 1L);
  }

  @Test
  void theInflaterReachingItsLimitIs1009AndDataThatDoesNotInflateIs1007() {
    channel
        .pipeline()
        .fireExceptionCaught(
            new DecompressionException("Decompression buffer has reached maximum size: 10"));
    assertThat(closeCode()).isEqualTo(1009);
    EmbeddedChannel other = new EmbeddedChannel(new ExtensionFrameGuard(10, "client", metrics));
    other
        .pipeline()
        .fireExceptionCaught(
            new DecompressionException("decompression failure", new DataFormatException("bad")));
    CloseWebSocketFrame close = other.readOutbound();
    assertThat(close.statusCode()).isEqualTo(1007);
    close.release();
  }
}
