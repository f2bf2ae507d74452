package io.quiver.connectors.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames from {@link DataFrames} read back by Netty's own RFC 6455 decoder, as a peer would. */
class DataFramesTest {

  /** Lengths around the 7-bit, 16-bit and 64-bit length forms and the 8-byte masking stride. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 7, 8, 9, 15, 125, 126, 127, 4096, 65535, 65536, 70001})
  void aServerFrameIsReadBackByARfc6455Decoder(int length) {
    byte[] payload = payload(length);
    WebSocketFrame frame = roundTrip(encode(DataFrames.BINARY, payload, false), false);
    assertInstanceOf(BinaryWebSocketFrame.class, frame);
    assertTrue(frame.isFinalFragment());
    assertArrayEquals(payload, ByteBufUtil.getBytes(frame.content()));
    frame.release();
  }

  /** Also around the length where masking goes through the thread's scratch array, and past it. */
  @ParameterizedTest
  @ValueSource(
      ints = {0, 1, 3, 7, 8, 9, 15, 63, 64, 65, 125, 126, 127, 1025, 4096, 65535, 65536, 70001, 9})
  void aMaskedClientFrameIsUnmaskedByARfc6455Decoder(int length) {
    byte[] payload = payload(length);
    WebSocketFrame frame = roundTrip(encode(DataFrames.BINARY, payload, true), true);
    assertArrayEquals(payload, ByteBufUtil.getBytes(frame.content()));
    frame.release();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void textFramesCarryTheTextOpcode(boolean masked) {
    byte[] payload = "snot badger ✓".getBytes(StandardCharsets.UTF_8);
    WebSocketFrame frame = roundTrip(encode(DataFrames.TEXT, payload, masked), masked);
    assertEquals("snot badger ✓", assertInstanceOf(TextWebSocketFrame.class, frame).text());
    frame.release();
  }

  @org.junit.jupiter.api.Test
  void aMaskedFrameDoesNotCarryThePayloadInTheClear() {
    byte[] payload = payload(64);
    ByteBuf frame =
        DataFrames.encode(PooledByteBufAllocator.DEFAULT, DataFrames.BINARY, payload, true);
    byte[] onTheWire =
        ByteBufUtil.getBytes(frame, 6, 64); // after 2 header bytes and the 4-byte key
    frame.release();
    assertNotEquals(java.util.Arrays.toString(payload), java.util.Arrays.toString(onTheWire));
  }

  private static ByteBuf encode(int opcode, byte[] payload, boolean masked) {
    return DataFrames.encode(PooledByteBufAllocator.DEFAULT, opcode, payload, masked);
  }

  private static WebSocketFrame roundTrip(ByteBuf encoded, boolean expectMasked) {
    EmbeddedChannel peer =
        new EmbeddedChannel(
            new WebSocket08FrameDecoder(
                WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(expectMasked)
                    .allowMaskMismatch(false)
                    .maxFramePayloadLength(1 << 20)
                    .build()));
    assertTrue(peer.writeInbound(encoded), "the decoder produced no frame");
    WebSocketFrame frame = peer.readInbound();
    peer.finishAndReleaseAll();
    return frame;
  }

  private static byte[] payload(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }
}
