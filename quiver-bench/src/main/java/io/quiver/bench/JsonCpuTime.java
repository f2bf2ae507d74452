package io.quiver.bench;

import io.quiver.codec.JsonCodec;
import io.quiver.spi.CodecException;
import io.quiver.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.tukaani.xz.XZInputStream;

/**
 * The JSON codec's CPU time per line of a newline-delimited JSON file (the blaster's data), as this
 * thread's CPU time rather than wall time, so that other work on a shared machine inflates it less
 * than JMH's ns/op. Usage: {@code java -cp benchmarks.jar io.quiver.bench.JsonCpuTime
 * decode|encode|both FILE[.xz] [ROUNDS]}; prints the minimum and the median over the rounds (each
 * 200,000 lines, after 5 rounds of warm-up).
 */
public final class JsonCpuTime {
  private static final int OPS = 200_000;
  private static final int WARMUP_ROUNDS = 5;

  /** Keeps decoded values reachable so that the decoding cannot be optimised away. */
  private static final Value[] KEPT = new Value[8];

  private JsonCpuTime() {}

  public static void main(String[] args) throws IOException, CodecException {
    String mode = args[0];
    byte[][] lines = lines(Path.of(args[1]));
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    JsonCodec codec = new JsonCodec();
    Value[] decoded = new Value[lines.length];
    for (int i = 0; i < lines.length; i++) {
      decoded[i] = codec.decode(lines[i], 0).orElseThrow();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<Double> perOp = new ArrayList<>();
    long bytes = 0;
    for (int round = 0; round < rounds + WARMUP_ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int k = 0; k < OPS; k++) {
        int i = k % lines.length;
        switch (mode) {
          case "decode" -> KEPT[k & 7] = codec.decode(lines[i], 0).orElseThrow();
          case "encode" -> bytes += codec.encode(decoded[i]).length;
          default -> bytes += codec.encode(codec.decode(lines[i], 0).orElseThrow()).length;
        }
      }
      long cpu = threads.getCurrentThreadCpuTime() - start;
      if (round >= WARMUP_ROUNDS) {
        perOp.add(cpu / (double) OPS);
      }
    }
    Collections.sort(perOp);
    System.out.printf(
        Locale.ROOT,
        "%s: CPU ns per line min %.0f median %.0f (%d lines, %d bytes encoded)%n",
        mode,
        perOp.get(0),
        perOp.get(perOp.size() / 2),
        lines.length,
        bytes);
  }

  private static byte[][] lines(Path file) throws IOException {
    byte[] raw;
    try (InputStream in = Files.newInputStream(file);
        InputStream data = file.toString().endsWith(".xz") ? new XZInputStream(in) : in) {
      raw = data.readAllBytes();
    }
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= raw.length; i++) {
      if (i == raw.length || raw[i] == '\n') {
        if (i > start) {
          lines.add(Arrays.copyOfRange(raw, start, i));
        }
        start = i + 1;
      }
    }
    return lines.toArray(new byte[0][]);
  }
}
