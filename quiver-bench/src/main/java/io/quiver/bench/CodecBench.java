package io.quiver.bench;

import io.quiver.codec.JsonCodec;
import io.quiver.codec.MsgpackCodec;
import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Value;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Decode and encode of one ~750-byte log record per operation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class CodecBench {
  @Param({"json", "msgpack"})
  public String codec;

  private Codec c;
  private Value value;
  private byte[] bytes;
  private Value parsed;

  @Setup
  public void setup() throws CodecException {
    c = codec.equals("json") ? new JsonCodec() : new MsgpackCodec();
    value = Samples.record(new Random(1));
    bytes = c.encode(value);
    parsed = c.decode(bytes, 0).orElseThrow();
    System.out.printf("%n%s record: %d bytes%n", codec, bytes.length);
  }

  /** Size of the encoded record, for MB/s. */
  public int size() {
    return bytes.length;
  }

  @Benchmark
  public Optional<Value> decode() throws CodecException {
    return c.decode(bytes, 0);
  }

  @Benchmark
  public byte[] encode() throws CodecException {
    return c.encode(value);
  }

  /**
   * Encodes a value as the codec decoded it (a record the reader built), as a pass-through does.
   */
  @Benchmark
  public byte[] encodeDecoded() throws CodecException {
    return c.encode(parsed);
  }

  /** Decode then encode: the codec work of one event of {@code bench/passthrough-json}. */
  @Benchmark
  public byte[] passThrough() throws CodecException {
    return c.encode(c.decode(bytes, 0).orElseThrow());
  }
}
