package io.quiver.bench;

import io.quiver.connectors.kv.KvStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kv offramp's store candidates on a real file in a temp directory: {@code mvstore}, the store
 * the offramp uses ({@link KvStore}, H2's MVStore), committed after every write ({@code mvstore}:
 * the sink when events come one at a time) or after every 64 ({@code mvstore-group}: the sink's
 * group commit when events queue up), and {@code applog}, the smallest own alternative: an
 * append-only log written once per put (no fsync either) with every pair held in a sorted in-memory
 * map. 10,000 keys of 9 bytes, JSON values of ~40 bytes; put overwrites a random key, get reads
 * one, scan lists 100 consecutive pairs from a random start.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class KvStoreBench {
  private static final int KEYS = 10_000;

  /** Writes per commit of {@code mvstore-group}: the sink's group commit under load. */
  private static final int GROUP = 64;

  @Param({"mvstore", "mvstore-group", "applog"})
  public String store;

  private Path dir;
  private Candidate candidate;
  private final Random random = new Random(7);
  private byte[][] keys;
  private byte[] value;

  /** What the benchmark asks of a store. */
  interface Candidate extends AutoCloseable {
    byte[] put(byte[] key, byte[] value) throws IOException;

    byte[] get(byte[] key);

    int scan(byte[] start, int limit);

    @Override
    void close() throws IOException;
  }

  @Setup
  public void setup() throws IOException {
    dir = Files.createTempDirectory("quiver-kv-bench");
    candidate =
        switch (store) {
          case "mvstore" -> new Mv(KvStore.open(dir), 1);
          case "mvstore-group" -> new Mv(KvStore.open(dir), GROUP);
          default -> new AppLog(dir);
        };
    keys = new byte[KEYS][];
    value = "{\"on\":true,\"watts\":40,\"room\":\"study\"}".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < KEYS; i++) {
      keys[i] = String.format("key-%05d", i).getBytes(StandardCharsets.UTF_8);
      candidate.put(keys[i], value);
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    candidate.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public byte[] put() throws IOException {
    return candidate.put(keys[random.nextInt(KEYS)], value);
  }

  @Benchmark
  public byte[] get() {
    return candidate.get(keys[random.nextInt(KEYS)]);
  }

  @Benchmark
  public int scan100() {
    return candidate.scan(keys[random.nextInt(KEYS - 100)], 100);
  }

  /** The offramp's store, committed after every {@code group} writes. */
  static final class Mv implements Candidate {
    private final KvStore kv;
    private final int group;
    private int uncommitted;

    Mv(KvStore kv, int group) {
      this.kv = kv;
      this.group = group;
    }

    @Override
    public byte[] put(byte[] key, byte[] value) {
      byte[] old = kv.put(key, value);
      if (++uncommitted == group) {
        kv.commit();
        uncommitted = 0;
      }
      return old;
    }

    @Override
    public byte[] get(byte[] key) {
      return kv.get(key);
    }

    @Override
    public int scan(byte[] start, int limit) {
      // the offramp's scan has an end bound, not a limit: bound it at the key `limit` further on
      byte[] end = Arrays.copyOf(start, start.length);
      int n = Integer.parseInt(new String(start, 4, 5, StandardCharsets.UTF_8)) + limit;
      byte[] digits = String.format("%05d", n).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(digits, 0, end, 4, 5);
      List<KvStore.Entry> entries = kv.scan(start, end);
      return entries.size();
    }

    @Override
    public void close() {
      kv.close();
    }
  }

  /** An append-only log plus a sorted in-memory map of every pair. */
  static final class AppLog implements Candidate {
    private final FileChannel log;
    private final NavigableMap<byte[], byte[]> index = new TreeMap<>(Arrays::compareUnsigned);
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

    AppLog(Path dir) throws IOException {
      log =
          FileChannel.open(
              dir.resolve("kv.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Override
    public byte[] put(byte[] key, byte[] value) throws IOException {
      buffer.clear();
      buffer.putInt(key.length).putInt(value.length).put(key).put(value).flip();
      while (buffer.hasRemaining()) {
        log.write(buffer);
      }
      return index.put(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
      return index.get(key);
    }

    @Override
    public int scan(byte[] start, int limit) {
      int n = 0;
      for (Map.Entry<byte[], byte[]> e : index.tailMap(start, true).entrySet()) {
        if (n++ == limit) {
          break;
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      log.force(true);
      log.close();
    }
  }
}
