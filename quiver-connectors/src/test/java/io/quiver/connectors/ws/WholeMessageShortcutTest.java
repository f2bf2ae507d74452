package io.quiver.connectors.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Which frames the shortcut takes from the socket's bytes and which go to Netty's decoder and the
 * normal path (aggregator, then the consumer), with real encoded frames.
 */
class WholeMessageShortcutTest {
  private static final int LIMIT = 1 << 17;
  private final List<String> seen = new ArrayList<>();
  private final List<Throwable> errors = new ArrayList<>();

  /** The consumer at the end of the pipeline; records how each message reached it. */
  private final class Consumer extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      String kind = frame instanceof BinaryWebSocketFrame ? "bin " : "";
      seen.add("pipeline:" + kind + frame.content().toString(StandardCharsets.UTF_8));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.add(cause);
    }

    void message(byte[] payload, boolean binary) {
      seen.add("shortcut:" + (binary ? "bin " : "") + new String(payload, StandardCharsets.UTF_8));
    }
  }

  private final Consumer consumer = new Consumer();

  /** A server side (client frames masked) with the shortcut installed as after a handshake. */
  private EmbeddedChannel server() {
    EmbeddedChannel channel =
        new EmbeddedChannel(decoder(true, false), new WebSocketFrameAggregator(LIMIT), consumer);
    WholeMessageShortcut.install(
        channel.pipeline(), consumer, (ctx, p, binary) -> consumer.message(p, binary), true, LIMIT);
    return channel;
  }

  @Test
  void wholeFramesTakeTheShortcutAndFragmentsAndPingsTheNormalPath() {
    EmbeddedChannel channel = server();
    channel.writeInbound(masked(0x81, "one"));
    channel.writeInbound(masked(0x01, "tw")); // text, not final
    channel.writeInbound(masked(0x80, "o")); // final continuation
    channel.writeInbound(masked(0x81, "three"));
    channel.writeInbound(masked(0x89, "ping")); // control frames pass on
    channel.writeInbound(masked(0x82, "four"));

    assertEquals(
        List.of(
            "shortcut:one", "pipeline:two", "shortcut:three", "pipeline:ping", "shortcut:bin four"),
        seen);
    channel.finishAndReleaseAll();
  }

  @Test
  void framesSplitAnyWayAcrossReadsArriveWholeAndUnmasked() {
    EmbeddedChannel channel = server();
    byte[] big = randomText(70_000); // a 64-bit length
    byte[] mid = randomText(300); // a 16-bit length
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf frame :
        List.of(masked(0x81, big), masked(0x89, "p".getBytes()), masked(0x82, mid))) {
      all.writeBytes(frame);
      frame.release();
    }
    Random random = new Random(3);
    while (all.isReadable()) {
      int n = Math.min(all.readableBytes(), 1 + random.nextInt(5000));
      channel.writeInbound(all.readRetainedSlice(n)); // odd pieces, headers split too
    }
    all.release();
    assertEquals(
        List.of(
            "shortcut:" + new String(big, StandardCharsets.UTF_8),
            "pipeline:p",
            "shortcut:bin " + new String(mid, StandardCharsets.UTF_8)),
        seen);
    channel.finishAndReleaseAll();
  }

  @Test
  void anUpstreamsUnmaskedFramesTakeTheShortcutOnTheClientSide() {
    EmbeddedChannel channel =
        new EmbeddedChannel(decoder(false, false), new WebSocketFrameAggregator(LIMIT), consumer);
    List<byte[]> payloads = new ArrayList<>();
    WholeMessageShortcut.install(
        channel.pipeline(), consumer, (ctx, p, binary) -> payloads.add(p), false, LIMIT);
    byte[] text = randomText(200);
    ByteBuf frame = Unpooled.buffer();
    DataFrames.encodeInto(frame, DataFrames.TEXT, text, false);
    channel.writeInbound(frame);
    assertEquals(1, payloads.size());
    assertArrayEquals(text, payloads.get(0));
    channel.finishAndReleaseAll();
  }

  @Test
  void aConsumerFailureIsRaisedWhereTheConsumerSits() {
    EmbeddedChannel channel =
        new EmbeddedChannel(
            decoder(true, false),
            new ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(new AssertionError("went through a handler before the consumer", cause));
              }
            },
            consumer,
            new ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                errors.add(cause);
              }
            });
    WholeMessageShortcut.install(
        channel.pipeline(),
        consumer,
        (ctx, p, binary) -> {
          throw new IllegalStateException("bad message");
        },
        true,
        LIMIT);
    channel.writeInbound(masked(0x81, "one"));
    assertEquals(1, errors.size());
    assertEquals("bad message", errors.get(0).getMessage());
    channel.finishAndReleaseAll();
  }

  @Test
  void afterAFrameWithExtensionBitsEverythingTakesTheNormalPath() {
    EmbeddedChannel channel =
        new EmbeddedChannel(decoder(true, true), new WebSocketFrameAggregator(LIMIT), consumer);
    WholeMessageShortcut.install(
        channel.pipeline(), consumer, (ctx, p, binary) -> consumer.message(p, binary), true, LIMIT);
    channel.writeInbound(masked(0x81, "a"));
    channel.writeInbound(masked(0xC1, "x")); // RSV1: an extension's frame
    channel.writeInbound(masked(0x81, "b"));
    assertEquals(List.of("shortcut:a", "pipeline:x", "pipeline:b"), seen);
    channel.finishAndReleaseAll();
  }

  @Test
  void nettysDecoderStillRefusesWhatBreaksTheRulesAndNothingIsTakenAfterwards() {
    EmbeddedChannel unmasked = server();
    ByteBuf frame = Unpooled.buffer();
    DataFrames.encodeInto(frame, DataFrames.TEXT, "x".getBytes(), false); // a client must mask
    frame.writeBytes(masked(0x81, "after"));
    unmasked.writeInbound(frame);
    assertEquals(List.of(), seen);
    assertEquals(1, errors.size());
    assertTrue(errors.get(0) instanceof CorruptedFrameException, errors.get(0).toString());
    unmasked.finishAndReleaseAll();

    errors.clear();
    Consumer second = new Consumer(); // a handler belongs to one pipeline
    EmbeddedChannel small =
        new EmbeddedChannel(
            new WebSocket08FrameDecoder(
                WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(true)
                    .maxFramePayloadLength(4)
                    .closeOnProtocolViolation(false)
                    .build()),
            second);
    WholeMessageShortcut.install(
        small.pipeline(), second, (ctx, p, binary) -> second.message(p, binary), true, 4);
    small.writeInbound(masked(0x81, "four"));
    ByteBuf tooLongThenFine = masked(0x81, "fives");
    tooLongThenFine.writeBytes(masked(0x81, "four"));
    small.writeInbound(tooLongThenFine);
    assertEquals(List.of("shortcut:four"), seen);
    assertEquals(1, errors.size());
    small.finishAndReleaseAll();
  }

  @Test
  void lengthsNotInTheirMinimalFormOrWithTheTopBitSetAreLeftToNettysDecoder() {
    ByteBuf notMinimal = Unpooled.buffer(); // 5 bytes declared in the 16-bit form
    notMinimal.writeByte(0x81).writeByte(0x80 | 126).writeShort(5).writeInt(0);
    notMinimal.writeBytes("hello".getBytes(StandardCharsets.UTF_8));
    ByteBuf negative = Unpooled.buffer(); // a 64-bit length with the most significant bit set
    negative.writeByte(0x82).writeByte(0x80 | 127).writeLong(Long.MIN_VALUE + 5).writeInt(0);
    for (ByteBuf frame : List.of(notMinimal, negative)) {
      seen.clear();
      errors.clear();
      Consumer fresh = new Consumer();
      EmbeddedChannel channel = new EmbeddedChannel(decoder(true, false), fresh);
      WholeMessageShortcut.install(
          channel.pipeline(), fresh, (ctx, p, binary) -> fresh.message(p, binary), true, LIMIT);
      channel.writeInbound(frame);
      assertEquals(List.of(), seen);
      assertEquals(1, errors.size(), errors.toString());
      channel.finishAndReleaseAll();
    }
  }

  @Test
  void afterACloseFrameNothingIsTakenAnyMore() {
    EmbeddedChannel channel = server();
    channel.writeInbound(masked(0x88, new byte[] {0x03, (byte) 0xE8}));
    channel.writeInbound(masked(0x81, "late"));
    assertFalse(seen.contains("shortcut:late"), seen.toString());
    channel.finishAndReleaseAll();
  }

  @Test
  void bytesReadWhilePausedWaitAndArriveInOrderOnResume() {
    EmbeddedChannel channel = server();
    WholeMessageShortcut[] self = new WholeMessageShortcut[1];
    channel.pipeline().remove(WholeMessageShortcut.NAME);
    WholeMessageShortcut.install(
        channel.pipeline(),
        consumer,
        (ctx, p, binary) -> {
          consumer.message(p, binary);
          if (new String(p, StandardCharsets.UTF_8).equals("pause-me")) {
            self[0].pause(); // as when handing the message on fills the upstream session
          }
        },
        true,
        LIMIT);
    self[0] = channel.pipeline().get(WholeMessageShortcut.class);

    // one read with five frames: the pause after the first holds the rest, fragments included
    ByteBuf read = Unpooled.buffer();
    for (ByteBuf frame :
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
    channel.writeInbound(masked(0x81, "f")); // read before the pause took effect: waits too
    assertEquals(List.of("shortcut:pause-me"), seen);

    self[0].resume();
    assertEquals(
        List.of("shortcut:pause-me", "shortcut:b", "pipeline:cd", "shortcut:e", "shortcut:f"),
        seen);
    channel.finishAndReleaseAll();
  }

  @Test
  void bytesStillWaitingWhenTheChannelClosesAreReleased() {
    EmbeddedChannel channel = server();
    channel.pipeline().get(WholeMessageShortcut.class).pause();
    ByteBuf frame = masked(0x81, "late");
    channel.writeInbound(frame.retain());
    assertEquals(2, frame.refCnt());
    channel.close();
    assertEquals(1, frame.refCnt()); // released, not handed on: the client is gone
    assertEquals(List.of(), seen);
    frame.release();
    channel.finishAndReleaseAll();
  }

  private static WebSocket08FrameDecoder decoder(boolean expectMasked, boolean extensions) {
    return new WebSocket08FrameDecoder(
        WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(expectMasked)
            .allowExtensions(extensions)
            .maxFramePayloadLength(LIMIT)
            .closeOnProtocolViolation(false)
            .build());
  }

  private static byte[] randomText(int length) {
    Random random = new Random(length);
    byte[] text = new byte[length];
    for (int i = 0; i < length; i++) {
      text[i] = (byte) ('a' + random.nextInt(26));
    }
    return text;
  }

  private static ByteBuf masked(int firstByte, String text) {
    return masked(firstByte, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsThatNeverEndOnAFrameBoundaryKeepTheHeldBytesSmall() {
    EmbeddedChannel channel = server();
    WholeMessageShortcut shortcut = channel.pipeline().get(WholeMessageShortcut.class);
    ByteBuf stream = Unpooled.buffer();
    int frames = 2000;
    for (int i = 0; i < frames; i++) {
      byte[] payload = new byte[1000];
      java.util.Arrays.fill(payload, (byte) ('a' + i % 26));
      ByteBuf frame = masked(0x81, payload);
      stream.writeBytes(frame);
      frame.release();
    }
    int largest = 0;
    while (stream.isReadable()) { // reads of 4,099 bytes: each ends inside a frame
      channel.writeInbound(stream.readBytes(Math.min(4099, stream.readableBytes())));
      largest = Math.max(largest, shortcut.heldCapacity());
    }
    stream.release();

    assertEquals(frames, seen.size());
    assertEquals("shortcut:" + "z".repeat(1000), seen.get(25));
    assertEquals(0, shortcut.heldCapacity()); // the last read ended on a boundary: nothing held
    // the frames handled are let go of: what is held stays near one read plus one frame, where it
    // used to grow by every read (2000 frames, 2 MB) until a read happened to end on a boundary
    assertTrue(largest < 32 * 1024, "held buffer grew to " + largest + " bytes");
    channel.finishAndReleaseAll();
  }

  /** One masked frame as a client sends it. */
  private static ByteBuf masked(int firstByte, byte[] payload) {
    ByteBuf frame = Unpooled.buffer();
    frame.writeByte(firstByte);
    if (payload.length <= 125) {
      frame.writeByte(0x80 | payload.length);
    } else if (payload.length <= 0xFFFF) {
      frame.writeByte(0x80 | 126).writeShort(payload.length);
    } else {
      frame.writeByte(0x80 | 127).writeLong(payload.length);
    }
    frame.writeInt(0x01020304);
    DataFrames.writeMasked(frame, payload, 0x01020304);
    return frame;
  }
}
