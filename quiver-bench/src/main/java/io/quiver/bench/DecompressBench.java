package io.quiver.bench;

import io.quiver.codec.compress.Compression;
import io.quiver.codec.compress.DecompressingPreprocessor;
import io.quiver.value.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/**
 * Decompression (and compression) of one 1 MiB chunk of newline-delimited JSON records, the work of
 * a preprocessor/postprocessor per chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class DecompressBench {
  /** Plain size of the chunk. */
  public static final int PLAIN = 1 << 20;

  @Param({"GZIP", "ZLIB", "XZ", "SNAPPY", "LZ4", "ZSTD"})
  public Compression format;

  private byte[] plain;
  private byte[] packed;

  @Setup
  public void setup() throws IOException {
    Random r = new Random(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(PLAIN + 1024);
    while (out.size() < PLAIN) {
      out.writeBytes(Json.writeBytes(Samples.record(r)));
      out.write('\n');
    }
    plain = java.util.Arrays.copyOf(out.toByteArray(), PLAIN);
    packed = format.compress(plain);
    System.out.printf(
        "%n%s: %d -> %d bytes (%.1f%%)%n",
        format, plain.length, packed.length, 100.0 * packed.length / plain.length);
  }

  @Benchmark
  public byte[] decompress() throws IOException {
    return format.decompress(packed, DecompressingPreprocessor.DEFAULT_MAX_OUTPUT);
  }

  @Benchmark
  public byte[] compress() throws IOException {
    return format.compress(plain);
  }
}
