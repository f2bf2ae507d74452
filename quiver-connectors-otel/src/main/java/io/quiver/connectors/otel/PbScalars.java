package io.quiver.connectors.otel;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads protobuf scalars out of event values, with Tremor's rules and error texts ({@code
 * connectors/pb.rs}): a missing string is empty, a missing number is an error, integers must fit
 * the field without sign loss or truncation, a float field takes integers too.
 */
final class PbScalars {
  private PbScalars() {}

  static String string(Value v) throws OtelMappingException {
    if (v == null) {
      return "";
    }
    if (v instanceof Value.Str s) {
      return s.value();
    }
    throw new OtelMappingException("Expected an json string to convert to pb string");
  }

  static long u64(Value v) throws OtelMappingException {
    if (v == null) {
      throw new OtelMappingException("Expected an json u64 to convert to pb u64");
    }
    if (v instanceof Value.Int i && i.value() >= 0) {
      return i.value();
    }
    throw new OtelMappingException("not coercable to u64");
  }

  static long i64(Value v) throws OtelMappingException {
    if (v == null) {
      throw new OtelMappingException("Expected an json i64 to convert to pb i64");
    }
    if (v instanceof Value.Int i) {
      return i.value();
    }
    throw new OtelMappingException("not coercable to i64");
  }

  static int i32(Value v) throws OtelMappingException {
    if (v == null) {
      throw new OtelMappingException("Expected an json i64 to convert to pb i32");
    }
    if (v instanceof Value.Int i && i.value() == (int) i.value()) {
      return (int) i.value();
    }
    throw new OtelMappingException("not coercable to i32");
  }

  static int u32(Value v) throws OtelMappingException {
    if (v == null) {
      throw new OtelMappingException(
          "Expected a json value convertible to pb u32 without truncation or sign loss");
    }
    if (v instanceof Value.Int i && i.value() >= 0 && i.value() <= 0xFFFF_FFFFL) {
      return (int) i.value();
    }
    throw new OtelMappingException("not coercable to u32");
  }

  static double f64(Value v) throws OtelMappingException {
    if (v == null) {
      throw new OtelMappingException("Expected a json f64 to convert to pb f64");
    }
    return switch (v) {
      case Value.Float f -> f.value();
      case Value.Int i -> i.value();
      default -> throw new OtelMappingException("not coercable to f64");
    };
  }

  static boolean bool(Value v) throws OtelMappingException {
    if (v == null) {
      throw new OtelMappingException("Expected a json bool to convert to pb bool");
    }
    if (v instanceof Value.Bool b) {
      return b.value();
    }
    throw new OtelMappingException("not coercable to bool");
  }

  static List<Double> f64List(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Arr a)) {
      throw new OtelMappingException("Unable to map json value to repeated f64 pb");
    }
    List<Double> out = new ArrayList<>(a.size());
    for (Value item : a.items()) {
      out.add(f64(item));
    }
    return out;
  }

  static List<Long> u64List(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Arr a)) {
      throw new OtelMappingException("Unable to map json value to repeated u64 pb");
    }
    List<Long> out = new ArrayList<>(a.size());
    for (Value item : a.items()) {
      out.add(u64(item));
    }
    return out;
  }

  /** A record field, or null when {@code v} is not a record or lacks it. */
  static Value field(Value v, String key) {
    return v instanceof Value.Obj o ? o.get(key) : null;
  }
}
