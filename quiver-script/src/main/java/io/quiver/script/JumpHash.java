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
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    int len = data.length;
    int end = len - (len % 8);
    for (int i = 0; i < end; i += 8) {
      long m = littleEndian(data, i, 8);
      v3 ^= m;
      for (int r = 0; r < 1; r++) {
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
      v0 ^= m;
    }
    long last = ((long) len & 0xFF) << 56;
    last |= littleEndian(data, end, len - end);
    v3 ^= last;
    for (int r = 0; r < 1; r++) {
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
    v0 ^= last;
    v2 ^= 0xff;
    for (int r = 0; r < 3; r++) {
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
    return v0 ^ v1 ^ v2 ^ v3;
  }

  private static long littleEndian(byte[] data, int offset, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (data[offset + i] & 0xFFL) << (8 * i);
    }
    return v;
  }
}
