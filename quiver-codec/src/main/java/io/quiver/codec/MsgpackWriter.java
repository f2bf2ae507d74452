package io.quiver.codec;

import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a value as MessagePack: the most compact integer form (non-negative values as positive
 * fixint or uint, as rmp does), float64 for floats, str, bin, array, map; records keep their field
 * order.
 */
final class MsgpackWriter {
  private byte[] buf;
  private int len;

  private MsgpackWriter(int capacity) {
    buf = new byte[capacity];
  }

  static byte[] write(Value value) {
    MsgpackWriter w = new MsgpackWriter(256);
    w.value(value);
    return Arrays.copyOf(w.buf, w.len);
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  private void b(int v) {
    ensure(1);
    buf[len++] = (byte) v;
  }

  private void u16(int marker, int v) {
    ensure(3);
    buf[len++] = (byte) marker;
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  private void u32(int marker, long v) {
    ensure(5);
    buf[len++] = (byte) marker;
    for (int s = 24; s >= 0; s -= 8) {
      buf[len++] = (byte) (v >>> s);
    }
  }

  private void u64(int marker, long v) {
    ensure(9);
    buf[len++] = (byte) marker;
    for (int s = 56; s >= 0; s -= 8) {
      buf[len++] = (byte) (v >>> s);
    }
  }

  private void integer(long v) {
    if (v >= 0) {
      if (v < 128) {
        b((int) v);
      } else if (v < 256) {
        b(0xcc);
        b((int) v);
      } else if (v < 65536) {
        u16(0xcd, (int) v);
      } else if (v < 4294967296L) {
        u32(0xce, v);
      } else {
        u64(0xcf, v);
      }
    } else if (v >= -32) {
      b((int) v);
    } else if (v >= -128) {
      b(0xd0);
      b((int) v);
    } else if (v >= -32768) {
      u16(0xd1, (int) v);
    } else if (v >= Integer.MIN_VALUE) {
      u32(0xd2, v);
    } else {
      u64(0xd3, v);
    }
  }

  private void header(int fix, int fixMax, int m8, int m16, int m32, int n) {
    if (n <= fixMax) {
      b(fix | n);
    } else if (m8 != 0 && n < 256) {
      b(m8);
      b(n);
    } else if (n < 65536) {
      u16(m16, n);
    } else {
      u32(m32, n);
    }
  }

  private void str(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    header(0xa0, 31, 0xd9, 0xda, 0xdb, utf8.length);
    raw(utf8);
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  private void value(Value value) {
    switch (value) {
      case Value.Null n -> b(0xc0);
      case Value.Bool bool -> b(bool.value() ? 0xc3 : 0xc2);
      case Value.Int i -> integer(i.value());
      case Value.Float f -> u64(0xcb, Double.doubleToRawLongBits(f.value()));
      case Value.Str s -> str(s.value());
      case Value.Bytes bytes -> {
        int n = bytes.value().length;
        if (n < 256) {
          b(0xc4);
          b(n);
        } else if (n < 65536) {
          u16(0xc5, n);
        } else {
          u32(0xc6, n);
        }
        raw(bytes.value());
      }
      case Value.Arr a -> {
        header(0x90, 15, 0, 0xdc, 0xdd, a.size());
        for (Value item : a.items()) {
          value(item);
        }
      }
      case Value.Obj o -> {
        header(0x80, 15, 0, 0xde, 0xdf, o.size());
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
          str(e.getKey());
          value(e.getValue());
        }
      }
    }
  }
}
