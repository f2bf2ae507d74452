package io.quiver.script;

import java.nio.charset.StandardCharsets;

/**
 * Jump consistent hashing of a string key, as Tremor's {@code chash::jump}: the key is hashed with
 * SipHash-1-3 (Rust's default hasher) (keys k0, k1; the string's bytes followed by 0xFF, as Rust
 * hashes a {@code str}) and the hash is mapped to a slot with Lamping and Veach's jump hash.
 */
final class JumpHash {
  /** The ASCII of {@code "tremor\0\0"} and {@code "\0\0tremor"} as Tremor's default keys. */
  static final long TREMOR_K0 = 8_390_880_576_440_238_080L;

  static final long TREMOR_K1 = 128_034_676_764_530L;

  private JumpHash() {}

  static long slot(long k0, long k1, String key, long slots) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, data, 0, bytes.length);
    data[bytes.length] = (byte) 0xFF;
    return jump(sipHash13(k0, k1, data), slots);
  }

  static long jump(long key, long buckets) {
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return b;
  }

  static long sipHash13(long k0, long k1, byte[] data) {
    SipState state = new SipState(k0, k1);
    int len = data.length;
    int end = len - (len % 8);
    for (int i = 0; i < end; i += 8) {
      state.compress(littleEndian(data, i, 8));
    }
    state.compress(((long) len & 0xFF) << 56 | littleEndian(data, end, len - end));
    return state.finish();
  }

  /** SipHash's four words of state, with one compression round per word and three at the end. */
  private static final class SipState {
    private long v0;
    private long v1;
    private long v2;
    private long v3;

    SipState(long k0, long k1) {
      v0 = k0 ^ 0x736f6d6570736575L;
      v1 = k1 ^ 0x646f72616e646f6dL;
      v2 = k0 ^ 0x6c7967656e657261L;
      v3 = k1 ^ 0x7465646279746573L;
    }

    void compress(long m) {
      v3 ^= m;
      round();
      v0 ^= m;
    }

    long finish() {
      v2 ^= 0xff;
      round();
      round();
      round();
      return v0 ^ v1 ^ v2 ^ v3;
    }

    private void round() {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
  }

  private static long littleEndian(byte[] data, int offset, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (data[offset + i] & 0xFFL) << (8 * i);
    }
    return v;
  }
}
