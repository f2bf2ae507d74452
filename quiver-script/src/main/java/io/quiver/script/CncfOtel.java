package io.quiver.script;

import io.quiver.script.FunctionRegistry.Builder;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Tremor's {@code cncf::otel} registry functions (registered by Tremor's runtime, not its script
 * crate): {@code gen_span_id_*} and {@code gen_trace_id_*} make a random 8- or 16-byte id as a hex
 * string, an array of integers or bytes. As in Tremor, the generator is seeded with the event's
 * ingest time ({@code SmallRng::seed_from_u64(ingest_ns)}: xoshiro256++ seeded through SplitMix64,
 * one byte per draw from bits 32..39), so the ids of an event are the same as Tremor's, and the
 * same on every call for one event. They read the event's context, so the interpreter evaluates
 * them ({@link #call}); the registered bodies only declare them.
 */
final class CncfOtel {
  static final String MODULE = "cncf::otel";

  private static final int SPAN_ID_BYTES = 8;
  private static final int TRACE_ID_BYTES = 16;

  private CncfOtel() {}

  static void register(Builder b) {
    for (String kind : List.of("span", "trace")) {
      for (String form : List.of("string", "array", "bytes")) {
        String name = "gen_" + kind + "_id_" + form;
        b.add(MODULE, name, 0, a -> call(name, 0));
      }
    }
  }

  /** The value of {@code cncf::otel::<function>()} for an event ingested at {@code ingestNs}. */
  static Value call(String function, long ingestNs) {
    byte[] id = randomBytes(function.contains("_span_") ? SPAN_ID_BYTES : TRACE_ID_BYTES, ingestNs);
    if (function.endsWith("_string")) {
      return Value.of(HexFormat.of().formatHex(id));
    }
    if (function.endsWith("_bytes")) {
      return Value.of(id);
    }
    List<Value> items = new ArrayList<>(id.length);
    for (byte b : id) {
      items.add(Value.of(b & 0xFF));
    }
    return Value.array(items);
  }

  static byte[] randomBytes(int n, long seed) {
    Xoshiro256PlusPlus rng = Xoshiro256PlusPlus.seedFromU64(seed);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      // rand 0.8: gen_range(0..=255u8) spans all of u8, so it is `next_u32() as u8`, and
      // xoshiro256++'s next_u32 is the upper half of next_u64
      out[i] = (byte) (rng.nextLong() >>> 32);
    }
    return out;
  }

  /** Rust rand 0.8's {@code SmallRng} on 64-bit targets. */
  static final class Xoshiro256PlusPlus {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    Xoshiro256PlusPlus(long s0, long s1, long s2, long s3) {
      this.s0 = s0;
      this.s1 = s1;
      this.s2 = s2;
      this.s3 = s3;
    }

    /** {@code seed_from_u64}: four SplitMix64 outputs (an all-zero seed cannot come out of it). */
    static Xoshiro256PlusPlus seedFromU64(long state) {
      long[] s = new long[4];
      for (int i = 0; i < 4; i++) {
        state += 0x9e3779b97f4a7c15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        s[i] = z ^ (z >>> 31);
      }
      return new Xoshiro256PlusPlus(s[0], s[1], s[2], s[3]);
    }

    long nextLong() {
      long result = Long.rotateLeft(s0 + s3, 23) + s0;
      long t = s1 << 17;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = Long.rotateLeft(s3, 45);
      return result;
    }
  }
}
