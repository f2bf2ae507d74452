package io.quiver.connectors.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order and the timing of what {@link OutboundFrames} writes. */
class OutboundFramesTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new OutboundFrames());
  private final OutboundFrames frames = OutboundFrames.of(channel);

  @Test
  void theFramesOfOneTurnLeaveAsOneBufferAtTheEndOfTheTurn() {
    frames.append(DataFrames.TEXT, bytes("a"), false);
    frames.append(DataFrames.TEXT, bytes("bc"), false);
    assertNull(channel.readOutbound(), "nothing is written before the turn ends");

    channel.runPendingTasks(); // the end of the loop turn

    ByteBuf out = channel.readOutbound();
    assertEquals("81016181026263", ByteBufUtil.hexDump(out)); // two unmasked text frames
    out.release();
    assertNull(channel.readOutbound(), "one buffer for the turn");
  }

  @Test
  void aWriteThroughThePipelinePushesTheCollectedFramesOutFirst() {
    frames.append(DataFrames.TEXT, bytes("last words"), false);
    byte[] closeFrame = {(byte) 0x88, 0x02, 0x03, (byte) 0xe8}; // as the encoder makes it
    channel.writeAndFlush(Unpooled.wrappedBuffer(closeFrame));

    ByteBuf first = channel.readOutbound();
    ByteBuf second = channel.readOutbound();
    assertEquals((byte) 0x81, first.getByte(0), "the reply before the close frame");
    assertEquals((byte) 0x88, second.getByte(0));
    first.release();
    second.release();
    channel.runPendingTasks();
    assertNull(channel.readOutbound(), "nothing left for the end of the turn");
  }

  @Test
  void listenersLearnHowTheTurnsWriteWent() {
    List<Boolean> told = new ArrayList<>();
    frames.append(
        DataFrames.BINARY, bytes("x"), true, (Future<?> done) -> told.add(done.isSuccess()));
    frames.append(
        DataFrames.BINARY, bytes("y"), true, (Future<?> done) -> told.add(done.isSuccess()));
    channel.runPendingTasks();
    assertEquals(List.of(true, true), told);
    ByteBuf out = channel.readOutbound();
    assertEquals(2 * (2 + 4 + 1), out.readableBytes(), "two masked one-byte frames");
    out.release();
  }

  @Test
  void whatIsCollectedWhenTheChannelClosesIsReleasedAndItsListenersFail() {
    List<Boolean> told = new ArrayList<>();
    frames.append(
        DataFrames.TEXT, bytes("too late"), false, (Future<?> done) -> told.add(done.isSuccess()));
    channel.pipeline().close(); // before the turn ends (EmbeddedChannel.close() would end it first)
    assertEquals(List.of(false), told);
    channel.runPendingTasks();
    assertNull(channel.readOutbound());
    assertFalse(channel.isActive());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
