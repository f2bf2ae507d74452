package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Utf8;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tremor's {@code binflux} codec, a binary form of an influx line (all numbers big-endian): {@code
 * u16 version (0)}, measurement, {@code u64 timestamp}, {@code u16} tag count and key/value pairs,
 * {@code u16} field count and key, type byte (0 i64, 1 f64, 2 string, 3 true, 4 false) and value;
 * strings are a {@code u16} length and UTF-8.
 *
 * <p>Decodes to {@code {"measurement", "tags", "fields", "timestamp"}} like the {@code influx}
 * codec. Differences from Tremor 0.11, which would panic or go out of step: truncated data, invalid
 * UTF-8 and unknown field types are errors (with the byte offset); the tag count written counts
 * only the string tags that are written. A timestamp above {@code Long.MAX_VALUE} decodes as a
 * float.
 */
public final class BinfluxCodec implements Codec {
  public static final String NAME = "binflux";
  static final String ERROR_PREFIX = "Invalid BInflux Line Protocol data: ";

  private static final int TYPE_I64 = 0;
  private static final int TYPE_F64 = 1;
  private static final int TYPE_STRING = 2;
  private static final int TYPE_TRUE = 3;
  private static final int TYPE_FALSE = 4;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    Reader r = new Reader(data);
    if (r.u16("version") != 0) {
      throw new CodecException(ERROR_PREFIX + "invalid version");
    }
    Value measurement = Value.of(r.string("measurement"));
    long ts = r.u64("timestamp");
    Value timestamp = ts >= 0 ? Value.of(ts) : Value.of(unsignedToDouble(ts));
    int tagCount = r.u16("tag count");
    LinkedHashMap<String, Value> tags = new LinkedHashMap<>();
    for (int i = 0; i < tagCount; i++) {
      String key = r.string("tag key");
      tags.put(key, Value.of(r.string("tag value")));
    }
    int fieldCount = r.u16("field count");
    LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
    for (int i = 0; i < fieldCount; i++) {
      String key = r.string("field key");
      int at = r.pos;
      int type = r.u8("field type");
      Value v =
          switch (type) {
            case TYPE_I64 -> Value.of(r.u64("integer field"));
            case TYPE_F64 -> Value.of(Double.longBitsToDouble(r.u64("float field")));
            case TYPE_STRING -> Value.of(r.string("string field"));
            case TYPE_TRUE -> Value.TRUE;
            case TYPE_FALSE -> Value.FALSE;
            default ->
                throw new CodecException(
                    ERROR_PREFIX
                        + "unknown type "
                        + type
                        + " of field \""
                        + key
                        + "\" at byte "
                        + at);
          };
      fields.put(key, v);
    }
    LinkedHashMap<String, Value> m = new LinkedHashMap<>();
    m.put("measurement", measurement);
    m.put("tags", Value.obj(tags));
    m.put("fields", Value.obj(fields));
    m.put("timestamp", timestamp);
    return Optional.of(Value.obj(m));
  }

  private static double unsignedToDouble(long v) {
    return (double) (v >>> 1) * 2.0 + (v & 1);
  }

  private static final class Reader {
    final byte[] data;
    int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    private void need(int n, String what) throws CodecException {
      if (data.length - pos < n) {
        throw new CodecException(
            ERROR_PREFIX
                + "the data ends at byte "
                + data.length
                + " in the "
                + what
                + " ("
                + n
                + " bytes needed at byte "
                + pos
                + ")");
      }
    }

    int u8(String what) throws CodecException {
      need(1, what);
      return data[pos++] & 0xFF;
    }

    int u16(String what) throws CodecException {
      need(2, what);
      int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    long u64(String what) throws CodecException {
      need(8, what);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (data[pos + i] & 0xFF);
      }
      pos += 8;
      return v;
    }

    String string(String what) throws CodecException {
      int length = u16(what + " length");
      need(length, what);
      Utf8.Error error = Utf8.findError(data, pos, pos + length);
      if (error != null) {
        throw new CodecException(
            ERROR_PREFIX + "the " + what + " at byte " + pos + " is not UTF-8: " + error.message());
      }
      String s = new String(data, pos, length, StandardCharsets.UTF_8);
      pos += length;
      return s;
    }
  }

  @Override
  public byte[] encode(Value value) throws CodecException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    u16(out, 0);
    Value.Obj o = value instanceof Value.Obj obj ? obj : Value.EMPTY_OBJECT;
    if (!(o.get("measurement") instanceof Value.Str measurement)) {
      throw new CodecException(ERROR_PREFIX + "measurement missing");
    }
    string(out, measurement.value());
    if (!(o.get("timestamp") instanceof Value.Int ts) || ts.value() < 0) {
      throw new CodecException(ERROR_PREFIX + "timestamp missing");
    }
    u64(out, ts.value());
    if (o.get("tags") instanceof Value.Obj tags) {
      long strings = tags.fields().values().stream().filter(v -> v instanceof Value.Str).count();
      if (strings > 0xFFFF) {
        throw new CodecException(ERROR_PREFIX + "too many tags");
      }
      u16(out, (int) strings);
      for (Map.Entry<String, Value> e : tags.fields().entrySet()) {
        if (e.getValue() instanceof Value.Str s) {
          string(out, e.getKey());
          string(out, s.value());
        }
      }
    } else {
      u16(out, 0);
    }
    if (o.get("fields") instanceof Value.Obj fields) {
      if (fields.size() > 0xFFFF) {
        throw new CodecException(ERROR_PREFIX + "too many fields");
      }
      u16(out, fields.size());
      for (Map.Entry<String, Value> e : fields.fields().entrySet()) {
        string(out, e.getKey());
        switch (e.getValue()) {
          case Value.Int i -> {
            out.write(TYPE_I64);
            u64(out, i.value());
          }
          case Value.Float f -> {
            out.write(TYPE_F64);
            u64(out, Double.doubleToRawLongBits(f.value()));
          }
          case Value.Bool b -> out.write(b.value() ? TYPE_TRUE : TYPE_FALSE);
          case Value.Str s -> {
            out.write(TYPE_STRING);
            string(out, s.value());
          }
          default ->
              throw new CodecException(
                  ERROR_PREFIX
                      + "Unknown type as influx line value: "
                      + InfluxCodec.rustTypeName(e.getValue()));
        }
      }
    } else {
      u16(out, 0);
    }
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  private static void u64(ByteArrayOutputStream out, long v) {
    for (int i = 56; i >= 0; i -= 8) {
      out.write((int) (v >>> i));
    }
  }

  private static void string(ByteArrayOutputStream out, String s) throws CodecException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0xFFFF) {
      throw new CodecException(ERROR_PREFIX + "string too long");
    }
    u16(out, bytes.length);
    out.writeBytes(bytes);
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, BinfluxCodec::new);
    }
  }
}
