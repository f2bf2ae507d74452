package io.quiver.connectors.otel;

import com.google.protobuf.ByteString;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Trace and span ids: OTLP carries them as bytes, Tremor's events as lower-case hex strings; on the
 * way back a hex string, a byte value or an array of integers 0..255 is taken ({@code
 * connectors/otel/id.rs}, with its error texts).
 */
final class OtelIds {
  private static final HexFormat HEX = HexFormat.of();

  private OtelIds() {}

  static Value toValue(ByteString id) {
    return Value.of(HEX.formatHex(id.toByteArray()));
  }

  static ByteString traceId(Value v) throws OtelMappingException {
    return toPb("trace", v, 16, false);
  }

  static ByteString spanId(Value v) throws OtelMappingException {
    return toPb("span", v, 8, false);
  }

  static ByteString parentSpanId(Value v) throws OtelMappingException {
    return toPb("parent span", v, 8, true);
  }

  /**
   * The ids of a log record or an exemplar, which OTLP leaves empty outside a span (Tremor refused
   * the empty id there; Quiver keeps it empty).
   */
  static ByteString optionalTraceId(Value v) throws OtelMappingException {
    return toPb("trace", v, 16, true);
  }

  static ByteString optionalSpanId(Value v) throws OtelMappingException {
    return toPb("span", v, 8, true);
  }

  private static ByteString toPb(String kind, Value v, int length, boolean allowEmpty)
      throws OtelMappingException {
    byte[] bytes;
    String what;
    switch (v) {
      case Value.Str s -> {
        bytes = hexToBytes(s.value());
        if (bytes == null) {
          throw new OtelMappingException(
              "Invalid hex encoded string - cannot convert " + kind + " to pb");
        }
        what = "string length 1";
      }
      case Value.Bytes b -> {
        bytes = b.value();
        what = "byte length";
      }
      case Value.Arr a -> {
        bytes = arrayBytes(kind, a);
        what = "array length";
      }
      case null, default ->
          throw new OtelMappingException("Cannot convert json value to otel pb " + kind + " id");
    }
    if ((allowEmpty && bytes.length == 0) || bytes.length == length) {
      return ByteString.copyFrom(bytes);
    }
    throw new OtelMappingException(
        "Invalid " + kind + " id ( wrong " + what + " ) - cannot convert to pb");
  }

  private static byte[] arrayBytes(String kind, Value.Arr a) throws OtelMappingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.size());
    for (Value item : a.items()) {
      if (item instanceof Value.Int i) {
        if (i.value() > 255) {
          throw new OtelMappingException(
              "Invalid "
                  + kind
                  + " id ( wrong array element ) - values must be 0 <= [..., v="
                  + i.value()
                  + " , ...] <= 255 - cannot convert to pb");
        }
        out.write((int) i.value());
      }
    }
    return out.toByteArray();
  }

  /** Tremor's {@code hex_to_bytes}: pairs of hex digits, or null. */
  static byte[] hexToBytes(String hex) {
    if (hex.length() % 2 != 0) {
      return null;
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }
}
