package io.quiver.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.quiver.connectors.ws.DataFrames;
import io.quiver.connectors.ws.FrameHeader;
import io.quiver.connectors.ws.FramePayloads;
import io.quiver.value.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fused pass-through's per-message frame work (the ws connector's {@code FusedForwarder} and
 * {@code UpstreamSession.replyFused}), without sockets: a masked client text frame is read from the
 * bytes of a socket read ({@link FrameHeader}), unmasked into a reused array ({@link
 * FramePayloads#readInto}), checked to be UTF-8 and masked again into the upstream's turn buffer;
 * the upstream's unmasked reply frame is read the same way and written unmasked into the client's
 * turn buffer. One operation = one round trip (request and reply). Compare with {@link
 * WsHotPathBench} ({@code string}), the same work through an event, the codec and the pipeline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class WsFusedHotPathBench {
  @Param({"64", "4096"})
  public int size;

  private final FrameHeader header = new FrameHeader();
  private ByteBuf clientRead;
  private ByteBuf upstreamRead;
  private ByteBuf upstreamTurn;
  private ByteBuf clientTurn;
  private byte[] scratch = new byte[1024];

  @Setup(Level.Trial)
  public void setUp() {
    String payload = WsHotPathBench.payload(size);
    clientRead = frame(payload, true);
    upstreamRead = frame(payload, false);
    upstreamTurn = PooledByteBufAllocator.DEFAULT.directBuffer(2 * size + 64);
    clientTurn = PooledByteBufAllocator.DEFAULT.directBuffer(2 * size + 64);
    message();
    String back = clientTurn.toString(StandardCharsets.UTF_8).substring(size >= 126 ? 4 : 2);
    if (!back.equals(payload)) {
      throw new IllegalStateException("the fused path does not give back its input");
    }
  }

  private static ByteBuf frame(String payload, boolean masked) {
    EmbeddedChannel ch = new EmbeddedChannel(new WebSocket13FrameEncoder(masked));
    ch.writeOutbound(new TextWebSocketFrame(payload));
    ByteBuf read = PooledByteBufAllocator.DEFAULT.directBuffer(payload.length() + 14);
    ByteBuf part;
    while ((part = ch.readOutbound()) != null) { // a large unmasked frame: header, then payload
      read.writeBytes(part);
      part.release();
    }
    ch.finishAndReleaseAll();
    return read;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    clientRead.release();
    upstreamRead.release();
    upstreamTurn.release();
    clientTurn.release();
  }

  /** One frame from {@code in} into {@code out} as the fused path hands it on. */
  private void pass(ByteBuf in, ByteBuf out, boolean masked) {
    in.readerIndex(0);
    if (!header.read(in)) {
      throw new IllegalStateException("no whole frame header");
    }
    int length = (int) header.payloadLength();
    if (scratch.length < length) {
      scratch = new byte[Integer.highestOneBit(length - 1) << 1]; // once, as FusedScratch does
    }
    FramePayloads.readInto(in, header, scratch);
    if (Utf8.findError(scratch, 0, length) != null) {
      throw new IllegalStateException("not UTF-8");
    }
    in.skipBytes(header.length() + length);
    out.clear();
    DataFrames.encodeInto(out, DataFrames.TEXT, scratch, length, masked);
  }

  @Benchmark
  public int message() {
    pass(clientRead, upstreamTurn, true);
    pass(upstreamRead, clientTurn, false);
    return upstreamTurn.readableBytes() + clientTurn.readableBytes();
  }
}
