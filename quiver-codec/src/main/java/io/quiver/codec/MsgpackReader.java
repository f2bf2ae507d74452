package io.quiver.codec;

import io.quiver.spi.CodecException;
import io.quiver.value.Json;
import io.quiver.value.Utf8;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads one MessagePack value (spec: github.com/msgpack/msgpack/blob/master/spec.md).
 *
 * <p>nil, bool, integers, float32/64 (as float), str, bin (as bytes), array, map with str keys. A
 * str that is not valid UTF-8 becomes bytes (rmp-serde hands such a str to Tremor as bytes). A
 * uint64 above {@code Long.MAX_VALUE} becomes a float (Quiver has signed 64-bit integers only; the
 * JSON reader does the same). Extension types, the unused byte 0xc1 and non-str map keys are
 * errors; lengths are checked against the data before anything is allocated.
 */
final class MsgpackReader {
  private final byte[] data;
  private int pos;

  MsgpackReader(byte[] data) {
    this.data = data;
  }

  Value read() throws CodecException {
    return value(0);
  }

  private CodecException error(String message) {
    return new CodecException(MsgpackCodec.ERROR_PREFIX + message);
  }

  private CodecException truncated() {
    return error("the data ends in the middle of a value (truncated?)");
  }

  private void need(long n) throws CodecException {
    if (n > data.length - pos) {
      throw truncated();
    }
  }

  private int u8() throws CodecException {
    need(1);
    return data[pos++] & 0xFF;
  }

  private int u16() throws CodecException {
    need(2);
    int v = (data[pos] & 0xFF) << 8 | (data[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  private long u32() throws CodecException {
    need(4);
    long v =
        (data[pos] & 0xFFL) << 24
            | (data[pos + 1] & 0xFF) << 16
            | (data[pos + 2] & 0xFF) << 8
            | (data[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  private long u64() throws CodecException {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (data[pos + i] & 0xFF);
    }
    pos += 8;
    return v;
  }

  private Value value(int depth) throws CodecException {
    if (depth > Json.MAX_DEPTH) {
      throw error("nesting deeper than " + Json.MAX_DEPTH + " levels");
    }
    int at = pos;
    int b = u8();
    if (b <= 0x7f) {
      return Value.of(b);
    }
    if (b >= 0xe0) {
      return Value.of((long) (byte) b);
    }
    if (b <= 0x8f) {
      return map(b & 0x0f, depth);
    }
    if (b <= 0x9f) {
      return array(b & 0x0f, depth);
    }
    if (b <= 0xbf) {
      return str(b & 0x1f);
    }
    return switch (b) {
      case 0xc0 -> Value.NULL;
      case 0xc2 -> Value.FALSE;
      case 0xc3 -> Value.TRUE;
      case 0xc4 -> Value.of(bytes(u8()));
      case 0xc5 -> Value.of(bytes(u16()));
      case 0xc6 -> Value.of(bytes(u32()));
      case 0xca -> {
        need(4);
        yield Value.of((double) Float.intBitsToFloat((int) u32()));
      }
      case 0xcb -> Value.of(Double.longBitsToDouble(u64()));
      case 0xcc -> Value.of(u8());
      case 0xcd -> Value.of(u16());
      case 0xce -> Value.of(u32());
      case 0xcf -> {
        long v = u64();
        yield v >= 0 ? Value.of(v) : Value.of((double) (v >>> 1) * 2.0 + (v & 1));
      }
      case 0xd0 -> Value.of((long) (byte) u8());
      case 0xd1 -> Value.of((long) (short) u16());
      case 0xd2 -> Value.of((long) (int) u32());
      case 0xd3 -> Value.of(u64());
      case 0xd9 -> str(u8());
      case 0xda -> str(u16());
      case 0xdb -> str(u32());
      case 0xdc -> array(u16(), depth);
      case 0xdd -> array(u32(), depth);
      case 0xde -> map(u16(), depth);
      case 0xdf -> map(u32(), depth);
      case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xc7, 0xc8, 0xc9 -> {
        if (b >= 0xc7 && b <= 0xc9) {
          long length = b == 0xc7 ? u8() : b == 0xc8 ? u16() : u32();
          need(length + 1);
        } else {
          need(1 + (1 << (b - 0xd4)));
        }
        throw error("extension type " + data[pos] + " at byte " + at + " is not supported");
      }
      default ->
          throw error("the byte 0xc1 at byte " + at + " is not a MessagePack format (never used)");
    };
  }

  private byte[] bytes(long length) throws CodecException {
    need(length);
    byte[] b = Arrays.copyOfRange(data, pos, pos + (int) length);
    pos += (int) length;
    return b;
  }

  private Value str(long length) throws CodecException {
    need(length);
    int n = (int) length;
    Value v;
    if (Utf8.findError(data, pos, pos + n) == null) {
      v = Value.of(new String(data, pos, n, StandardCharsets.UTF_8));
    } else {
      v = Value.of(Arrays.copyOfRange(data, pos, pos + n));
    }
    pos += n;
    return v;
  }

  private Value array(long n, int depth) throws CodecException {
    need(n); // every element takes at least one byte
    List<Value> items = new ArrayList<>((int) n);
    for (long i = 0; i < n; i++) {
      items.add(value(depth + 1));
    }
    return new Value.Arr(items);
  }

  private Value map(long n, int depth) throws CodecException {
    need(n * 2);
    LinkedHashMap<String, Value> fields =
        new LinkedHashMap<>((int) Math.min(n * 2, Integer.MAX_VALUE / 2));
    for (long i = 0; i < n; i++) {
      fields.put(key(i), value(depth + 1));
    }
    return Value.obj(fields);
  }

  private String key(long index) throws CodecException {
    int b = u8();
    long length;
    if (b >= 0xa0 && b <= 0xbf) {
      length = b & 0x1f;
    } else if (b == 0xd9) {
      length = u8();
    } else if (b == 0xda) {
      length = u16();
    } else if (b == 0xdb) {
      length = u32();
    } else {
      throw error("map key " + (index + 1) + " is " + typeName(b) + ", expected a string");
    }
    need(length);
    int n = (int) length;
    Utf8.Error bad = Utf8.findError(data, pos, pos + n);
    if (bad != null) {
      throw error("map key " + (index + 1) + " is not UTF-8: " + bad.message());
    }
    String key = new String(data, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return key;
  }

  private static String typeName(int b) {
    if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) {
      return "integer";
    }
    if (b <= 0x8f || b == 0xde || b == 0xdf) {
      return "map";
    }
    if (b <= 0x9f || b == 0xdc || b == 0xdd) {
      return "array";
    }
    return switch (b) {
      case 0xc0 -> "nil";
      case 0xc2, 0xc3 -> "boolean";
      case 0xc4, 0xc5, 0xc6 -> "binary";
      case 0xca, 0xcb -> "float";
      case 0xc1 -> "the unused byte 0xc1";
      default -> "extension";
    };
  }
}
