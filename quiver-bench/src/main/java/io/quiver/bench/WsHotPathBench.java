package io.quiver.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.quiver.codec.JsonCodec;
import io.quiver.codec.StringCodec;
import io.quiver.connectors.ws.DataFrames;
import io.quiver.connectors.ws.FrameHeader;
import io.quiver.connectors.ws.FramePayloads;
import io.quiver.pipeline.Emitter;
import io.quiver.pipeline.Pipeline;
import io.quiver.pipeline.PipelineCompiler;
import io.quiver.spi.Codec;
import io.quiver.spi.DecodedSink;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Serializer;
import io.quiver.value.Event;
import io.quiver.value.EventId;
import io.quiver.value.Json;
import io.quiver.value.Utf8;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
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
 * The proxy's per-message work without sockets: a masked client text frame is read from the bytes
 * of a socket read as the connection's {@code WholeMessageShortcut} does ({@link FrameHeader},
 * {@link FramePayloads}: unmasked into the array the codec keeps) and checked to be UTF-8, its
 * payload deserialized ({@code codec}: {@code string} or {@code json}), the event run through a
 * compiled Trickle pipeline ({@code select event from in into out}) as the runtime's onramp does (a
 * {@link DecodedSink}: no list or decoded object per message), the result serialized and encoded as
 * an unmasked server text frame as it leaves the pipeline. One operation = one message. {@code
 * size} is the payload size in bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class WsHotPathBench {
  @Param({"string", "json"})
  public String codec;

  @Param({"64", "4096"})
  public int size;

  /** The bytes of one socket read holding the frame (read again from the start each time). */
  private ByteBuf read;

  private final FrameHeader header = new FrameHeader();

  /** The buffer one loop turn's reply frames are encoded into (reused). */
  private ByteBuf turn;

  private byte[] maskedFrame;
  private Deserializer deserializer;
  private Serializer serializer;
  private Pipeline pipeline;
  private long n;

  /**
   * The pipeline's output, one emitter for all events as the runtime has: each result is encoded
   * into the turn's buffer as it comes out, as the ws offramp (and the onramp's reply writer) does
   * when the pipeline runs inline on the connection's loop.
   */
  private final Emitter emitter =
      (port, result) -> {
        try {
          for (byte[] chunk : serializer.serialize(result.data(), result.ingestNs())) {
            DataFrames.encodeInto(turn, DataFrames.TEXT, chunk, false);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };

  /**
   * What the runtime's onramp does with each decoded value ({@code OnrampInstance}'s stream sink):
   * an event with the next id, run through the pipeline; an error fails the benchmark.
   */
  private final DecodedSink events =
      new DecodedSink() {
        @Override
        public void ok(Value value, long ingestNs) {
          Event e = new Event(new EventId(1, 0, n++), ingestNs, value, Value.EMPTY_OBJECT, 0);
          pipeline.onEvent("in", e, emitter);
        }

        @Override
        public void failed(String message) {
          throw new IllegalStateException(message);
        }
      };

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String payload = payload(size);
    Codec in = codec.equals("json") ? new JsonCodec() : new StringCodec();
    Codec out = codec.equals("json") ? new JsonCodec() : new StringCodec();
    deserializer = new Deserializer(List.of(), in);
    serializer = new Serializer(out, List.of());
    pipeline =
        PipelineCompiler.compile("select event from in into out;", "pass.trickle", "pass")
            .instantiate();
    turn = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(2048);
    EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    client.writeOutbound(new TextWebSocketFrame(payload));
    ByteBuf frame = client.readOutbound();
    maskedFrame = ByteBufUtil.getBytes(frame);
    frame.release();
    read = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(maskedFrame.length);
    read.writeBytes(maskedFrame);
    client.finishAndReleaseAll();
    if (!oneMessage().equals(payload)) {
      throw new IllegalStateException("the hot path does not give back its input");
    }
  }

  /** A JSON record of about {@code bytes} bytes (so both codecs carry the same text). */
  static String payload(int bytes) {
    Random r = new Random(7);
    StringBuilder filler = new StringBuilder();
    String base = Json.write(Value.obj("id", Value.of(1), "msg", Value.of("")));
    while (filler.length() < bytes - base.length()) {
      filler.append((char) ('a' + r.nextInt(26)));
    }
    return Json.write(Value.obj("id", Value.of(1), "msg", Value.of(filler.toString())));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    read.release();
    turn.release();
  }

  private String oneMessage() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    run(bytes);
    String text = bytes.toString(StandardCharsets.UTF_8);
    // the server frame has a 2- or 4-byte header before the payload
    return text.substring(size >= 126 ? 4 : 2);
  }

  /** One message through; the bytes of the reply frame (header and payload in one buffer). */
  private int run(java.io.ByteArrayOutputStream copy) throws Exception {
    read.readerIndex(0);
    if (!header.read(read)) {
      throw new IllegalStateException("no whole frame header");
    }
    byte[] data = FramePayloads.read(read, header);
    if (!Utf8.isValid(data)) {
      throw new IllegalStateException("not UTF-8");
    }
    // as OutboundFrames does: the turn's frames are encoded into one buffer, written once
    turn.clear();
    // checked above, as TextPayloads does: the codec need not scan again
    // (OnrampInstance#receiveUtf8)
    deserializer.deserialize(data, n, true, true, events);
    if (copy != null) {
      turn.getBytes(turn.readerIndex(), copy, turn.readableBytes());
    }
    return turn.readableBytes();
  }

  @Benchmark
  public int message() throws Exception {
    return run(null);
  }
}
