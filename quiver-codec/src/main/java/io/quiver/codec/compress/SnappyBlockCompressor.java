package io.quiver.codec.compress;

import java.io.ByteArrayOutputStream;

/**
 * Snappy's raw format written the way the reference compressor (and the Rust {@code snap} 1.0.5
 * crate that Tremor 0.11.12 uses) writes it, so that Quiver's snappy output is the same bytes as
 * Tremor's: a varint of the length, then per 64 KiB block literals and copies found through a hash
 * table of 4-byte sequences, with the reference's skipping heuristic (after 32 misses it looks at
 * every second byte, and so on).
 *
 * <p>One compressor per thread (it keeps its hash table between calls).
 */
final class SnappyBlockCompressor {
  static final int MAX_BLOCK_SIZE = 1 << 16;
  private static final int MAX_TABLE_SIZE = 1 << 14;
  private static final int INPUT_MARGIN = 16 - 1;
  private static final int MIN_NON_LITERAL_BLOCK_SIZE = 1 + 1 + INPUT_MARGIN;
  private static final int LITERAL = 0;
  private static final int COPY_1 = 1;
  private static final int COPY_2 = 2;

  private final char[] table = new char[MAX_TABLE_SIZE];

  /** Compresses {@code src[from, from+len)} into {@code out} (length varint, then the blocks). */
  void compress(byte[] src, int from, int len, ByteArrayOutputStream out) {
    writeVarint(out, len);
    int end = from + len;
    for (int block = from; block < end; block += MAX_BLOCK_SIZE) {
      int blockLen = Math.min(MAX_BLOCK_SIZE, end - block);
      new Block(src, block, blockLen, out).run();
    }
  }

  private static void writeVarint(ByteArrayOutputStream out, long v) {
    while (v >= 0x80) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** One block: positions are relative to {@code base}, as the reference's table holds them. */
  private final class Block {
    private final byte[] src;
    private final int base;
    private final int len;
    private final ByteArrayOutputStream out;
    private int shift;
    private int s;
    private int nextEmit;

    Block(byte[] src, int base, int len, ByteArrayOutputStream out) {
      this.src = src;
      this.base = base;
      this.len = len;
      this.out = out;
    }

    void run() {
      if (len < MIN_NON_LITERAL_BLOCK_SIZE) {
        emitLiteral(len);
        return;
      }
      int tableSize = 256;
      shift = 32 - 8;
      while (tableSize < MAX_TABLE_SIZE && tableSize < len) {
        shift--;
        tableSize *= 2;
      }
      java.util.Arrays.fill(table, 0, tableSize, (char) 0);
      compressBlock();
    }

    private void compressBlock() {
      int limit = len - INPUT_MARGIN;
      s = 1;
      int nextHash = hash(u32(s));
      while (true) {
        int skip = 32;
        int candidate;
        int sNext = s;
        while (true) {
          s = sNext;
          int step = skip >>> 5;
          sNext = s + step;
          skip += step;
          if (sNext > limit) {
            done();
            return;
          }
          candidate = table[nextHash];
          table[nextHash] = (char) s;
          nextHash = hash(u32(sNext));
          if (u32(s) == u32(candidate)) {
            break;
          }
        }
        emitLiteral(s);
        while (true) {
          int start = s;
          s += 4;
          extendMatch(candidate + 4);
          emitCopy(start - candidate, s - start);
          nextEmit = s;
          if (s >= limit) {
            done();
            return;
          }
          // the table learns src[s-1..s+3] and src[s..s+4]; a hit on the latter extends on
          table[hash(u32(s - 1))] = (char) (s - 1);
          int current = u32(s);
          int h = hash(current);
          candidate = table[h];
          table[h] = (char) s;
          if (current != u32(candidate)) {
            nextHash = hash(u32(s + 1));
            s++;
            break;
          }
        }
      }
    }

    private int hash(int fourBytes) {
      return (fourBytes * 0x1E35A7BD) >>> shift;
    }

    /** The little-endian 4 bytes at block position {@code p}. */
    private int u32(int p) {
      int i = base + p;
      return (src[i] & 0xff)
          | (src[i + 1] & 0xff) << 8
          | (src[i + 2] & 0xff) << 16
          | (src[i + 3] & 0xff) << 24;
    }

    private void extendMatch(int candidate) {
      while (s < len && src[base + s] == src[base + candidate]) {
        s++;
        candidate++;
      }
    }

    private void done() {
      if (nextEmit < len) {
        emitLiteral(len);
      }
    }

    private void emitLiteral(int literalEnd) {
      int length = literalEnd - nextEmit;
      int n = length - 1;
      if (n <= 59) {
        out.write(n << 2 | LITERAL);
      } else if (n < 256) {
        out.write(60 << 2 | LITERAL);
        out.write(n);
      } else {
        out.write(61 << 2 | LITERAL);
        out.write(n & 0xff);
        out.write(n >>> 8);
      }
      out.write(src, base + nextEmit, length);
    }

    /** Copies of at most 64 bytes; a long copy ends with one that a 2-byte copy can carry. */
    private void emitCopy(int offset, int length) {
      while (length >= 68) {
        emitCopy2(offset, 64);
        length -= 64;
      }
      if (length > 64) {
        emitCopy2(offset, 60);
        length -= 60;
      }
      if (length <= 11 && offset <= 2047) {
        out.write((offset >>> 8) << 5 | (length - 4) << 2 | COPY_1);
        out.write(offset & 0xff);
      } else {
        emitCopy2(offset, length);
      }
    }

    private void emitCopy2(int offset, int length) {
      out.write((length - 1) << 2 | COPY_2);
      out.write(offset & 0xff);
      out.write(offset >>> 8);
    }
  }
}
