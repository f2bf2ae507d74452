package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.value.Json;
import io.quiver.value.RustNumbers;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Tremor's {@code statsd} codec: {@code <metric>:<value>|<type>[|@<sample_rate>]} with types {@code
 * c}, {@code g}, {@code h}, {@code ms}, {@code s}.
 *
 * <p>Decoded as {@code {"metric", "type", ["action"], ["sample_rate"], "value"}}: the value is an
 * integer unless it contains a '.'; for gauges a leading '+' gives {@code "action": "add"} and a
 * leading '-' gives {@code "action": "sub"} with the value's magnitude, so that encoding restores
 * the sign. Malformed input fails with {@code Invalid statsd metric} or Rust's number error text.
 */
public final class StatsdCodec implements Codec {
  public static final String NAME = "statsd";
  static final String INVALID = "Invalid statsd metric";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    int colon = indexOf(data, (byte) ':', 0);
    if (colon < 0) {
      throw new CodecException(INVALID);
    }
    LinkedHashMap<String, Value> m = new LinkedHashMap<>();
    m.put("metric", Value.of(StrictUtf8Text.decode(data, 0, colon, "")));
    int valueStart = colon + 1;
    int bar = indexOf(data, (byte) '|', valueStart);
    if (bar < 0) {
      throw new CodecException(INVALID);
    }
    String text = StrictUtf8Text.decode(data, valueStart, bar, "");
    Value value;
    try {
      value =
          text.indexOf('.') >= 0
              ? Value.of(RustNumbers.parseF64(text, RustNumbers.FloatDialect.RUST_STD))
              : Value.of(RustNumbers.parseI64(text));
    } catch (RustNumbers.ParseException e) {
      throw new CodecException(e.getMessage());
    }
    int i = bar + 1;
    if (i >= data.length) {
      throw new CodecException(INVALID);
    }
    switch (data[i]) {
      case 'c', 'h', 's' -> {
        m.put("type", Value.of(String.valueOf((char) data[i])));
        i++;
      }
      case 'm' -> {
        if (i + 1 < data.length && data[i + 1] == 's') {
          m.put("type", Value.of("ms"));
          i += 2;
        } else {
          throw new CodecException(INVALID);
        }
      }
      case 'g' -> {
        byte sign = data[valueStart < bar ? valueStart : bar];
        if (sign == '+') {
          m.put("action", Value.of("add"));
        } else if (sign == '-') {
          value = negate(value);
          m.put("action", Value.of("sub"));
        }
        m.put("type", Value.of("g"));
        i++;
      }
      default -> throw new CodecException(INVALID);
    }
    if (i < data.length) {
      if (data[i] != '|' || i + 1 >= data.length || data[i + 1] != '@') {
        throw new CodecException(INVALID);
      }
      try {
        m.put(
            "sample_rate",
            Value.of(
                RustNumbers.parseF64(
                    StrictUtf8Text.decode(data, i + 2, data.length, ""),
                    RustNumbers.FloatDialect.RUST_STD)));
      } catch (RustNumbers.ParseException e) {
        throw new CodecException(e.getMessage());
      }
    }
    m.put("value", value);
    return Optional.of(Value.obj(m));
  }

  private static Value negate(Value v) {
    return switch (v) {
      case Value.Int i -> Value.of(-i.value());
      case Value.Float f -> Value.of(-f.value());
      default -> v;
    };
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public byte[] encode(Value value) throws CodecException {
    if (!(value instanceof Value.Obj o)
        || !(o.get("metric") instanceof Value.Str metric)
        || !(o.get("type") instanceof Value.Str type)
        || !isNumber(o.get("value"))) {
      throw new CodecException(INVALID);
    }
    StringBuilder r = new StringBuilder(metric.value()).append(':');
    if (type.value().equals("g") && o.get("action") instanceof Value.Str action) {
      if (action.value().equals("add")) {
        r.append('+');
      } else if (action.value().equals("sub")) {
        r.append('-');
      }
    }
    r.append(Json.write(o.get("value"))).append('|').append(type.value());
    Value rate = o.get("sample_rate");
    if (rate != null) {
      if (!isNumber(rate)) {
        throw new CodecException(INVALID);
      }
      r.append("|@").append(Json.write(rate));
    }
    return r.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isNumber(Value v) {
    return v instanceof Value.Int || v instanceof Value.Float;
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider extends NamedCodecProvider {
    public Provider() {
      super(NAME, StatsdCodec::new);
    }
  }
}
